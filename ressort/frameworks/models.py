"""Frameworks as versioned data: Framework → FrameworkVersion → Dimension tree, crosswalks.

A shipped framework (approach is null) gets a new FrameworkVersion for each published
version; rows of an older version are never rewritten, so whatever refers to them keeps its
meaning. A démarche's co-built grid is a Framework with an approach: its single version is
edited in place, and every change is written to GridChange.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from ressort.approaches.models import Approach


class Framework(models.Model):
    code = models.SlugField("code", max_length=40)
    name = models.CharField("nom", max_length=200)
    approach = models.ForeignKey(
        Approach,
        verbose_name="démarche",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="grids",
        help_text="Vide pour un référentiel livré ; la démarche pour une grille co-construite.",
    )
    derived_from = models.ForeignKey(
        "FrameworkVersion",
        verbose_name="dérivée de",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="derived_grids",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "référentiel"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=Q(approach__isnull=True), name="framework_shipped_code"
            ),
            models.UniqueConstraint(fields=["approach", "code"], name="framework_grid_code"),
        ]

    def __str__(self) -> str:
        return self.name

    def current_version(self) -> "FrameworkVersion | None":
        return self.versions.filter(is_current=True).first()


class FrameworkVersion(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="versions")
    version = models.CharField("version", max_length=40)
    name = models.CharField("nom", max_length=200)
    source = models.TextField("source")
    source_url = models.URLField("lien vers la source", max_length=500, blank=True)
    published_at = models.CharField("publiée le", max_length=10, blank=True)
    description = models.TextField("description", blank=True)
    ressort_proposal = models.BooleanField("proposition Ressort", default=False)
    scale = models.JSONField("échelle de cotation", null=True, blank=True)
    is_current = models.BooleanField("version en vigueur", default=False)
    content_hash = models.CharField(max_length=64, editable=False)
    loaded_at = models.DateTimeField(auto_now_add=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "version de référentiel"
        ordering = ["framework", "-loaded_at"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "version"], name="framework_version"),
            models.UniqueConstraint(
                fields=["framework"], condition=Q(is_current=True), name="framework_one_current"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} — version {self.version}"


class Dimension(models.Model):
    """A node of a framework tree: anneau, dimension, principe, levier, question, indicateur…"""

    version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="dimensions"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    code = models.CharField("code", max_length=60)
    kind = models.CharField("type", max_length=20)
    label = models.CharField("libellé", max_length=300)
    short_label = models.CharField("libellé court", max_length=80, blank=True)
    label_en = models.CharField("libellé anglais", max_length=200, blank=True)
    definition = models.TextField("définition", blank=True)
    why_it_matters = models.TextField("pourquoi c'est important", blank=True)
    source = models.TextField("source", blank=True)
    source_url = models.URLField("lien vers la source", max_length=500, blank=True)
    item_version = models.CharField("version de l'élément", max_length=40, blank=True)
    to_verify = models.BooleanField("à vérifier", default=False)
    verification_note = models.TextField("note de vérification", blank=True)
    ressort_proposal = models.BooleanField("proposition Ressort", default=False)
    weight = models.FloatField("poids", default=1.0)
    order = models.PositiveIntegerField("ordre", default=0)
    extra = models.JSONField("données (seuils, valeurs, exemples)", default=dict, blank=True)

    # A node of a démarche's grid belongs to that démarche (ressort.web.get_scoped); the
    # shipped frameworks' nodes (no démarche) are never reachable through it.
    demarche_path = "version__framework__approach"

    class Meta:
        verbose_name = "élément de référentiel"
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="dimension_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.label}"


class Crosswalk(models.Model):
    """A link declared by a framework version, from one of its codes to framework:code."""

    version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="crosswalks"
    )
    from_code = models.CharField("depuis", max_length=60)
    target_framework = models.CharField("référentiel cible", max_length=40)
    target_code = models.CharField("élément cible", max_length=60)
    source = models.TextField("source")
    note = models.TextField("note", blank=True)

    class Meta:
        verbose_name = "correspondance"
        ordering = ["version", "from_code", "target_framework", "target_code"]

    def __str__(self) -> str:
        return f"{self.from_code} → {self.target_framework}:{self.target_code}"


class GridChange(models.Model):
    """Who changed what in a démarche's grid (or imported, or created it)."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="changes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    summary = models.CharField("modification", max_length=500)

    class Meta:
        verbose_name = "modification de grille"
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return self.summary


class PriorityExercise(models.Model):
    """An appropriation workshop: which dimensions of a framework matter most here.

    Filled by hand by a facilitator (source « saisie ») or, later, by a live workshop
    (source « atelier_en_direct »): each PriorityVote row is one participant's answer, or a
    counted group of identical answers; `aggregate_priorities` computes the result.
    """

    class Source(models.TextChoices):
        MANUAL = "saisie", "Saisie par l'accompagnateur·rice"
        LIVE = "atelier_en_direct", "Atelier en direct"

    approach = models.ForeignKey(
        Approach, on_delete=models.CASCADE, related_name="priority_exercises"
    )
    version = models.ForeignKey(
        FrameworkVersion, on_delete=models.PROTECT, related_name="priority_exercises"
    )
    title = models.CharField("intitulé de l'atelier", max_length=200)
    held_on = models.DateField("date", null=True, blank=True)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.MANUAL)
    workshop_ref = models.CharField("référence de l'atelier en direct", max_length=100, blank=True)
    notes = models.TextField("notes", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "atelier d'appropriation"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class PriorityVote(models.Model):
    class Pile(models.TextChoices):
        ESSENTIAL = "essentiel", "Essentiel"
        IMPORTANT = "important", "Important"
        SECONDARY = "secondaire", "Secondaire"

    exercise = models.ForeignKey(PriorityExercise, on_delete=models.CASCADE, related_name="votes")
    group = models.CharField("groupe de participants", max_length=100)
    participant = models.CharField("participant·e", max_length=100, blank=True)
    dimension_code = models.CharField("dimension", max_length=60)
    pile = models.CharField(max_length=12, choices=Pile.choices, blank=True)
    rank = models.PositiveSmallIntegerField("rang", null=True, blank=True)
    count = models.PositiveIntegerField("effectif", default=1)

    class Meta:
        verbose_name = "réponse d'atelier d'appropriation"
        ordering = ["exercise", "group", "dimension_code"]

    def __str__(self) -> str:
        return f"{self.group} : {self.dimension_code}"


class SelfAssessment(models.Model):
    """One answer to the conditions-of-success questionnaire (answers by question code)."""

    approach = models.ForeignKey(
        Approach, on_delete=models.CASCADE, related_name="self_assessments"
    )
    version = models.ForeignKey(
        FrameworkVersion, on_delete=models.PROTECT, related_name="self_assessments"
    )
    answers = models.JSONField("réponses", default=dict)
    comment = models.TextField("commentaire", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "auto-évaluation des conditions de réussite"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Auto-évaluation du {self.created_at:%d/%m/%Y}"
