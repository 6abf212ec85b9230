"""Actions and decision aid (phase 3B): ideas, actions and policies, the analysis grid,
prioritisation criteria, majority-judgment ballots, conflicts of use.

Every row belongs to one démarche, directly or through its parent; views always filter by
the démarche, so another démarche's object is a 404.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from ressort.analysis.majority_judgment import DEFAULT_GRADES
from ressort.approaches.models import Approach

EFFECTS = [
    (-2, "−2 : dégrade beaucoup"),
    (-1, "−1 : dégrade un peu"),
    (0, "0 : sans effet notable"),
    (1, "+1 : améliore un peu"),
    (2, "+2 : améliore beaucoup"),
]
GRADE_CHOICES = list(enumerate(DEFAULT_GRADES))


class Theme(models.Model):
    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="action_themes")
    name = models.CharField("nom du thème", max_length=120)
    order = models.PositiveIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "thème d'actions"
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["approach", "name"], name="actions_theme_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Action(models.Model):
    """An action to set up, or an existing policy or project of the authority
    (`kind` « politique »), evaluated with the same grid."""

    class Kind(models.TextChoices):
        ACTION = "action", "Action à mettre en place"
        POLICY = "politique", "Politique ou projet en cours"

    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField("nature", max_length=12, choices=Kind.choices, default=Kind.ACTION)
    title = models.CharField("intitulé", max_length=200)
    description = models.TextField("description", blank=True)
    theme = models.ForeignKey(
        Theme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name="thème",
    )
    resources = models.ManyToManyField(
        "ContestedResource",
        blank=True,
        related_name="actions",
        verbose_name="ressources sollicitées",
    )
    cost = models.DecimalField(
        "coût estimé (€)",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="Coût total estimé, en euros : sert à choisir les actions dans un budget.",
    )
    cost_year = models.PositiveSmallIntegerField(
        "année de la dépense",
        null=True,
        blank=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text="Année où tombe le coût : sert aux plafonds annuels du choix dans un budget "
        "(une action qui a une fiche avec un budget prévu par année suit plutôt sa fiche).",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "action"
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title


class Idea(models.Model):
    class Source(models.TextChoices):
        TEAM = "equipe", "Équipe projet"
        WORKSHOP = "atelier", "Atelier"
        PARTICIPANT = "participant", "Participant·e (contribution libre)"

    class Answers(models.TextChoices):
        NONE = "", "—"
        VULNERABILITY = "vulnerabilite", "Une vulnérabilité"
        SCENARIO = "scenario", "Un scénario"
        DIMENSION = "dimension", "Une dimension du référentiel"

    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="action_ideas")
    text = models.TextField("idée")
    proposer = models.CharField("proposée par", max_length=200, blank=True)
    source = models.CharField("origine", max_length=12, choices=Source.choices)
    source_label = models.CharField(
        "précision sur l'origine", max_length=200, blank=True, help_text="ex. : Atelier du 12 mars"
    )
    answers = models.CharField(
        "répond à", max_length=14, choices=Answers.choices, blank=True, default=""
    )
    answers_detail = models.CharField(
        "laquelle", max_length=200, blank=True, help_text="la vulnérabilité, le scénario…"
    )
    vulnerability = models.ForeignKey(
        "fieldwork.Vulnerability",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_ideas",
        verbose_name="vulnérabilité à laquelle l'idée répond",
    )
    scenario = models.ForeignKey(
        "systems.Scenario",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_ideas",
        verbose_name="scénario auquel l'idée répond",
    )
    dimension_code = models.CharField("dimension (code)", max_length=60, blank=True)
    theme = models.ForeignKey(
        Theme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name="thème",
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name="fusionnée dans",
    )
    retained = models.BooleanField("retenue", default=False)
    action = models.ForeignKey(
        Action,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name="action issue de l'idée",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "idée d'action"
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class GridChoice(models.Model):
    """Which grid the démarche evaluates its actions with: a co-built grid, or the
    Doughnut when none is chosen."""

    approach = models.OneToOneField(
        Approach, on_delete=models.CASCADE, related_name="action_grid_choice"
    )
    grid = models.ForeignKey(
        "frameworks.Framework",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="grille d'analyse",
    )

    def __str__(self) -> str:
        return f"Grille d'analyse de {self.approach}"


class Evaluation(models.Model):
    """The effect of an action on one dimension, today (`scenario` empty) or under a
    scenario (its name)."""

    class Confidence(models.TextChoices):
        LOW = "faible", "Faible"
        MEDIUM = "moyenne", "Moyenne"
        HIGH = "forte", "Forte"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="evaluations")
    dimension_code = models.CharField("dimension", max_length=60)
    scenario = models.CharField("scénario", max_length=200, blank=True, default="")
    effect = models.SmallIntegerField(
        "effet", choices=EFFECTS, validators=[MinValueValidator(-2), MaxValueValidator(2)]
    )
    justification = models.TextField("justification", blank=True)
    confidence = models.CharField(
        "confiance", max_length=8, choices=Confidence.choices, default=Confidence.MEDIUM
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "évaluation d'une action"
        ordering = ["action", "scenario", "dimension_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "dimension_code", "scenario"], name="actions_evaluation_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(effect__gte=-2, effect__lte=2), name="actions_effect_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action} · {self.dimension_code} : {self.effect:+d}"


class EvaluationProposal(models.Model):
    """Scores from a workshop (one dict per participant), averaged into a proposal the team
    confirms on the action's grid."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="proposals")
    source = models.CharField("origine", max_length=200)
    scores = models.JSONField("notes des participant·es", default=list)
    applied = models.BooleanField("reprise dans la grille", default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "proposition d'évaluation (atelier)"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.action} · {self.source}"


