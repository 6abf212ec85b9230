"""The démarche's library and watch: documents the authority provides (files or links, their
text extracted and searchable), passages cited as evidence on other objects, the objectives
of the plans in force and the actions' consistency with them, weak signals and the feeds the
team subscribes to.

Files are private: stored under a random name, served only by a view that checks the
member's rights on the démarche (never by a public media URL).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models

from ressort.approaches.models import Approach
from ressort.web import demarche_url


class DocumentKind(models.TextChoices):
    PLU = "plu", "PLU (plan local d'urbanisme)"
    PLUI = "plui", "PLUi (plan local d'urbanisme intercommunal)"
    SCOT = "scot", "SCoT (schéma de cohérence territoriale)"
    PCAET = "pcaet", "PCAET (plan climat-air-énergie territorial)"
    PAPI = "papi", "PAPI (programme d'actions de prévention des inondations)"
    PPR = "ppr", "PPR (plan de prévention des risques)"
    PCS = "pcs", "PCS (plan communal de sauvegarde)"
    CRTE = "crte", "CRTE (contrat pour la réussite de la transition écologique)"
    SRADDET = "sraddet", "SRADDET (schéma régional)"
    SDAGE = "sdage", "SDAGE ou SAGE (gestion de l'eau)"
    STUDY = "etude", "Étude, diagnostic"
    DELIBERATION = "deliberation", "Délibération"
    OTHER = "autre", "Autre document"


# The plans in force whose objectives the strategy's actions are checked against.
REGULATORY_KINDS = frozenset(
    {"plu", "plui", "scot", "pcaet", "papi", "ppr", "pcs", "crte", "sraddet", "sdage"}
)


def document_path(document: Document, filename: str) -> str:
    # A random name: the original name (kept in the row) never appears in the storage path.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"library/{document.approach_id}/{uuid.uuid4().hex}.{suffix[:8]}"


class Document(models.Model):
    approach = models.ForeignKey(
        Approach, on_delete=models.CASCADE, related_name="library_documents"
    )
    title = models.CharField("titre", max_length=300)
    kind = models.CharField("type de document", max_length=20, choices=DocumentKind.choices)
    issued_on = models.DateField("date du document", null=True, blank=True)
    author = models.CharField(
        "auteur", max_length=200, blank=True, help_text="Organisme ou service qui l'a produit."
    )
    scope = models.CharField(
        "périmètre", max_length=200, blank=True, help_text="Territoire ou thème couvert."
    )
    file = models.FileField("fichier", upload_to=document_path, max_length=200, blank=True)
    original_name = models.CharField("nom du fichier", max_length=255, blank=True)
    mime = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    url = models.URLField("lien", max_length=500, blank=True)
    text = models.TextField("texte extrait", blank=True)
    extraction_note = models.CharField("lecture du texte", max_length=300, blank=True)
    # PostgreSQL only (a GIN index on it, ressort.library.search); unused on SQLite (FTS5).
    search_vector = SearchVectorField(null=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "document de la bibliothèque"
        verbose_name_plural = "documents de la bibliothèque"
        ordering = ["-issued_on", "title", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return demarche_url(self.approach, "library:document_detail", self.pk)

    @property
    def is_link(self) -> bool:
        return not self.file and bool(self.url)

    @property
    def is_regulatory(self) -> bool:
        return self.kind in REGULATORY_KINDS

    @property
    def format_label(self) -> str:
        if self.is_link:
            return "Lien web"
        suffix = self.original_name.rsplit(".", 1)[-1].upper() if self.original_name else ""
        return suffix or "Fichier"


class Passage(models.Model):
    """An excerpt of a document, citable as evidence."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="passages")
    demarche_path = "document__approach"  # ressort.web.scoped
    excerpt = models.TextField("passage cité")
    location = models.CharField(
        "emplacement", max_length=120, blank=True, help_text="Page, article, paragraphe…"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "passage cité"
        verbose_name_plural = "passages cités"
        ordering = ["document", "pk"]

    def __str__(self) -> str:
        return self.excerpt[:80]


class Citation(models.Model):
    """A passage cited as evidence on an object of the démarche: a Doughnut (or framework)
    dimension by its code, or a vulnerability, an impact chain, an action. Real foreign keys
    (one filled, by `target`): a deleted object takes its citations with it, and a démarche's
    backup restores them pointing at the restored objects."""

    class Target(models.TextChoices):
        DIMENSION = "dimension", "Dimension"
        VULNERABILITY = "vulnerabilite", "Vulnérabilité"
        CHAIN = "chaine", "Chaîne d'impacts"
        ACTION = "action", "Action"

    passage = models.ForeignKey(Passage, on_delete=models.CASCADE, related_name="citations")
    demarche_path = "passage__document__approach"  # ressort.web.scoped
    target = models.CharField("cité sur", max_length=20, choices=Target.choices)
    dimension_code = models.CharField(max_length=60, blank=True)
    vulnerability = models.ForeignKey(
        "fieldwork.Vulnerability",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="library_citations",
    )
    chain = models.ForeignKey(
        "systems.ImpactChain",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="library_citations",
    )
    action = models.ForeignKey(
        "actions.Action",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="library_citations",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "citation"
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.passage} → {self.target}"

    @property
    def cited(self) -> Any:
        """The cited object (None for a dimension)."""
        field = FIELD_OF_TARGET.get(self.target)
        return getattr(self, field) if field else None


FIELD_OF_TARGET = {
    Citation.Target.VULNERABILITY: "vulnerability",
    Citation.Target.CHAIN: "chain",
    Citation.Target.ACTION: "action",
}


class PlanObjective(models.Model):
    """An objective of a plan in force (PLUi, SCoT, PCAET…), recorded once."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="objectives")
    demarche_path = "document__approach"  # ressort.web.scoped
    code = models.CharField("repère", max_length=20, blank=True, help_text="ex. : Orientation 2.1")
    text = models.TextField("objectif")
    order = models.PositiveIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "objectif d'un document en vigueur"
        ordering = ["document", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:80]}".strip()


class Verdict(models.TextChoices):
    COMPATIBLE = "compatible", "Compatible"
    NEUTRAL = "neutre", "Neutre"
    TENSION = "tension", "En tension"


class ConsistencyCheck(models.Model):
    """How one action of the strategy stands against one objective of a plan in force."""

    action = models.ForeignKey(
        "actions.Action", on_delete=models.CASCADE, related_name="consistency_checks"
    )
    demarche_path = "action__approach"  # ressort.web.scoped
    objective = models.ForeignKey(PlanObjective, on_delete=models.CASCADE, related_name="checks")
    verdict = models.CharField("cohérence", max_length=12, choices=Verdict.choices)
    justification = models.TextField("justification", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "cohérence d'une action avec un document en vigueur"
        ordering = ["objective__document", "objective__order", "objective__pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "objective"], name="library_consistency_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_verdict_display()} : {self.objective}"


# --- Watch (veille) ---------------------------------------------------------------------------


class Feed(models.Model):
    """An RSS or Atom feed the team subscribes to, fetched on a schedule when online."""

    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="watch_feeds")
    title = models.CharField("nom du flux", max_length=200)
    url = models.URLField("adresse du flux (RSS ou Atom)", max_length=500)
    active = models.BooleanField("relevé automatiquement", default=True)
    fetched_at = models.DateTimeField("dernier relevé", null=True, blank=True)
    status = models.CharField("résultat du dernier relevé", max_length=300, blank=True)
    failed = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "flux de veille"
        verbose_name_plural = "flux de veille"
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title


class FeedItem(models.Model):
    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="items")
    demarche_path = "feed__approach"  # ressort.web.scoped
    guid = models.CharField(max_length=500)
    title = models.CharField("titre", max_length=500)
    link = models.URLField("lien", max_length=1000, blank=True)
    summary = models.TextField("résumé", blank=True)
    published = models.DateTimeField("publié le", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "article d'un flux"
        ordering = ["-published", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["feed", "guid"], name="library_feed_item_unique")
        ]

    def __str__(self) -> str:
        return self.title


class Signal(models.Model):
    """A weak signal noticed by the team: what it is, who noticed it, what it might mean."""

    class Kind(models.TextChoices):
        STUDY = "etude", "Étude, publication"
        NEWS = "actualite", "Article, actualité"
        OBSERVATION = "observation", "Observation de terrain"
        POLICY = "politique", "Évolution réglementaire ou politique"

    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="watch_signals")
    title = models.CharField("signal", max_length=200)
    kind = models.CharField("nature", max_length=20, choices=Kind.choices)
    description = models.TextField("ce qui a été repéré", blank=True)
    meaning = models.TextField(
        "ce que cela pourrait signifier pour le territoire",
        blank=True,
    )
    noticed_by = models.CharField(
        "repéré par", max_length=200, blank=True, help_text="Une personne, un service."
    )
    noticed_on = models.DateField("repéré le")
    url = models.URLField("lien", max_length=1000, blank=True)
    dimensions = models.JSONField("dimensions", default=list, blank=True)
    hazards = models.ManyToManyField(
        "fieldwork.Hazard", blank=True, related_name="watch_signals", verbose_name="aléas"
    )
    feed_item = models.ForeignKey(
        FeedItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="signals"
    )
    became_hazard = models.ForeignKey(
        "fieldwork.Hazard", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    became_variable = models.ForeignKey(
        "systems.Variable", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    became_idea = models.ForeignKey(
        "actions.Idea", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "signal faible"
        verbose_name_plural = "signaux faibles"
        ordering = ["-noticed_on", "-pk"]

    def __str__(self) -> str:
        return self.title
