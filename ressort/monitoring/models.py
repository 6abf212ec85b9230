"""Monitoring: steering committees and their decisions, the experience library.

Steering: a démarche holds meetings of its steering bodies (comité de pilotage, comité
technique…); each meeting records who attended, the agenda, the decisions taken and the
follow-ups. Decisions form the démarche's decision log and name the actions they change.

Experience library (« retours d'expérience »): reports on what other territories did, shared
by every démarche of the instance. Shipped cases describe only public facts and cite their
source; facilitators add more; a démarche may publish one of its own actions as a case.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from ressort.approaches.models import Approach
from ressort.territories.models import Territory


class Body(models.TextChoices):
    STEERING = "copil", "Comité de pilotage"
    TECHNICAL = "cotech", "Comité technique"
    TEAM = "equipe", "Équipe projet"
    COUNCIL = "conseil", "Conseil (municipal, communautaire…)"
    OTHER = "autre", "Autre instance"


class Meeting(models.Model):
    """One meeting of a steering body."""

    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField("date")
    body = models.CharField("instance", max_length=10, choices=Body.choices, default=Body.STEERING)
    title = models.CharField(
        "intitulé", max_length=200, blank=True, help_text="Ex. : Comité de pilotage n° 3."
    )
    attendees = models.TextField("participants", blank=True, help_text="Une personne par ligne.")
    agenda = models.TextField("ordre du jour", blank=True)
    minutes = models.TextField("relevé des échanges", blank=True)
    follow_ups = models.TextField("suites à donner", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "réunion de pilotage"
        verbose_name_plural = "réunions de pilotage"
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["approach", "date"])]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.title or f"{self.get_body_display()} du {self.date:%d/%m/%Y}"

    @property
    def attendee_list(self) -> list[str]:
        return [line.strip() for line in self.attendees.splitlines() if line.strip()]


class DecisionKind(models.TextChoices):
    ADOPT = "valider", "Valider ou lancer"
    CHANGE = "modifier", "Modifier (contenu, budget, calendrier)"
    POSTPONE = "reporter", "Reporter"
    ABANDON = "abandonner", "Abandonner"
    OTHER = "autre", "Autre décision"


class Decision(models.Model):
    """One entry of the decision log, taken at a meeting, possibly changing some actions."""

    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="decisions")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(
        "nature", max_length=12, choices=DecisionKind.choices, default=DecisionKind.ADOPT
    )
    text = models.TextField("décision")
    owner = models.CharField("responsable du suivi", max_length=200, blank=True)
    due = models.DateField("échéance", null=True, blank=True)
    done = models.BooleanField("suite donnée", default=False)
    actions = models.ManyToManyField(
        "actions.Action",
        verbose_name="actions concernées",
        blank=True,
        related_name="steering_decisions",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[actions])

    class Meta:
        verbose_name = "décision"
        ordering = ["-meeting__date", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class SizeClass(models.TextChoices):
    VILLAGE = "village", "Commune de moins de 2 000 habitants"
    SMALL_TOWN = "bourg", "Commune de 2 000 à 20 000 habitants"
    TOWN = "ville", "Commune de plus de 20 000 habitants"
    RURAL_GROUPING = "interco_rurale", "Intercommunalité ou territoire de moins de 100 000 hab."
    URBAN_GROUPING = "interco_urbaine", "Intercommunalité ou territoire de plus de 100 000 hab."
    DEPARTMENT = "departement", "Département ou région"


class ExperienceReport(models.Model):
    """A « retour d'expérience »: what a territory did, what came of it, what it learnt."""

    # The library is read from every démarche; its cases belong to the démarche that published
    # them (ressort.web.scoped, tests/web/test_routes.py).
    demarche_path = "published_by"
    demarche_shared = True

    title = models.CharField("titre", max_length=200)
    territory_name = models.CharField("territoire", max_length=200)
    population = models.PositiveIntegerField("population", null=True, blank=True)
    size_class = models.CharField("taille du territoire", max_length=20, choices=SizeClass.choices)
    region = models.ForeignKey(
        Territory,
        verbose_name="région",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"type": "REG"},
    )
    summary = models.TextField("en bref")
    actions = models.TextField("ce qui a été fait", blank=True)
    results = models.TextField("résultats", blank=True)
    lessons = models.TextField("enseignements", blank=True)
    contacts = models.TextField(
        "contacts",
        blank=True,
        help_text="Service ou structure à contacter (coordonnées publiques).",
    )
    source_url = models.URLField("source publique", max_length=500, blank=True)
    source_label = models.CharField("nom de la source", max_length=300, blank=True)
    shipped = models.BooleanField(
        "cas livré avec Ressort", default=False, help_text="Décrit d'après des sources publiques."
    )
    published_by = models.ForeignKey(
        Approach,
        verbose_name="publié par la démarche",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="published_experiences",
    )
    source_action = models.ForeignKey(
        "actions.Action",
        verbose_name="action d'origine",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="published_experiences",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "retour d'expérience"
        verbose_name_plural = "retours d'expérience"
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.territory_name})"

    @property
    def themes(self) -> list[str]:
        return [t.value for t in self.tags.all() if t.kind == TagKind.THEME]

    @property
    def dimension_codes(self) -> list[str]:
        return [t.value for t in self.tags.all() if t.kind == TagKind.DIMENSION]


