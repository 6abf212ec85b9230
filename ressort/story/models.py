"""La mise en récit: the territory's story in five chapters, written by the team from
drafts the app proposes (ressort.story.drafts), with their history and revert."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from ressort.approaches.models import Approach


class ChapterKey(models.TextChoices):
    ORIGINS = "origines", "D'où l'on vient"
    PRESENT = "aujourdhui", "Où l'on est"
    HORIZON = "cap", "Où l'on va"
    PATH = "chemin", "Comment on y va"
    UNCOUNTED = "paroles", "Ce qui ne se compte pas"


class Chapter(models.Model):
    """One chapter of the story, as the team wrote it (empty text: not written yet)."""

    demarche_path = "approach"  # ressort.web.scoped

    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="story_chapters")
    key = models.CharField("chapitre", max_length=12, choices=ChapterKey.choices)
    text = models.TextField(
        "texte",
        blank=True,
        help_text="Paragraphes séparés par une ligne vide. Écrivez pour les habitants.",
    )
    public = models.BooleanField(
        "publiable",
        default=False,
        help_text="Cochez pour que ce chapitre puisse figurer sur la page publique.",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "chapitre du récit"
        verbose_name_plural = "chapitres du récit"
        constraints = [
            models.UniqueConstraint(fields=["approach", "key"], name="story_chapter_once"),
        ]

    def __str__(self) -> str:
        return str(self.get_key_display())

    @property
    def order(self) -> int:
        return list(ChapterKey.values).index(self.key)
