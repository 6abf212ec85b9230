from __future__ import annotations

from django.conf import settings
from django.db import models

from ressort.approaches.models import Approach


class DocumentJob(models.Model):
    """A document of a démarche built in the background.

    `kind` names what is built ("portrait", "strategie", "evaluation"); `target` is the
    primary key of the object documented when there is one (an evaluation).
    """

    class State(models.TextChoices):
        PENDING = "attente", "En attente"
        RUNNING = "en_cours", "En cours"
        DONE = "pret", "Prêt"
        FAILED = "echec", "Échec"

    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="document_jobs")
    kind = models.CharField(max_length=30)
    target = models.PositiveBigIntegerField(null=True, blank=True)
    format = models.CharField(max_length=4)
    mime = models.CharField(max_length=100)
    filename = models.CharField(max_length=200)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)
    step = models.CharField(max_length=200, blank=True)
    content = models.BinaryField(null=True, blank=True, editable=False)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The queued task building it (ressort.background): the sweep fails a job whose task died.
    task_id = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = "document en préparation"
        verbose_name_plural = "documents en préparation"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["approach", "kind", "target"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.format} ({self.get_state_display()})"

    @property
    def active(self) -> bool:
        return self.state in (self.State.PENDING, self.State.RUNNING)


class AdoptedVersion(models.Model):
    """A deliverable frozen as adopted by the authority's assembly (issue 18, « Adoption »).

    The document is generated once, at adoption, with the adoption block on its cover, and
    its bytes are kept with their SHA-256: later edits of the démarche make new drafts and
    never change an adopted version (there is no edit path; `sha256` lets anyone check the
    file downloaded is the one adopted). The deliberation's own file is kept beside it.
    """

    demarche_path = "approach"  # ressort.web.scoped

    class Kind(models.TextChoices):
        PORTRAIT = "portrait", "Portrait de résilience"
        STRATEGY = "strategie", "Stratégie et plan d'actions"
        EVALUATION = "evaluation", "Évaluation"
        STORY = "recit", "Récit du territoire"

    approach = models.ForeignKey(
        Approach, on_delete=models.CASCADE, related_name="adopted_versions"
    )
    kind = models.CharField("livrable", max_length=20, choices=Kind.choices)
    # The evaluation adopted (monitoring.Evaluation's pk), for kind « evaluation ».
    target = models.PositiveBigIntegerField(null=True, blank=True)
    number = models.PositiveSmallIntegerField("version")
    title = models.CharField("titre", max_length=300)
    deliberation_date = models.DateField("date de la délibération")
    deliberation_number = models.CharField("numéro de la délibération", max_length=100)
    assembly = models.CharField(
        "assemblée", max_length=200, default="conseil communautaire", blank=True
    )
    filename = models.CharField(max_length=200, editable=False)
    mime = models.CharField(max_length=100, editable=False)
    content = models.BinaryField(editable=False)
    sha256 = models.CharField("empreinte SHA-256", max_length=64, editable=False)
    deliberation_filename = models.CharField(max_length=200, blank=True, editable=False)
    deliberation_content = models.BinaryField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "version adoptée"
        verbose_name_plural = "versions adoptées"
        ordering = ["kind", "target", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["approach", "kind", "target", "number"], name="documents_adopted_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} — version {self.number} adoptée"

    @property
    def adoption_text(self) -> str:
        from ressort.documents.engine import french_date

        assembly = f" du {self.assembly}" if self.assembly else ""
        return (
            f"Adopté par délibération n° {self.deliberation_number}{assembly} du "
            f"{french_date(self.deliberation_date)} (version {self.number})."
        )