class Criterion(models.Model):
    class Direction(models.TextChoices):
        MAX = "max", "Plus c'est mieux"
        MIN = "min", "Moins c'est mieux"

    class Function(models.TextChoices):
        USUAL = "usual", "Usuelle (la moindre différence compte)"
        U_SHAPE = "u-shape", "En U : quasi-critère, préférence entière au-delà de q"
        V_SHAPE = "v-shape", "En V : préférence croissante jusqu'à p"
        LEVEL = "level", "Par paliers : moitié entre q et p, entière au-delà de p"
        LINEAR = "linear", "Linéaire avec seuils q et p"
        GAUSSIAN = "gaussian", "Gaussienne de paramètre s"

    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField("nom", max_length=100)
    weight = models.FloatField("poids", default=1.0, validators=[MinValueValidator(0)])
    direction = models.CharField(
        "sens", max_length=3, choices=Direction.choices, default=Direction.MAX
    )
    function = models.CharField(
        "fonction de préférence", max_length=8, choices=Function.choices, default=Function.USUAL
    )
    q = models.FloatField("seuil d'indifférence q", default=0.0)
    p = models.FloatField("seuil de préférence p", default=0.0)
    s = models.FloatField("paramètre s de la gaussienne", default=0.0)
    from_grid = models.BooleanField(
        "calculé depuis la grille d'analyse",
        default=False,
        help_text="effet de résilience : somme des effets de l'action sur les dimensions",
    )
    order = models.PositiveIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "critère de priorisation"
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["approach", "name"], name="actions_criterion_unique")
        ]

    def __str__(self) -> str:
        return self.name


class CriterionValue(models.Model):
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="values")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="criterion_values")
    value = models.FloatField("valeur")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["criterion", "action"], name="actions_value_unique")
        ]

    def __str__(self) -> str:
        return f"{self.action} · {self.criterion} = {self.value}"


class Ballot(models.Model):
    """One voter's majority-judgment ballot; its grades are Grade rows."""

    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="ballots")
    voter = models.CharField("votant·e", max_length=200, blank=True)
    source = models.CharField("origine", max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "bulletin de vote"
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Bulletin {self.pk}"


class Grade(models.Model):
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="grades")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="grades")
    grade = models.PositiveSmallIntegerField(
        "mention", choices=GRADE_CHOICES, validators=[MaxValueValidator(len(DEFAULT_GRADES) - 1)]
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ballot", "action"], name="actions_grade_unique")
        ]

    def __str__(self) -> str:
        return f"{self.action} : {DEFAULT_GRADES[self.grade]}"


class PaperTally(models.Model):
    """The count of a paper vote, typed by a facilitator: how many ballots were counted and,
    per action, the number of each grade. It adds to the typed and imported ballots; an
    action a ballot left blank has fewer grades than `voters`, and those absent grades count
    as the vote page's rule says (ressort.analysis.majority_judgment.fill_absences)."""

    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="paper_tallies")
    label = models.CharField("dépouillement", max_length=200)
    voters = models.PositiveIntegerField("bulletins dépouillés")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "dépouillement papier"
        verbose_name_plural = "dépouillements papier"
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.label


class TallyCount(models.Model):
    """How many paper ballots gave `grade` to `action` (rows with a count of 0 are not kept)."""

    tally = models.ForeignKey(PaperTally, on_delete=models.CASCADE, related_name="counts")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="tally_counts")
    grade = models.PositiveSmallIntegerField(
        "mention", choices=GRADE_CHOICES, validators=[MaxValueValidator(len(DEFAULT_GRADES) - 1)]
    )
    count = models.PositiveIntegerField("nombre")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["tally", "action", "grade"], name="actions_tallycount_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.action} : {DEFAULT_GRADES[self.grade]} × {self.count}"


