"""The strategy of a démarche: vision → strategic axes → operational objectives → actions.

Every model keeps its history (django-simple-history: who, when, what) so that the chef·fe
de projet can see and revert any change. Objects a form edits carry a `version` number:
a save based on an older version is refused (see services.save_versioned) rather than
silently overwriting a colleague's work.
"""

from django.db import models
from simple_history.models import HistoricalRecords

from ressort.approaches.models import Approach


class Versioned(models.Model):
    """Optimistic concurrency: the form posts the version it was built from."""

    version = models.PositiveIntegerField("version", default=1, editable=False)

    class Meta:
        abstract = True


class StrategyStatement(Versioned):
    """The texts that frame the whole strategy: the vision it serves and its preamble."""

    approach = models.OneToOneField(
        Approach, on_delete=models.CASCADE, related_name="strategy_statement"
    )
    title = models.CharField(
        "titre de la stratégie", max_length=200, default="Stratégie de résilience du territoire"
    )
    vision = models.TextField(
        "vision du territoire",
        blank=True,
        help_text="Le territoire souhaité à l'horizon choisi, tel que la démarche l'a formulé.",
    )
    horizon = models.PositiveSmallIntegerField("horizon", null=True, blank=True)
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
