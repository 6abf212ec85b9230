"""A just transition (brique « Transition écologique juste »): the population groups of the
territory with their sizes per commune, the distributive effects of each action per group,
the remedies the team adopts, who took part in the démarche, and how acceptable and
affordable each measure is per group. Everything belongs to one démarche."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from ressort.actions.models import Action
from ressort.approaches.models import Approach
from ressort.territories.models import Territory


class Dimension(models.TextChoices):
    INCOME = "revenu", "Revenu (quintile ou décile)"
    AGE = "age", "Âge"
    HOUSEHOLD = "menage", "Type de ménage"
    PLACE = "lieu", "Lieu de vie (urbain, périurbain, rural)"
    VULNERABLE = "vulnerable", "Situation de vulnérabilité"


class PopulationGroup(models.Model):
    approach = models.ForeignKey(
        Approach, on_delete=models.CASCADE, related_name="population_groups"
    )
    name = models.CharField("nom du groupe", max_length=120)
    dimension = models.CharField("critère", max_length=12, choices=Dimension.choices)
    vulnerable = models.BooleanField(
        "groupe vulnérable",
        default=False,
        help_text="précarité énergétique, dépendance à la voiture, handicap, isolement, "
        "bas revenus…",
    )
    description = models.TextField("description", blank=True)
    source = models.CharField("source des effectifs", max_length=200, blank=True)
    illustrative = models.BooleanField("exemple illustratif", default=False)

    class Meta:
        verbose_name = "groupe de population"
        ordering = ["dimension", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["approach", "name"], name="justice_group_unique")
        ]

    def __str__(self) -> str:
        return self.name


class GroupSize(models.Model):
    """How many people (or households) of a group live in one commune of the perimeter."""

    demarche_path = "group__approach"

    group = models.ForeignKey(PopulationGroup, on_delete=models.CASCADE, related_name="sizes")
    commune = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    count = models.PositiveIntegerField("effectif")
    year = models.PositiveSmallIntegerField("année", null=True, blank=True)

    class Meta:
        ordering = ["commune__name"]
        constraints = [
            models.UniqueConstraint(fields=["group", "commune"], name="justice_size_unique")
        ]

    def __str__(self) -> str:
        return f"{self.group} à {self.commune}\u00a0: {self.count}"


SCALE = [(0, "0\u00a0: aucun"), (1, "1\u00a0: faible"), (2, "2\u00a0: moyen"), (3, "3\u00a0: fort")]


class Confidence(models.TextChoices):
    LOW = "faible", "Faible"
    MEDIUM = "moyenne", "Moyenne"
    HIGH = "forte", "Forte"


class DistributiveEffect(models.Model):
    """Who gains, who bears the cost, who risks being left out: one action, one group."""

    demarche_path = "action__approach"

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="distributive_effects"
    )
    group = models.ForeignKey(PopulationGroup, on_delete=models.CASCADE, related_name="effects")
    gain = models.PositiveSmallIntegerField(
        "gain pour le groupe", choices=SCALE, default=0, validators=[MaxValueValidator(3)]
    )
    cost = models.PositiveSmallIntegerField(
        "coût supporté", choices=SCALE, default=0, validators=[MaxValueValidator(3)]
    )
    exclusion = models.PositiveSmallIntegerField(
        "risque d'être laissé de côté", choices=SCALE, default=0, validators=[MaxValueValidator(3)]
    )
    justification = models.TextField("justification")
    confidence = models.CharField(
        "confiance", max_length=8, choices=Confidence.choices, default=Confidence.MEDIUM
    )

    class Meta:
        verbose_name = "effet distributif"
        ordering = ["action__title", "group__name"]
        constraints = [
            models.UniqueConstraint(fields=["action", "group"], name="justice_effect_unique")
        ]

    def __str__(self) -> str:
        return f"{self.action} → {self.group}"


class Remedy(models.Model):
    """A remedy the team adopts for an action that weighs on a group."""

    demarche_path = "action__approach"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="remedies")
    group = models.ForeignKey(
        PopulationGroup, on_delete=models.CASCADE, related_name="remedies", null=True, blank=True
    )
    kind = models.CharField("remède", max_length=24)  # a code of data/justice/justice.yaml
    description = models.TextField("ce qui est prévu")
    adopted_on = models.DateField("adopté le", auto_now_add=True)

    class Meta:
        verbose_name = "remède adopté"
        ordering = ["action__title", "pk"]

    def __str__(self) -> str:
        return self.description[:60]

    def kind_label(self) -> str:
        from ressort.justice.catalogue import load

        return next((r.label for r in load().remedies if r.code == self.kind), self.kind)


class Participation(models.Model):
    """People who took part in a workshop or a consultation, anonymously, counted together
    when they gave the same answers: every field about the person is optional."""

    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="participations")
    event = models.CharField("atelier ou consultation", max_length=200)
    age_group = models.ForeignKey(
        PopulationGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="tranche d'âge",
    )
    commune = models.ForeignKey(
        Territory, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    category = models.ForeignKey(
        PopulationGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="catégorie déclarée",
    )
    count = models.PositiveIntegerField(
        "nombre de personnes", default=1, validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = "participation"
        ordering = ["event", "pk"]

    def __str__(self) -> str:
        return f"Participation à {self.event}"


class AcceptabilityAnswer(models.Model):
    """Inhabitants' answer: how acceptable and how affordable a measure is for them, with how
    many people of the same group answered exactly so."""

    approach = models.ForeignKey(
        Approach, on_delete=models.CASCADE, related_name="acceptability_answers"
    )
    consultation = models.CharField("consultation", max_length=200)
    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="acceptability_answers"
    )
    group = models.ForeignKey(
        PopulationGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="acceptability_answers",
        verbose_name="groupe de la personne",
    )
    acceptable = models.PositiveSmallIntegerField(
        "acceptable pour moi (1 à 4)", validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    affordable = models.PositiveSmallIntegerField(
        "abordable pour moi (1 à 4)", validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    count = models.PositiveIntegerField(
        "nombre de réponses", default=1, validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = "réponse d'acceptabilité"
        ordering = ["action__title", "pk"]

    def __str__(self) -> str:
        return f"{self.action}\u00a0: {self.acceptable}/{self.affordable} ({self.count})"
