"""The démarche's public page for inhabitants: opt-in, part by part (issue 18, « Sharing »).

Nothing is public by default. The team publishes the page and chooses its parts; what each
part shows is written once, in `ressort.publication.content`. Unpublishing, or unticking a
part, hides it at the next request (nothing is cached).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ressort.approaches.models import Approach


class Part(models.TextChoices):
    STORY = "recit", "Le récit du territoire (les chapitres marqués publiables)"
    PORTRAIT = (
        "portrait",
        "Les messages clés du portrait : ce que disent les données, les forces, les "
        "faiblesses et les vulnérabilités retenues par l'équipe",
    )
    VISION = "vision", "La vision partagée : texte, valeurs et engagements"
    IDEAS = "idees", "Ce que sont devenues vos idées (ateliers et contributions libres)"
    PLAN = "plan", "Le plan d'actions : axes, actions et avancement"
    DOCUMENTS = "documents", "Les documents adoptés par l'assemblée"
    CALENDAR = "calendrier", "Le calendrier de la démarche"


class PublicPage(models.Model):
    demarche_path = "approach"  # ressort.web.scoped

    approach = models.OneToOneField(Approach, on_delete=models.CASCADE, related_name="public_page")
    published = models.BooleanField("page publiée", default=False)
    parts = models.JSONField("parties publiées", default=list, blank=True)
    introduction = models.TextField(
        "mot d'accueil",
        blank=True,
        help_text="Quelques lignes pour les habitants, en tête de la page publique.",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "page publique"
        verbose_name_plural = "pages publiques"

    def __str__(self) -> str:
        return f"Page publique de {self.approach}"

    def shows(self, part: str) -> bool:
        return self.published and part in self.parts
