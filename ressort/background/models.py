from __future__ import annotations

from django.db import models


class WorkerHeartbeat(models.Model):
    """A running worker, seen alive at `last_seen` (updated every few seconds by a thread,
    even during a long task). A task claimed by a worker not seen lately was interrupted."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    hostname = models.CharField(max_length=200, blank=True)
    pid = models.PositiveIntegerField(null=True)
    started_at = models.DateTimeField(auto_now_add=True)
    last_seen = models.DateTimeField()

    class Meta:
        verbose_name = "processus de fond"
        verbose_name_plural = "processus de fond"

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.hostname}, {self.pid})"


class ScheduledRun(models.Model):
    """One slot of a periodic task, enqueued once: the unique constraint is what keeps two
    workers from sending the same digest twice."""

    name = models.CharField(max_length=50)
    slot = models.DateTimeField()
    enqueued_at = models.DateTimeField(auto_now_add=True)
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = "tâche périodique lancée"
        verbose_name_plural = "tâches périodiques lancées"
        ordering = ["-slot", "name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "slot"], name="background_run_once_per_slot")
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.slot:%Y-%m-%d %H:%M}"
