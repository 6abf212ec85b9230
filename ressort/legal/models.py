"""What the operator of an instance writes on its legal pages."""

from django.db import models


class LegalPage(models.TextChoices):
    ACCESSIBILITY = "accessibilite", "Déclaration d'accessibilité"
    NOTICE = "mentions-legales", "Mentions légales"
    PERSONAL_DATA = "donnees-personnelles", "Données personnelles"


class LegalText(models.Model):
    """The operator's own text for one legal page, shown before the facts Ressort states.

    The page's facts (the register of processing, the conformity level, the publisher…)
    come from the settings and from `ressort.legal.register`; this text adds what only the
    operator knows (its contact, its audit, its own commitments).
    """

    page = models.CharField("page", max_length=30, choices=LegalPage.choices, unique=True)
    body = models.TextField(
        "texte de l'opérateur",
        blank=True,
        help_text="Texte simple : une ligne vide sépare deux paragraphes.",
    )
    updated_at = models.DateTimeField("mis à jour le", auto_now=True)

    class Meta:
        verbose_name = "texte d'une page légale"
        verbose_name_plural = "textes des pages légales"

    def __str__(self) -> str:
        return self.get_page_display()
