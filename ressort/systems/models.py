"""Impact chains, MICMAC variables, vision and scenarios of a démarche (phases 2 and 3A).

Everything belongs to a démarche (`approach`), directly or through its parent, so that every
view can filter by it. Framework dimensions are referenced by their code (docs/contracts.md): a
new version of a framework keeps its codes, while its Dimension rows change.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from ressort.analysis.systems import NodeKind
from ressort.approaches.models import Approach


class ImpactChain(models.Model):
    """A named causal graph of the territory (heat, water scarcity, flood…)."""

    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="impact_chains")
    name = models.CharField("nom de la chaîne", max_length=200)
    description = models.TextField("description", blank=True)
    template = models.CharField("modèle d'origine", max_length=40, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "chaîne d'impacts"
        verbose_name_plural = "chaînes d'impacts"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["approach", "name"], name="systems_chain_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Node(models.Model):
    """An element of an impact chain. Nodes of the démarche's chains that share a label are
    the same element of the territory's system (cascades run across chains)."""

    class Kind(models.TextChoices):
        HAZARD = "alea", "Aléa"
        DRIVER = "facteur", "Facteur de changement"
        EXPOSURE = "exposition", "Exposition"
        SENSITIVITY = "sensibilite", "Sensibilité"
        IMPACT = "impact", "Impact"
        CAPACITY = "capacite_adaptation", "Capacité d'adaptation"
        RESOURCE = "ressource", "Ressource"

    chain = models.ForeignKey(ImpactChain, on_delete=models.CASCADE, related_name="nodes")
    demarche_path = "chain__approach"  # ressort.web.scoped
    label = models.CharField("libellé", max_length=200)
    kind = models.CharField("nature", max_length=24, choices=Kind.choices)
    description = models.TextField("description", blank=True)
    places = models.CharField(
        "lieux concernés", max_length=300, blank=True, help_text="ex. centre-ville, vallée"
    )
    dimension_codes = models.JSONField(
        "dimensions des référentiels", default=list, blank=True, help_text="codes, ex. eau"
    )
    vulnerabilities = models.ManyToManyField(
        "fieldwork.Vulnerability",
        verbose_name="vulnérabilités du portrait",
        blank=True,
        related_name="chain_nodes",
    )
    resources = models.ManyToManyField(
        "fieldwork.Resource",
        verbose_name="ressources du portrait",
        blank=True,
        related_name="chain_nodes",
    )
    indicators = models.ManyToManyField(
        "portrait.Indicator", verbose_name="indicateurs", blank=True, related_name="chain_nodes"
    )
    x = models.FloatField(null=True, blank=True, editable=False)
    y = models.FloatField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "élément de chaîne d'impacts"
        verbose_name_plural = "éléments de chaînes d'impacts"
        ordering = ["chain", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["chain", "label"], name="systems_node_label"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def analysis_kind(self) -> NodeKind:
        """Drivers of change act like hazards in a cascade: they start it."""
        return NodeKind.HAZARD if self.kind == self.Kind.DRIVER else NodeKind(self.kind)

    @property
    def is_source(self) -> bool:
        return self.kind in (self.Kind.HAZARD, self.Kind.DRIVER)


class Link(models.Model):
    """`source` strengthens (+1) or weakens (−1) `target`, weight 1 (weak) to 3 (strong)."""

    class Sign(models.IntegerChoices):
        STRENGTHENS = 1, "renforce"
        WEAKENS = -1, "affaiblit"

    class Weight(models.IntegerChoices):
        WEAK = 1, "1 — faible"
        MEDIUM = 2, "2 — moyen"
        STRONG = 3, "3 — fort"

    chain = models.ForeignKey(ImpactChain, on_delete=models.CASCADE, related_name="links")
    demarche_path = "chain__approach"  # ressort.web.scoped
    source = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="outgoing")
    target = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="incoming")
    sign = models.SmallIntegerField("effet", choices=Sign.choices, default=Sign.STRENGTHENS)
    weight = models.PositiveSmallIntegerField("force", choices=Weight.choices, default=2)
    note = models.CharField("justification", max_length=300, blank=True)

    class Meta:
        verbose_name = "lien de chaîne d'impacts"
        verbose_name_plural = "liens de chaînes d'impacts"
        ordering = ["chain", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="systems_link_once"),
            models.CheckConstraint(condition=~Q(source=F("target")), name="systems_link_not_self"),
            models.CheckConstraint(condition=Q(sign__in=[1, -1]), name="systems_link_sign"),
            models.CheckConstraint(
                condition=Q(weight__gte=1, weight__lte=3), name="systems_link_weight"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.target}"


# --- Structural analysis (MICMAC) -------------------------------------------------------------


