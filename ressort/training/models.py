"""Training: a catalogue of modules (the instance's, seeded from data/training/catalogue.yaml,
plus each démarche's own), needs collected by self-assessment consultations, co-built paths
per audience, sessions with their participants and scores, and the commitments of a
formation-action turned into ideas or actions of the démarche (their origin kept).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from ressort.actions.models import Action, Idea
from ressort.approaches.method import STEPS
from ressort.approaches.models import Approach
from ressort.library.models import Document
from ressort.workshops.models import Workshop


class Audience(models.TextChoices):
    ELECTED = "elus", "Élus"
    DIRECTION = "direction", "Direction"
    STAFF = "agents", "Agents"
    PARTNERS = "partenaires", "Partenaires"


class Trade(models.TextChoices):
    URBANISM = "urbanisme", "Urbanisme"
    ROADS = "voirie", "Voirie"
    WATER = "eau", "Eau et assainissement"
    EARLY_CHILDHOOD = "petite-enfance", "Petite enfance"
    PURCHASING = "achats", "Achats"
    SOCIAL = "social", "Action sociale"
    GREEN = "espaces-verts", "Espaces verts"
    OTHER = "autre", "Autre service"


class Format(models.TextChoices):
    CONFERENCE = "conference", "Conférence"
    WORKSHOP = "atelier", "Atelier"
    GAME = "jeu", "Jeu sérieux ou fresque"
    VISIT = "visite", "Visite de terrain"
    ACTION = "formation-action", "Formation-action"


SCORE = [MinValueValidator(0), MaxValueValidator(4)]
SATISFACTION = [MinValueValidator(1), MaxValueValidator(5)]


class Module(models.Model):
    """A training module. `approach` empty: the instance's catalogue (operators edit it in the
    administration); set: a module the démarche added for itself."""

    approach = models.ForeignKey(
        Approach,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="training_modules",
    )
    code = models.SlugField("code", max_length=60)
    title = models.CharField("intitulé", max_length=200)
    objectives = models.TextField("objectifs", help_text="Un objectif par ligne.")
    audiences = models.JSONField("publics", default=list)
    trades = models.JSONField("métiers visés", default=list, blank=True)
    duration_hours = models.DecimalField("durée (heures)", max_digits=5, decimal_places=1)
    format = models.CharField("format", max_length=16, choices=Format.choices)
    prerequisites = models.ManyToManyField(
        "self", symmetrical=False, blank=True, verbose_name="prérequis"
    )
    elements = models.JSONField("éléments de référentiel abordés", default=list, blank=True)
    topics = models.JSONField("thèmes de l'auto-évaluation", default=list, blank=True)
    phase = models.CharField(
        "étape de la méthode", max_length=3, choices=[(s.code, s.code) for s in STEPS]
    )
    materials = models.TextField("supports et matériel", blank=True)
    source = models.CharField("source", max_length=300, blank=True)
    catalogue_version = models.CharField("version du catalogue", max_length=40, blank=True)

    class Meta:
        verbose_name = "module de formation"
        verbose_name_plural = "modules de formation"
        ordering = ["phase", "title", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["approach", "code"], name="training_module_code"),
            models.UniqueConstraint(
                fields=["code"],
                condition=models.Q(approach__isnull=True),
                name="training_module_shipped_code",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def objective_list(self) -> list[str]:
        return [line.strip() for line in self.objectives.splitlines() if line.strip()]

    def audience_labels(self) -> list[str]:
        labels = dict(Audience.choices)
        return [str(labels[a]) for a in self.audiences if a in labels]

    def trade_labels(self) -> list[str]:
        labels = dict(Trade.choices)
        return [str(labels[t]) for t in self.trades if t in labels]


class NeedsSurvey(models.Model):
    """A self-assessment of knowledge and confidence per topic, run as a consultation."""

    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="training_needs")
    workshop = models.OneToOneField(
        Workshop, on_delete=models.CASCADE, related_name="training_needs"
    )
    topics = models.JSONField("thèmes", default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "recueil des besoins de formation"
        verbose_name_plural = "recueils des besoins de formation"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.workshop.title


class TrainingPath(models.Model):
    """An ordered sequence of modules for one audience (and, for agents, one trade)."""

    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="training_paths")
    title = models.CharField("intitulé", max_length=200)
    audience = models.CharField("public", max_length=12, choices=Audience.choices)
    trade = models.CharField("métier", max_length=16, choices=Trade.choices, blank=True)
    notes = models.TextField("comment il a été co-construit", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "parcours de formation"
        verbose_name_plural = "parcours de formation"
        ordering = ["audience", "trade", "title"]

    def __str__(self) -> str:
        return self.title


class PathStep(models.Model):
    demarche_path = "path__approach"

    path = models.ForeignKey(TrainingPath, on_delete=models.CASCADE, related_name="steps")
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="+")
    order = models.PositiveIntegerField("ordre", default=0)
    reason = models.CharField("pourquoi", max_length=300, blank=True)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"{self.order}. {self.module}"


class Session(models.Model):
    approach = models.ForeignKey(
        Approach, on_delete=models.CASCADE, related_name="training_sessions"
    )
    module = models.ForeignKey(
        Module, on_delete=models.SET_NULL, null=True, related_name="sessions"
    )
    path = models.ForeignKey(
        TrainingPath,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name="dans le parcours",
    )
    held_on = models.DateField("date")
    place = models.CharField("lieu", max_length=200)
    trainer = models.CharField("formateur ou formatrice", max_length=200)
    materials = models.TextField("supports utilisés", blank=True)
    documents = models.ManyToManyField(
        Document,
        blank=True,
        related_name="training_sessions",
        verbose_name="documents de la démarche",
    )
    notes = models.TextField("notes", blank=True)

    class Meta:
        verbose_name = "session de formation"
        verbose_name_plural = "sessions de formation"
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} — {self.held_on:%d/%m/%Y}"

    @property
    def title(self) -> str:
        return self.module.title if self.module else "Module supprimé"

    @property
    def is_formation_action(self) -> bool:
        return self.module is not None and self.module.format == Format.ACTION


class Attendee(models.Model):
    """A participant: a member of the démarche or a named outsider, with their scores."""

    demarche_path = "session__approach"

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendees")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="membre de la démarche",
    )
    name = models.CharField("nom", max_length=200)
    audience = models.CharField("public", max_length=12, choices=Audience.choices)
    trade = models.CharField("métier ou service", max_length=16, choices=Trade.choices, blank=True)
    present = models.BooleanField("présent·e", default=False)
    score_before = models.PositiveSmallIntegerField(
        "auto-évaluation avant (0 à 4)", null=True, blank=True, validators=SCORE
    )
    score_after = models.PositiveSmallIntegerField(
        "auto-évaluation après (0 à 4)", null=True, blank=True, validators=SCORE
    )
    satisfaction = models.PositiveSmallIntegerField(
        "satisfaction (1 à 5)", null=True, blank=True, validators=SATISFACTION
    )

    class Meta:
        verbose_name = "participant·e"
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "name"], name="training_attendee_once")
        ]

    def __str__(self) -> str:
        return self.name


class Commitment(models.Model):
    """What a participant of a formation-action commits to do, and what it became."""

    demarche_path = "session__approach"

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="commitments")
    attendee = models.ForeignKey(
        Attendee,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name="qui s'engage",
    )
    text = models.TextField("engagement")
    idea = models.OneToOneField(
        Idea, on_delete=models.SET_NULL, null=True, blank=True, related_name="training_origin"
    )
    action = models.OneToOneField(
        Action, on_delete=models.SET_NULL, null=True, blank=True, related_name="training_origin"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "engagement"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Headcount(models.Model):
    """How many people the démarche counts in a group: the coverage's denominator."""

    approach = models.ForeignKey(
        Approach, on_delete=models.CASCADE, related_name="training_headcounts"
    )
    audience = models.CharField("public", max_length=12, choices=Audience.choices)
    trade = models.CharField("métier ou service", max_length=16, choices=Trade.choices, blank=True)
    count = models.PositiveIntegerField("effectif", validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = "effectif"
        ordering = ["audience", "trade"]
        constraints = [
            models.UniqueConstraint(
                fields=["approach", "audience", "trade"], name="training_headcount_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.audience} {self.trade}: {self.count}"
