"""What the operator of an instance writes on its legal pages."""

from django.conf import settings
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


DEFAULT_RETENTION_MONTHS = 36


class RetentionPolicy(models.Model):
    """How long a démarche keeps the personal data its participants give (testimonies,
    photos, workshop answers); `ressort purge` erases what is older."""

    demarche_path = "approach"  # how ressort.web scopes it to its démarche

    approach = models.OneToOneField(
        "approaches.Approach", on_delete=models.CASCADE, related_name="retention_policy"
    )
    months = models.PositiveSmallIntegerField(
        "durée de conservation (mois)",
        default=DEFAULT_RETENTION_MONTHS,
        help_text="Au-delà, les témoignages, photos et réponses aux ateliers sont effacés ; "
        "les résultats agrégés restent.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "durée de conservation d'une démarche"

    def __str__(self) -> str:
        return f"{self.months} mois ({self.approach})"


class ConsentRecord(models.Model):
    """The trace of a person's consent: who, to what, when, how; and its withdrawal."""

    demarche_path = "approach"

    class How(models.TextChoices):
        WRITTEN = "ecrit", "Par écrit (formulaire signé)"
        ORAL = "oral", "À l'oral, devant témoin"
        ONLINE = "en-ligne", "En ligne (case cochée)"

    approach = models.ForeignKey(
        "approaches.Approach", on_delete=models.CASCADE, related_name="consent_records"
    )
    person = models.CharField("personne", max_length=200)
    purpose = models.TextField("ce à quoi la personne consent")
    given_on = models.DateField("date de l'accord")
    how = models.CharField("forme de l'accord", max_length=10, choices=How.choices)
    withdrawn_on = models.DateField("retiré le", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "recueil de consentement"
        ordering = ["-given_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.person} — {self.given_on:%d/%m/%Y}"


class RightsRequest(models.Model):
    """A person's access or erasure request as the démarche answered it: what was done,
    when and by whom — without the person's data (which the erasure removed)."""

    demarche_path = "approach"

    class Kind(models.TextChoices):
        ACCESS = "acces", "Accès (export des données)"
        ERASURE = "effacement", "Effacement"

    approach = models.ForeignKey(
        "approaches.Approach", on_delete=models.CASCADE, related_name="rights_requests"
    )
    kind = models.CharField("demande", max_length=10, choices=Kind.choices)
    summary = models.TextField("ce qui a été fait")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    done_at = models.DateTimeField("le", auto_now_add=True)

    class Meta:
        verbose_name = "demande d'exercice des droits"
        ordering = ["-done_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.done_at:%d/%m/%Y}"
