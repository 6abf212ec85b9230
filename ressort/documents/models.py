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
