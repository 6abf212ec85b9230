"""Behaviour change: target behaviours per group of actors, their COM-B diagnosis, the
interventions chosen (attached to actions, with an indicator), and follow-up surveys run as
asynchronous consultations of the workshops app.

Suggestions are never stored: pages call `services.diagnosis`, which runs
`ressort.analysis.behaviour_wheel` on the stored determinants.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from ressort.actions.models import Action
from ressort.analysis.behaviour_wheel import COMPONENTS, FUNCTIONS, Kind
from ressort.approaches.models import Approach
from ressort.fieldwork.models import Observation, Testimony
from ressort.workshops.models import Workshop


class ActorGroup(models.TextChoices):
    ELECTED = "elus", "Élus"
    STAFF = "agents", "Agents de la collectivité"
    INHABITANTS = "habitants", "Habitants"
    COMPANIES = "entreprises", "Entreprises"
    FARMERS = "agriculteurs", "Agriculteurs"
    ASSOCIATIONS = "associations", "Associations"
    SCHOOLS = "etablissements", "Établissements scolaires et publics"
    OTHER = "autres", "Autres"


class Strength(models.IntegerChoices):
    WEAK = 1, "Faible"
    MEDIUM = 2, "Moyen"
    STRONG = 3, "Fort"


class Origin(models.TextChoices):
    TEAM = "equipe", "L'équipe"
    WORKSHOP = "atelier", "Un atelier"


COMPONENT_CHOICES = [(c, c) for c in COMPONENTS]  # labels come from the wheel's data file
FUNCTION_CHOICES = [(f, f) for f in FUNCTIONS]


class TargetBehaviour(models.Model):
    """« Arroser moins en été », « venir à vélo »: who, what, and the actions depending on it."""

    approach = models.ForeignKey(
        Approach, on_delete=models.CASCADE, related_name="target_behaviours"
    )
    group = models.CharField("groupe d'acteurs", max_length=16, choices=ActorGroup.choices)
    title = models.CharField("comportement visé", max_length=200)
    detail = models.TextField(
        "précisions",
        blank=True,
        help_text="Qui exactement, quoi, où, quand, à quelle fréquence.",
    )
    actions = models.ManyToManyField(
        Action,
        blank=True,
        related_name="target_behaviours",
        verbose_name="actions qui en dépendent",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "comportement visé"
        verbose_name_plural = "comportements visés"
        ordering = ["group", "title", "pk"]

    def __str__(self) -> str:
        return self.title


class Determinant(models.Model):
    """A barrier or a lever of the behaviour, under one COM-B component, scored and justified."""

    demarche_path = "behaviour__approach"

    behaviour = models.ForeignKey(
        TargetBehaviour, on_delete=models.CASCADE, related_name="determinants"
    )
    component = models.CharField("composante COM-B", max_length=4, choices=COMPONENT_CHOICES)
    kind = models.CharField(
        "frein ou levier",
        max_length=6,
        choices=[(k.value, k.value.capitalize()) for k in Kind],
        default=Kind.BARRIER.value,
    )
    statement = models.CharField("constat", max_length=300)
    strength = models.PositiveSmallIntegerField(
        "force", choices=Strength.choices, default=Strength.MEDIUM
    )
    justification = models.TextField("justification", blank=True)
    origin = models.CharField(
        "établi par", max_length=8, choices=Origin.choices, default=Origin.TEAM
    )
    testimonies = models.ManyToManyField(
        Testimony, blank=True, related_name="+", verbose_name="témoignages à l'appui"
    )
    observations = models.ManyToManyField(
        Observation, blank=True, related_name="+", verbose_name="observations à l'appui"
    )

    class Meta:
        verbose_name = "frein ou levier"
        verbose_name_plural = "freins et leviers"
        ordering = ["component", "kind", "-strength", "pk"]

    def __str__(self) -> str:
        return self.statement


class Intervention(models.Model):
    """An intervention the team chose, of one function of the wheel, attached to an action."""

    demarche_path = "behaviour__approach"

    behaviour = models.ForeignKey(
        TargetBehaviour, on_delete=models.CASCADE, related_name="interventions"
    )
    function = models.CharField("fonction d'intervention", max_length=28, choices=FUNCTION_CHOICES)
    title = models.CharField("intervention", max_length=200)
    description = models.TextField("description", blank=True)
    action = models.ForeignKey(
        Action,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="behaviour_interventions",
        verbose_name="action à laquelle elle se rattache",
    )
    indicator = models.CharField("indicateur", max_length=200, blank=True)
    baseline = models.DecimalField(
        "valeur de départ", max_digits=12, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField("cible", max_digits=12, decimal_places=2, null=True, blank=True)
    unit = models.CharField("unité", max_length=40, blank=True)

    class Meta:
        verbose_name = "intervention"
        ordering = ["behaviour", "function", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def function_label(self) -> str:
        from ressort.behaviour.wheel import read_wheel

        return read_wheel().functions[self.function]["label"]


class FollowUpSurvey(models.Model):
    """A short repeated survey of the group, run as an asynchronous consultation."""

    demarche_path = "behaviour__approach"

    behaviour = models.ForeignKey(TargetBehaviour, on_delete=models.CASCADE, related_name="surveys")
    workshop = models.OneToOneField(
        Workshop, on_delete=models.CASCADE, related_name="behaviour_survey"
    )
    wave = models.PositiveSmallIntegerField(
        "vague", default=1, validators=[MinValueValidator(1), MaxValueValidator(99)]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "enquête de suivi"
        verbose_name_plural = "enquêtes de suivi"
        ordering = ["behaviour", "wave"]
        constraints = [
            models.UniqueConstraint(fields=["behaviour", "wave"], name="behaviour_survey_wave")
        ]

    def __str__(self) -> str:
        return f"{self.behaviour} — vague {self.wave}"