class ContestedResource(models.Model):
    """A resource whose uses compete (water, land…): the conflict-of-use register."""

    class Kind(models.TextChoices):
        WATER = "eau", "Eau"
        LAND = "foncier", "Foncier, sols"
        ENERGY = "energie", "Énergie"
        FOREST = "foret", "Forêt, bois"
        COAST = "littoral", "Littoral"
        BIODIVERSITY = "biodiversite", "Milieux naturels"
        OTHER = "autre", "Autre"

    approach = models.ForeignKey(
        Approach, on_delete=models.CASCADE, related_name="contested_resources"
    )
    name = models.CharField("ressource", max_length=200)
    kind = models.CharField("type", max_length=14, choices=Kind.choices, default=Kind.WATER)
    description = models.TextField("situation", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "ressource disputée"
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class ResourceUse(models.Model):
    demarche_path = "resource__approach"  # ressort.web.scoped
    resource = models.ForeignKey(ContestedResource, on_delete=models.CASCADE, related_name="uses")
    use = models.CharField("usage", max_length=200)
    actors = models.CharField("acteurs", max_length=300, blank=True)
    claim = models.TextField("revendication, besoin exprimé", blank=True)

    class Meta:
        verbose_name = "usage concurrent"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.use


class ResourceOption(models.Model):
    demarche_path = "resource__approach"  # ressort.web.scoped
    resource = models.ForeignKey(
        ContestedResource, on_delete=models.CASCADE, related_name="options"
    )
    title = models.CharField("option", max_length=200)
    description = models.TextField("description", blank=True)

    class Meta:
        verbose_name = "option envisagée"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class Arbitration(models.Model):
    demarche_path = "resource__approach"  # ressort.web.scoped
    resource = models.ForeignKey(
        ContestedResource, on_delete=models.CASCADE, related_name="arbitrations"
    )
    criteria = models.TextField("critères de l'arbitrage")
    decided_by = models.CharField("qui a décidé", max_length=300)
    decided_on = models.DateField("date de la décision")
    option = models.ForeignKey(
        ResourceOption,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="option retenue",
    )
    decision = models.TextField("décision")
    rationale = models.TextField("justification")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()  # an arbitration can be corrected; every version is kept

    class Meta:
        verbose_name = "arbitrage"
        ordering = ["-decided_on", "-pk"]

    def __str__(self) -> str:
        return f"Arbitrage du {self.decided_on} : {self.resource}"


class BudgetSetting(models.Model):
    """What the team asks of the portfolio within a budget: the budget, the benefit that is
    maximised, and the actions that must be in."""

    class Benefit(models.TextChoices):
        GRID = "grille", "l'effet de résilience de la grille d'analyse (somme des effets)"
        MCDA = "multicritere", "le score de la priorisation multicritère"
        VOTE = "vote", "le classement du vote au jugement majoritaire, en points"

    approach = models.OneToOneField(
        Approach, on_delete=models.CASCADE, related_name="budget_setting"
    )
    budget = models.DecimalField(
        "budget disponible (€)", max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    benefit = models.CharField(
        "bénéfice à maximiser", max_length=12, choices=Benefit.choices, default=Benefit.GRID
    )
    method = models.CharField(
        "méthode multicritère",
        max_length=20,
        default="somme-ponderee",
        help_text="Pour le score de la priorisation multicritère.",
    )
    required = models.ManyToManyField(
        Action, blank=True, related_name="+", verbose_name="actions à retenir obligatoirement"
    )
    year_caps = models.JSONField(
        "plafonds de dépenses par année", default=dict, blank=True
    )  # {"2027": 400000.0}
    theme_minimums = models.JSONField(
        "minimums de dépenses par thème", default=dict, blank=True
    )  # {"<theme pk>": 150000.0}
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "choix dans un budget"

    def __str__(self) -> str:
        return f"Choix dans un budget de {self.budget} € ({self.approach})"


class ActionLink(models.Model):
    """Two actions that exclude each other, or one that requires another, for the choice
    within a budget."""

    class Kind(models.TextChoices):
        EXCLUDES = "exclut", "exclut"
        REQUIRES = "exige", "exige"

    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="action_links")
    source = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="links_out", verbose_name="action"
    )
    kind = models.CharField("lien", max_length=8, choices=Kind.choices)
    target = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="links_in", verbose_name="autre action"
    )

    class Meta:
        verbose_name = "lien entre actions"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["source", "kind", "target"], name="unique_action_link"),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="action_link_not_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"« {self.source} » {self.get_kind_display()} « {self.target} »"