class TagKind(models.TextChoices):
    THEME = "theme", "Thème"
    DIMENSION = "dimension", "Dimension d'un référentiel"


class ExperienceTag(models.Model):
    """A theme or framework dimension code of a report (one row each, for searching)."""

    report = models.ForeignKey(ExperienceReport, on_delete=models.CASCADE, related_name="tags")
    kind = models.CharField(max_length=10, choices=TagKind.choices)
    value = models.CharField(max_length=60)

    class Meta:
        ordering = ["kind", "value"]
        constraints = [
            models.UniqueConstraint(fields=["report", "kind", "value"], name="experience_tag")
        ]
        indexes = [models.Index(fields=["kind", "value"])]

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"


class TargetSource(models.TextChoices):
    TEAM = "equipe", "Fixée par l'équipe"
    NATIONAL = "national", "Déclinée d'un objectif national"


class Trajectory(models.Model):
    """The target path of one indicator of the démarche, from a baseline through milestones."""

    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="trajectories")
    indicator = models.OneToOneField(
        "portrait.Indicator",
        verbose_name="indicateur",
        on_delete=models.CASCADE,
        related_name="trajectory",
    )
    baseline_year = models.PositiveSmallIntegerField("année de référence")
    baseline_value = models.FloatField("valeur de référence")
    source = models.CharField(
        "origine de la cible",
        max_length=10,
        choices=TargetSource.choices,
        default=TargetSource.TEAM,
    )
    national_reference = models.CharField(
        "objectif national de référence",
        max_length=300,
        blank=True,
        help_text="Ex. : SNBC, −50 % d'émissions en 2030 ; loi Climat et résilience, ZAN en 2050.",
    )
    tolerance = models.FloatField(
        "tolérance (%)",
        default=10.0,
        help_text="Écart admis (en % de l'évolution prévue) avant « hors trajectoire ».",
    )
    notes = models.TextField("notes", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "trajectoire"
        ordering = ["indicator__name", "pk"]

    def __str__(self) -> str:
        return f"Trajectoire de {self.indicator}"


class Milestone(models.Model):
    demarche_path = "trajectory__approach"  # ressort.web.scoped

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="milestones")
    year = models.PositiveSmallIntegerField("année")
    value = models.FloatField("valeur cible")
    percent = models.FloatField(
        "évolution par rapport à la référence (%)",
        null=True,
        blank=True,
        help_text="Pour une cible nationale : ex. −50 pour une baisse de moitié.",
    )

    class Meta:
        verbose_name = "jalon"
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["trajectory", "year"], name="milestone_year")
        ]

    def __str__(self) -> str:
        return f"{self.year} : {self.value:g}"


class ActionInspiration(models.Model):
    """« Inspiré de » : an action of a démarche inspired by a report of the library."""

    demarche_path = "action__approach"  # ressort.web.scoped

    action = models.ForeignKey(
        "actions.Action", on_delete=models.CASCADE, related_name="inspirations"
    )
    report = models.ForeignKey(
        ExperienceReport, on_delete=models.CASCADE, related_name="inspirations"
    )
    note = models.CharField("ce qui a été repris", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "inspiration"
        ordering = ["report__title", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["action", "report"], name="action_inspiration")
        ]

    def __str__(self) -> str:
        return f"{self.action} ← {self.report}"


class EvaluationKind(models.TextChoices):
    MIDTERM = "mi_parcours", "Évaluation à mi-parcours"
    FINAL = "finale", "Évaluation finale"
    OTHER = "bilan", "Bilan d'étape"


class Evaluation(models.Model):
    """An evaluation of the strategy at a chosen date, compared with a reference year.

    Figures (realisation rate, indicators, portrait before/after) are computed when shown,
    from the data as it stands; the team writes the findings and the lessons.
    """

    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="evaluations")
    kind = models.CharField(
        "type", max_length=12, choices=EvaluationKind.choices, default=EvaluationKind.MIDTERM
    )
    title = models.CharField("intitulé", max_length=200)
    date = models.DateField("date de l'évaluation")
    reference_year = models.PositiveSmallIntegerField(
        "année du premier portrait",
        help_text="Les données de cette année servent de point de départ.",
    )
    evaluation_year = models.PositiveSmallIntegerField(
        "année des nouvelles données", help_text="Les données les plus récentes à comparer."
    )
    findings = models.TextField("constats", blank=True)
    lessons = models.TextField("enseignements", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "évaluation"
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return self.title


class DigestDelivery(models.Model):
    """A digest of late actions sent by the periodic task: the record of what was sent, and
    what keeps a re-run of the same day (a retry, a second worker) from sending it twice."""

    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="digests_sent")
    day = models.DateField()
    recipient = models.EmailField()
    subject = models.CharField(max_length=300)
    actions = models.PositiveIntegerField()
    unassigned = models.BooleanField(default=False)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "récapitulatif envoyé"
        verbose_name_plural = "récapitulatifs envoyés"
        ordering = ["-day", "approach", "recipient"]
        constraints = [
            models.UniqueConstraint(
                fields=["approach", "day", "recipient", "unassigned"],
                name="monitoring_digest_once_a_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} → {self.recipient}"