class Variable(models.Model):
    """A key variable of the territorial system, a row and column of the MICMAC matrix."""

    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="variables")
    name = models.CharField("nom", max_length=120)
    short_name = models.CharField(
        "nom court", max_length=24, blank=True, help_text="pour la carte et l'en-tête de la grille"
    )
    description = models.TextField("définition", blank=True)
    order = models.PositiveIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "variable clé"
        verbose_name_plural = "variables clés"
        ordering = ["approach", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["approach", "name"], name="systems_variable_name"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        return self.short_name or self.name


class Influence(models.Model):
    """Direct influence of `source` on `target`: 1 weak, 2 medium, 3 strong, or potential.

    Only non-zero cells are stored; a missing row is 0.
    """

    source = models.ForeignKey(Variable, on_delete=models.CASCADE, related_name="influences")
    target = models.ForeignKey(Variable, on_delete=models.CASCADE, related_name="influenced_by")
    value = models.PositiveSmallIntegerField("influence", default=0)
    potential = models.BooleanField("potentielle (P)", default=False)

    class Meta:
        verbose_name = "influence directe"
        verbose_name_plural = "influences directes"
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="systems_influence_once"),
            models.CheckConstraint(
                condition=~Q(source=F("target")), name="systems_influence_not_self"
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0, value__lte=3), name="systems_influence_value"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.target} : {self.code}"

    @property
    def code(self) -> str:
        return "P" if self.potential else str(self.value)


# --- Vision ------------------------------------------------------------------------------------


class Vision(models.Model):
    """The shared vision of the territory at a horizon, and what it stands on."""

    approach = models.OneToOneField(Approach, on_delete=models.CASCADE, related_name="vision")
    text = models.TextField("vision partagée", blank=True)
    horizon_year = models.PositiveSmallIntegerField("horizon", null=True, blank=True)
    values = models.TextField("valeurs", blank=True, help_text="une par ligne")
    commitments = models.TextField("engagements", blank=True, help_text="un par ligne")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "vision"
        verbose_name_plural = "visions"

    def __str__(self) -> str:
        return f"Vision de {self.approach}"

    @property
    def value_list(self) -> list[str]:
        return [line.strip() for line in self.values.splitlines() if line.strip()]

    @property
    def commitment_list(self) -> list[str]:
        return [line.strip() for line in self.commitments.splitlines() if line.strip()]


class VisionKeyword(models.Model):
    """A key word of the vision, typed by the team or gathered in a workshop's word cloud."""

    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="vision_keywords")
    word = models.CharField("mot clé", max_length=80)
    key = models.CharField(max_length=80, editable=False)
    count = models.PositiveIntegerField("occurrences", default=1)
    sources = models.JSONField("sources", default=list, blank=True)

    class Meta:
        verbose_name = "mot clé de la vision"
        verbose_name_plural = "mots clés de la vision"
        ordering = ["-count", "word"]
        constraints = [
            models.UniqueConstraint(fields=["approach", "key"], name="systems_keyword_once"),
        ]

    def __str__(self) -> str:
        return self.word


# --- Scenarios (morphological analysis) --------------------------------------------------------


class MorphVariable(models.Model):
    """A component of the morphological box: a key variable and its possible future states."""

    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="morph_variables")
    name = models.CharField("variable", max_length=120)
    variable = models.ForeignKey(
        Variable,
        verbose_name="variable MICMAC",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    order = models.PositiveIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "composante de la boîte morphologique"
        verbose_name_plural = "composantes de la boîte morphologique"
        ordering = ["approach", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["approach", "name"], name="systems_morph_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Hypothesis(models.Model):
    """A possible future state of a component."""

    variable = models.ForeignKey(MorphVariable, on_delete=models.CASCADE, related_name="hypotheses")
    label = models.CharField("hypothèse", max_length=200)
    description = models.TextField("description", blank=True)
    order = models.PositiveIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "hypothèse"
        verbose_name_plural = "hypothèses"
        ordering = ["variable", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["variable", "label"], name="systems_hypothesis_label"),
        ]

    def __str__(self) -> str:
        return f"{self.variable.name} : {self.label}"


class Exclusion(models.Model):
    """Two hypotheses (of different components) that cannot go together."""

    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="exclusions")
    first = models.ForeignKey(Hypothesis, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Hypothesis, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField("pourquoi", max_length=300, blank=True)

    class Meta:
        verbose_name = "incompatibilité"
        verbose_name_plural = "incompatibilités"
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="systems_exclusion_once"),
            models.CheckConstraint(
                condition=Q(first__lt=F("second")), name="systems_exclusion_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first} ✕ {self.second}"


class Scenario(models.Model):
    """A chosen, named combination of hypotheses with its story, in a TRACC climate frame."""

    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="scenarios")
    name = models.CharField("nom du scénario", max_length=200)
    story = models.TextField("récit", blank=True)
    key_figures = models.TextField(
        "chiffres clés", blank=True, help_text="un par ligne, ex. « 40 % de logements rénovés »"
    )
    tracc_level = models.CharField(
        "niveau de réchauffement (TRACC)", max_length=40, blank=True, help_text="code TRACC"
    )
    hypotheses = models.ManyToManyField(Hypothesis, blank=True, related_name="scenarios")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "scénario"
        verbose_name_plural = "scénarios"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["approach", "name"], name="systems_scenario_name"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def key_figure_list(self) -> list[str]:
        return [line.strip() for line in self.key_figures.splitlines() if line.strip()]


class ScenarioHazard(models.Model):
    """A hazard or driver that the scenario intensifies, with the intensity of its shock."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="hazards")
    node = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="+")
    intensity = models.PositiveSmallIntegerField("intensité", default=2)

    class Meta:
        verbose_name = "aléa intensifié"
        verbose_name_plural = "aléas intensifiés"
        constraints = [
            models.UniqueConstraint(fields=["scenario", "node"], name="systems_scenario_hazard"),
            models.CheckConstraint(
                condition=Q(intensity__gte=1, intensity__lte=3), name="systems_hazard_intensity"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scenario} : {self.node} ({self.intensity})"
