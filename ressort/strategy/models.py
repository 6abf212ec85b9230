"""The strategy of a démarche: vision → strategic axes → operational objectives → actions.

Every model keeps its history (django-simple-history: who, when, what) so that the chef·fe
de projet can see and revert any change. Objects a form edits carry a `version` number:
a save based on an older version is refused (see services.save_versioned) rather than
silently overwriting a colleague's work.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from ressort.approaches.models import Approach


class Versioned(models.Model):
    """Optimistic concurrency: the form posts the version it was built from."""

    version = models.PositiveIntegerField("version", default=1, editable=False)

    class Meta:
        abstract = True


class StrategyStatement(Versioned):
    """The texts that frame the whole strategy: its title and preamble.

    The vision it serves is the démarche's shared vision, `systems.Vision` (page « Vision »):
    one text, edited there, shown by the strategy pages and document.
    """

    approach = models.OneToOneField(
        Approach, on_delete=models.CASCADE, related_name="strategy_statement"
    )
    title = models.CharField(
        "titre de la stratégie", max_length=200, default="Stratégie de résilience du territoire"
    )
    preamble = models.TextField("introduction", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "cadre de la stratégie"

    def __str__(self) -> str:
        return self.title


class Axis(Versioned):
    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="strategic_axes")
    order = models.PositiveSmallIntegerField("ordre", default=1)
    title = models.CharField("intitulé de l'axe", max_length=200)
    description = models.TextField("description", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "axe stratégique"
        verbose_name_plural = "axes stratégiques"
        ordering = ["approach", "order", "pk"]

    def __str__(self) -> str:
        return f"Axe {self.order} — {self.title}"

    @property
    def number(self) -> str:
        return str(self.order)


class Objective(Versioned):
    demarche_path = "axis__approach"  # ressort.web.scoped

    axis = models.ForeignKey(Axis, on_delete=models.CASCADE, related_name="objectives")
    order = models.PositiveSmallIntegerField("ordre", default=1)
    title = models.CharField("intitulé de l'objectif", max_length=300)
    description = models.TextField("description", blank=True)
    vision_link = models.TextField(
        "contribution à la vision",
        blank=True,
        help_text="En quoi cet objectif rapproche le territoire de la vision.",
    )
    # Doughnut dimension codes (frameworks.Dimension.code) this objective answers: the
    # portrait's shortfalls and overshoots it aims to close.
    gap_codes = models.JSONField("manques et dépassements visés", default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "objectif opérationnel"
        verbose_name_plural = "objectifs opérationnels"
        ordering = ["axis__order", "axis_id", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def number(self) -> str:
        return f"{self.axis.order}.{self.order}"


class SheetStatus(models.TextChoices):
    IDEA = "idee", "Idée"
    PLANNED = "planifiee", "Planifiée"
    STARTED = "engagee", "Engagée"
    DONE = "realisee", "Réalisée"
    ABANDONED = "abandonnee", "Abandonnée"


class ActionSheet(Versioned):
    """The fiche action: how an action of the démarche will be carried out and followed."""

    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="action_sheets")
    action = models.OneToOneField(
        "actions.Action", on_delete=models.CASCADE, related_name="sheet", verbose_name="action"
    )
    objective = models.ForeignKey(
        Objective,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sheets",
        verbose_name="objectif opérationnel",
    )
    order = models.PositiveSmallIntegerField("ordre", default=1)
    purpose = models.TextField(
        "objectif de l'action",
        blank=True,
        help_text="Le résultat attendu : ce qui aura changé quand elle sera réalisée.",
    )
    pilot_service = models.CharField("service pilote", max_length=200, blank=True)
    pilot_name = models.CharField("pilote (personne)", max_length=200, blank=True)
    pilot_email = models.EmailField(
        "adresse du pilote",
        blank=True,
        help_text="Reçoit le récapitulatif des actions en retard.",
    )
    elected_lead = models.CharField("élu·e référent·e", max_length=200, blank=True)
    partners = models.TextField("partenaires", blank=True)
    target_public = models.TextField("public cible", blank=True)
    whole_territory = models.BooleanField("tout le territoire", default=True)
    # INSEE codes of the communes of the perimeter concerned (when not the whole territory).
    commune_codes = models.JSONField("communes concernées", default=list, blank=True)
    start_date = models.DateField("début", null=True, blank=True)
    end_date = models.DateField("fin prévue", null=True, blank=True)
    status = models.CharField(
        "statut", max_length=12, choices=SheetStatus.choices, default=SheetStatus.IDEA
    )
    progress = models.PositiveSmallIntegerField(
        "avancement (%)", default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    prerequisites = models.TextField("prérequis", blank=True)
    risks = models.TextField("risques et parades", blank=True)
    skills = models.TextField("compétences nécessaires", blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "fiche action"
        verbose_name_plural = "fiches action"
        ordering = ["approach", "objective__axis__order", "objective__order", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="strategy_sheet_progress_max"
            ),
        ]

    def __str__(self) -> str:
        return str(self.action.title)


class BudgetKind(models.TextChoices):
    INVESTMENT = "investissement", "Investissement"
    OPERATION = "fonctionnement", "Fonctionnement"


class BudgetLine(Versioned):
    demarche_path = "sheet__approach"  # ressort.web.scoped

    sheet = models.ForeignKey(ActionSheet, on_delete=models.CASCADE, related_name="budget_lines")
    kind = models.CharField("section", max_length=16, choices=BudgetKind.choices)
    year = models.PositiveSmallIntegerField("année")
    label = models.CharField("objet de la dépense", max_length=200, blank=True)
    planned = models.DecimalField("prévu (€)", max_digits=14, decimal_places=2, default=0)
    spent = models.DecimalField("dépensé (€)", max_digits=14, decimal_places=2, default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "ligne de budget"
        verbose_name_plural = "lignes de budget"
        ordering = ["sheet", "year", "kind", "pk"]

    def __str__(self) -> str:
        label = f" — {self.label}" if self.label else ""
        return f"{self.get_kind_display()} {self.year}{label}"


class Funding(Versioned):
    demarche_path = "sheet__approach"  # ressort.web.scoped

    class Kind(models.TextChoices):
        OWN = "autofinancement", "Autofinancement"
        STATE = "etat", "État (DSIL, DETR, fonds vert…)"
        REGION = "region", "Région"
        DEPARTMENT = "departement", "Département"
        EUROPE = "europe", "Union européenne (FEDER, FEADER, LEADER…)"
        AGENCY = "agence", "Agence (ADEME, agence de l'eau, OFB…)"
        PRIVATE = "prive", "Partenaire privé ou mécénat"
        OTHER = "autre", "Autre"

    class State(models.TextChoices):
        ENVISAGED = "envisage", "Envisagé"
        REQUESTED = "sollicite", "Sollicité"
        GRANTED = "acquis", "Acquis"

    sheet = models.ForeignKey(ActionSheet, on_delete=models.CASCADE, related_name="fundings")
    funder = models.CharField("financeur", max_length=200)
    kind = models.CharField("type", max_length=16, choices=Kind.choices, default=Kind.OTHER)
    amount = models.DecimalField("montant (€)", max_digits=14, decimal_places=2, default=0)
    state = models.CharField("état", max_length=10, choices=State.choices, default=State.ENVISAGED)
    note = models.CharField("précision", max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "source de financement"
        verbose_name_plural = "sources de financement"
        ordering = ["sheet", "-amount", "pk"]

    def __str__(self) -> str:
        return self.funder


class Milestone(Versioned):
    demarche_path = "sheet__approach"  # ressort.web.scoped

    sheet = models.ForeignKey(ActionSheet, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField("jalon", max_length=200)
    due_date = models.DateField("échéance")
    done_on = models.DateField("atteint le", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "jalon"
        ordering = ["sheet", "due_date", "pk"]

    def __str__(self) -> str:
        return self.title


class IndicatorKind(models.TextChoices):
    OUTPUT = "realisation", "Indicateur de réalisation"
    OUTCOME = "resultat", "Indicateur de résultat"


class SheetIndicator(Versioned):
    """An indicator followed by the sheet, with its baseline and target.

    Outcome indicators usually point at an indicator of the portrait (its values are
    entered there); an output indicator may be named here only (« composteurs installés »).
    """

    demarche_path = "sheet__approach"  # ressort.web.scoped

    sheet = models.ForeignKey(ActionSheet, on_delete=models.CASCADE, related_name="indicators")
    kind = models.CharField(
        "type", max_length=12, choices=IndicatorKind.choices, default=IndicatorKind.OUTCOME
    )
    indicator = models.ForeignKey(
        "portrait.Indicator",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sheet_links",
        verbose_name="indicateur du portrait",
    )
    label = models.CharField(
        "intitulé (si l'indicateur n'est pas dans le portrait)", max_length=200, blank=True
    )
    unit = models.CharField("unité", max_length=40, blank=True)
    baseline = models.FloatField("valeur de référence", null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField("année de référence", null=True, blank=True)
    target = models.FloatField("cible", null=True, blank=True)
    target_year = models.PositiveSmallIntegerField("année de la cible", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "indicateur de fiche"
        verbose_name_plural = "indicateurs de fiche"
        ordering = ["sheet", "kind", "pk"]

    def __str__(self) -> str:
        if self.indicator_id:
            return str(self.indicator.name)  # type: ignore[union-attr]
        return self.label or "Indicateur"

    @property
    def display_unit(self) -> str:
        if self.unit:
            return self.unit
        return str(self.indicator.unit) if self.indicator_id else ""  # type: ignore[union-attr]


class Comment(models.Model):
    """A member's remark on an action sheet or an axis of the strategy.

    Commenting needs only `Right.COMMENT`, which partners have: a partner co-piloting an
    action says what they think of it without being able to change it. A comment is never
    part of the strategy's versions or documents; its author (or a lead) may delete it.
    """

    demarche_path = "approach"  # ressort.web.scoped

    approach = models.ForeignKey(
        Approach, on_delete=models.CASCADE, related_name="strategy_comments"
    )
    sheet = models.ForeignKey(
        ActionSheet, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    axis = models.ForeignKey(
        Axis, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField("commentaire", max_length=3000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "commentaire"
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(sheet__isnull=False, axis__isnull=True)
                | models.Q(sheet__isnull=True, axis__isnull=False),
                name="strategy_comment_one_target",
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]
