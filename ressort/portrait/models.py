"""Indicators and their values, question-grid scoring sessions, the team's reading.

An Indicator belongs to a démarche. It informs framework dimensions, named by their codes
(`Dimension.code`, e.g. Doughnut `water`, Boussole `L1.1`), so that it keeps its meaning
across framework versions. Its thresholds drive the Doughnut status
(ressort/analysis/doughnut.py): a social floor for the social dimensions, an ecological
ceiling for the ecological ones; a target is what the démarche aims for (used by strategy).

An IndicatorValue is one figure for one year and one place: the démarche's perimeter, an
official territory (commune, EPCI, département, région) or France.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from ressort.approaches.models import Approach
from ressort.frameworks.models import FrameworkVersion
from ressort.territories.models import Territory
from ressort.web import demarche_url


class Direction(models.TextChoices):
    HIGHER = "higher", "Plus c'est haut, mieux c'est"
    LOWER = "lower", "Plus c'est bas, mieux c'est"


AGGREGATIONS = [
    ("somme", "Somme des communes"),
    ("moyenne_ponderee_population", "Moyenne pondérée par la population"),
    ("ratio", "Rapport des totaux (numérateurs / dénominateurs)"),
    ("par_habitant", "Total rapporté à la population du périmètre"),
    ("max", "Maximum des communes"),
    ("jours_distincts", "Jours distincts (au moins une commune)"),
]


class Indicator(models.Model):
    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="indicators")
    code = models.SlugField(
        "code",
        max_length=60,
        help_text="Identifiant court, utilisé dans les fichiers d'import (ex. : pop-municipale).",
    )
    name = models.CharField("nom", max_length=200)
    unit = models.CharField("unité", max_length=40, help_text="Ex. : %, hab., km², tCO₂e/hab.")
    source = models.CharField("source", max_length=300)
    source_url = models.URLField("lien vers la source", max_length=500, blank=True)
    year = models.PositiveSmallIntegerField(
        "année de référence", null=True, blank=True, help_text="Millésime de la source."
    )
    direction = models.CharField(
        "sens", max_length=6, choices=Direction.choices, default=Direction.HIGHER
    )
    social_floor = models.FloatField(
        "plancher social",
        null=True,
        blank=True,
        help_text="Seuil en deçà (ou au-delà, selon le sens) duquel il y a déficit social.",
    )
    ecological_ceiling = models.FloatField(
        "plafond écologique",
        null=True,
        blank=True,
        help_text="Limite au-delà de laquelle il y a dépassement écologique.",
    )
    preindustrial = models.FloatField(
        "référence préindustrielle",
        null=True,
        blank=True,
        help_text="Facultatif : pour un plafond, la valeur de référence (ratio (v − p)/(s − p)).",
    )
    target = models.FloatField("cible", null=True, blank=True)
    dimension_codes = models.JSONField(
        "dimensions renseignées", default=list, blank=True, help_text="Codes des dimensions."
    )
    description = models.TextField("description", blank=True)
    computed_from = models.CharField(
        "calculé depuis", max_length=20, blank=True, editable=False
    )  # "population", "density", "communes", "area": official territory data
    illustrative = models.BooleanField("valeurs illustratives", default=False)
    # From the shipped catalogue (data/opendata/catalogue.yaml, ressort.opendata.catalogue)
    catalogue_code = models.CharField("code au catalogue", max_length=60, blank=True)
    threshold_source = models.CharField("source du seuil", max_length=300, blank=True)
    level = models.CharField(
        "niveau géographique de la source",
        max_length=20,
        blank=True,
        help_text="Commune, EPCI, département… : le niveau où la donnée est publiée.",
    )
    aggregation = models.CharField(
        "règle d'agrégation au périmètre", max_length=40, choices=AGGREGATIONS, blank=True
    )
    update_rhythm = models.CharField("rythme de mise à jour", max_length=60, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The field evidence it supports; the tables keep the names they had in fieldwork.
    vulnerabilities = models.ManyToManyField(
        "fieldwork.Vulnerability",
        blank=True,
        related_name="indicators",
        db_table="fieldwork_vulnerability_indicators",
        verbose_name="vulnérabilités qu'il étaye",
    )
    resources = models.ManyToManyField(
        "fieldwork.Resource",
        blank=True,
        related_name="indicators",
        db_table="fieldwork_resource_indicators",
        verbose_name="ressources qu'il étaye",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "indicateur"
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["approach", "code"], name="indicator_code"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})"

    def get_absolute_url(self) -> str:
        return demarche_url(self.approach, "portrait:indicator", self.pk)


class Scope(models.TextChoices):
    PERIMETER = "perimetre", "Périmètre de la démarche"
    TERRITORY = "territoire", "Territoire officiel"
    FRANCE = "france", "France"


class IndicatorValue(models.Model):
    demarche_path = "indicator__approach"  # ressort.web.scoped
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    scope = models.CharField("lieu", max_length=10, choices=Scope.choices, default=Scope.PERIMETER)
    territory = models.ForeignKey(
        Territory,
        verbose_name="territoire",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField("année")
    value = models.FloatField("valeur")
    source_note = models.CharField("note sur la source", max_length=300, blank=True)
    illustrative = models.BooleanField("valeur illustrative", default=False)
    # Provenance of a fetched value (ressort.opendata): who published it, which edition, when
    # Ressort retrieved it, at which level it was published before aggregation.
    source = models.CharField("source", max_length=300, blank=True)
    vintage = models.CharField(
        "millésime", max_length=40, blank=True, help_text="Ex. : RP 2021, Filosofi 2021."
    )
    retrieved_at = models.DateTimeField("récupérée le", null=True, blank=True)
    level = models.CharField("niveau géographique", max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "valeur d'indicateur"
        ordering = ["indicator", "scope", "territory", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "scope", "year"],
                condition=Q(territory__isnull=True),
                name="indicatorvalue_scope_year",
            ),
            models.UniqueConstraint(
                fields=["indicator", "territory", "year"],
                condition=Q(territory__isnull=False),
                name="indicatorvalue_territory_year",
            ),
            models.CheckConstraint(
                condition=Q(scope="territoire", territory__isnull=False)
                | (~Q(scope="territoire") & Q(territory__isnull=True)),
                name="indicatorvalue_scope_territory",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.name} {self.year} : {self.value:g} {self.indicator.unit}"

    @property
    def place(self) -> str:
        if self.scope == Scope.TERRITORY and self.territory is not None:
            return self.territory.name
        if self.scope == Scope.FRANCE:
            return "France"
        return self.indicator.approach.perimeter_name


class ScoringSession(models.Model):
    """One analysis workshop: participants score each question of a grid 0–4 (or « ? »)."""

    approach = models.ForeignKey(
        Approach, on_delete=models.CASCADE, related_name="scoring_sessions"
    )
    version = models.ForeignKey(
        FrameworkVersion,
        verbose_name="référentiel ou grille",
        on_delete=models.PROTECT,
        related_name="scoring_sessions",
    )
    title = models.CharField("intitulé de l'atelier", max_length=200)
    held_on = models.DateField("date", null=True, blank=True)
    category = models.CharField(
        "participants", max_length=100, blank=True, help_text="Ex. : élus, agents, habitants."
    )
    focus = models.CharField("focus thématique", max_length=20, blank=True)
    notes = models.TextField("notes", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "séance de cotation"
        ordering = ["-held_on", "-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class GridAnswer(models.Model):
    session = models.ForeignKey(ScoringSession, on_delete=models.CASCADE, related_name="answers")
    participant = models.CharField("participant·e", max_length=100)
    question_code = models.CharField("question", max_length=60)
    score = models.PositiveSmallIntegerField("note", null=True, blank=True)  # None: « ? »
    comment = models.TextField("commentaire", blank=True)

    class Meta:
        verbose_name = "réponse à une grille"
        ordering = ["session", "participant", "question_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participant", "question_code"], name="gridanswer_unique"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__lte=4), name="gridanswer_scale"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} · {self.question_code} : {self.score}"


class Reading(models.Model):
    """A strength or a weakness of the territory, written by the team."""

    class Kind(models.TextChoices):
        STRENGTH = "force", "Force"
        WEAKNESS = "faiblesse", "Faiblesse"

    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="readings")
    kind = models.CharField("type", max_length=10, choices=Kind.choices)
    dimension_code = models.CharField(
        "dimension", max_length=60, blank=True, help_text="Facultatif : la dimension concernée."
    )
    text = models.TextField("texte")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "force ou faiblesse"
        ordering = ["kind", "pk"]

    def __str__(self) -> str:
        return self.text[:60]
