"""Field evidence of a démarche: observations, testimonies and their quotes, vulnerabilities
and resources, and the hazards they relate to.

Framework dimensions are stored as lists of `Dimension.code` strings (Doughnut codes such
as `water`, Boussole lever codes such as `L3.1`): the codes are stable across framework
versions, and the cross-app contracts speak in codes.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from ressort.approaches.models import Approach
from ressort.web import demarche_url

THEMES = [
    ("eau", "Eau"),
    ("alimentation", "Alimentation"),
    ("energie", "Énergie"),
    ("sante", "Santé"),
    ("logement", "Logement"),
    ("mobilite", "Mobilités"),
    ("economie", "Économie et emploi"),
    ("biodiversite", "Biodiversité et paysages"),
    ("risques", "Risques et sécurité civile"),
    ("cohesion", "Cohésion sociale et culture"),
    ("gouvernance", "Gouvernance et services publics"),
]
THEME_LABELS = dict(THEMES)


class Nature(models.TextChoices):
    NEUTRAL = "", "Ni l'une ni l'autre (constat)"
    VULNERABILITY = "vulnerabilite", "Plutôt une vulnérabilité"
    RESOURCE = "ressource", "Plutôt une ressource"


class SpeakerCategory(models.TextChoices):
    ELECTED = "elu", "Élu·e"
    AGENT = "agent", "Agent de la collectivité"
    RESIDENT = "habitant", "Habitant·e"
    BUSINESS = "acteur_economique", "Acteur économique"
    FARMER = "agriculteur", "Agriculteur·rice"
    ASSOCIATION = "association", "Association"
    PUBLIC_SERVICE = "service_public", "Service public, institution"
    YOUTH = "jeune", "Jeune, scolaire"
    EXPERT = "expert", "Expert·e, chercheur·se"
    OTHER = "autre", "Autre"


SEVERITY = [(1, "1 — faible"), (2, "2 — modérée"), (3, "3 — forte"), (4, "4 — critique")]
STRENGTH = [(1, "1 — fragile"), (2, "2 — modérée"), (3, "3 — solide"), (4, "4 — majeure")]


class Hazard(models.Model):
    """An aléa or shock; shipped ones (approach null) come from data/fieldwork/hazards.yaml."""

    approach = models.ForeignKey(
        Approach,
        verbose_name="démarche",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="hazards",
        help_text="Vide pour un aléa livré avec Ressort ; la démarche pour un aléa qu'elle ajoute.",
    )
    code = models.SlugField("code", max_length=60)
    label = models.CharField("nom", max_length=200)
    family = models.CharField("famille", max_length=60, blank=True)
    description = models.TextField("description", blank=True)
    order = models.PositiveIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "aléa"
        ordering = ["order", "label"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=Q(approach__isnull=True), name="hazard_shipped_code"
            ),
            models.UniqueConstraint(fields=["approach", "code"], name="hazard_approach_code"),
        ]

    def __str__(self) -> str:
        return self.label


class ClientMade(models.Model):
    """An entry that may be made on a phone offline: the phone gives it an id before sending,
    so that sending it again (a lost answer, a second tab) never stores it twice."""

    client_id = models.UUIDField(
        "identifiant donné par le téléphone", null=True, blank=True, editable=False
    )

    class Meta:
        abstract = True


class Located(models.Model):
    """A place: a name people use, and optionally a point (WGS 84)."""

    place_name = models.CharField(
        "lieu", max_length=200, blank=True, help_text="Commune, quartier, rue, lieu-dit…"
    )
    latitude = models.FloatField(
        "latitude",
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.FloatField(
        "longitude",
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    class Meta:
        abstract = True

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class Observation(Located, ClientMade):
    """A « diagnostic en marchant » note: what someone saw on site."""

    approach = models.ForeignKey(
        Approach, on_delete=models.CASCADE, related_name="observations", verbose_name="démarche"
    )
    title = models.CharField("titre", max_length=200)
    text = models.TextField("ce qui a été observé")
    observed_on = models.DateField("date de l'observation")
    dimensions = models.JSONField("dimensions", default=list, blank=True)
    themes = models.JSONField("thèmes", default=list, blank=True)
    nature = models.CharField(
        "signale", max_length=20, choices=Nature.choices, default=Nature.NEUTRAL, blank=True
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="auteur·rice",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "observation de terrain"
        verbose_name_plural = "observations de terrain"
        ordering = ["-observed_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["approach", "client_id"], name="observation_client_id_once"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return demarche_url(self.approach, "fieldwork:observation_detail", self.pk)

    def theme_labels(self) -> list[str]:
        return [THEME_LABELS.get(t, t) for t in self.themes]

    def portrait_photos(self) -> list[Photo]:
        return [p for p in self.photos.all() if p.in_portrait]


def photo_path(photo: Photo, filename: str) -> str:
    # The name never reveals the original file name (which often holds a date or a place).
    import uuid

    return f"fieldwork/{photo.observation.approach_id}/{uuid.uuid4().hex}.jpg"


class Photo(models.Model):
    """A photo of an observation: resized, metadata stripped, private to the démarche."""

    demarche_path = "observation__approach"  # ressort.web.scoped
    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField("photo", upload_to=photo_path, max_length=200)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    description = models.CharField(
        "description de la photo",
        max_length=300,
        blank=True,
        help_text="Ce que montre la photo, pour les personnes qui ne la voient pas.",
    )
    in_portrait = models.BooleanField(
        "visible dans le portrait",
        default=False,
        help_text="Privée par défaut : seuls les membres de la démarche la voient.",
    )
    gps_latitude = models.FloatField(null=True, blank=True)
    gps_longitude = models.FloatField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "photo"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.description or f"Photo {self.pk}"

    def get_absolute_url(self) -> str:
        return demarche_url(
            self.observation.approach, "fieldwork:photo", self.observation_id, self.pk
        )


class Testimony(Located, ClientMade):
    """An interview or a testimony: who spoke (a category), when, and what they told."""

    approach = models.ForeignKey(
        Approach, on_delete=models.CASCADE, related_name="testimonies", verbose_name="démarche"
    )
    speaker_category = models.CharField("qui parle", max_length=30, choices=SpeakerCategory.choices)
    speaker_detail = models.CharField(
        "précision sur la personne",
        max_length=200,
        blank=True,
        help_text="Sans la nommer : « agricultrice en maraîchage », « directeur d'école »…",
    )
    speaker_name = models.CharField(
        "nom de la personne",
        max_length=200,
        blank=True,
        help_text="Seulement si la personne a donné son accord pour être nommée.",
    )
    consent_recorded = models.BooleanField("accord pour être nommée recueilli", default=False)
    consent_note = models.CharField(
        "comment l'accord a été recueilli",
        max_length=300,
        blank=True,
        help_text="Par exemple : « accord écrit signé le 3 mars », « accord oral enregistré ».",
    )
    spoken_on = models.DateField("date")
    source = models.CharField(
        "cadre",
        max_length=200,
        blank=True,
        help_text="Entretien, marche exploratoire, atelier du 12 mars…",
    )
    felt = models.TextField("vécu, ressenti", blank=True)
    uses = models.TextField("usages", blank=True)
    practices = models.TextField("façons de faire", blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "témoignage"
        ordering = ["-spoken_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(speaker_name="") | Q(consent_recorded=True),
                name="testimony_name_needs_consent",
            ),
            models.UniqueConstraint(
                fields=["approach", "client_id"], name="testimony_client_id_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.speaker_label} — {self.spoken_on:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return demarche_url(self.approach, "fieldwork:testimony_detail", self.pk)

    @property
    def speaker_label(self) -> str:
        label = self.get_speaker_category_display()
        if self.speaker_name and self.consent_recorded:
            label = f"{self.speaker_name} ({label.lower()})"
        if self.speaker_detail:
            label = f"{label}, {self.speaker_detail}"
        return str(label)


class Quote(models.Model):
    """A sentence of a testimony, in the speaker's words, tagged to framework dimensions."""

    demarche_path = "testimony__approach"  # ressort.web.scoped
    testimony = models.ForeignKey(Testimony, on_delete=models.CASCADE, related_name="quotes")
    text = models.TextField("citation")
    dimensions = models.JSONField("dimensions", default=list, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "citation"
        ordering = ["testimony", "order", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return self.testimony.get_absolute_url() + f"#citation-{self.pk}"


class TagDecision(models.Model):
    """A human's answer to a tag suggestion; confirmed ones teach the démarche's tagger."""

    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="+")
    quote = models.ForeignKey(
        Quote, on_delete=models.CASCADE, null=True, blank=True, related_name="decisions"
    )
    observation = models.ForeignKey(
        Observation, on_delete=models.CASCADE, null=True, blank=True, related_name="decisions"
    )
    text = models.TextField("texte")
    code = models.CharField("dimension", max_length=60)
    accepted = models.BooleanField("confirmée")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "décision sur une suggestion d'étiquette"
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.code} {'confirmée' if self.accepted else 'rejetée'}"


class InventoryItem(Located):
    """What vulnerabilities and resources share: dimensions, place, evidence, hazards.

    The portrait's indicators that support an item are linked on the portrait's side
    (`Indicator.vulnerabilities`, `Indicator.resources`): this app knows nothing of them.
    """

    title = models.CharField("intitulé", max_length=200)
    description = models.TextField("description", blank=True)
    dimensions = models.JSONField("dimensions", default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    kind = ""
    kind_label = ""
    level_name = ""  # the field that grades it: a vulnerability's severity, a resource's strength

    class Meta:
        abstract = True
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "fieldwork:item_detail",
            args=[self.approach.slug, self.kind, self.pk],  # type: ignore[attr-defined]
        )

    @property
    def level(self) -> int:
        return int(getattr(self, self.level_name))

    @property
    def level_label(self) -> str:
        return str(getattr(self, f"get_{self.level_name}_display")())


class Vulnerability(InventoryItem, ClientMade):
    approach = models.ForeignKey(
        Approach, on_delete=models.CASCADE, related_name="vulnerabilities", verbose_name="démarche"
    )
    severity = models.PositiveSmallIntegerField("gravité", choices=SEVERITY, default=2)
    hazards = models.ManyToManyField(
        Hazard, blank=True, related_name="vulnerabilities", verbose_name="aléas liés"
    )
    observations = models.ManyToManyField(
        Observation, blank=True, related_name="vulnerabilities", verbose_name="observations"
    )
    testimonies = models.ManyToManyField(
        Testimony, blank=True, related_name="vulnerabilities", verbose_name="témoignages"
    )

    kind = "vulnerabilite"
    kind_label = "Vulnérabilité"
    level_name = "severity"

    class Meta(InventoryItem.Meta):
        verbose_name = "vulnérabilité"
        constraints = [
            models.UniqueConstraint(
                fields=["approach", "client_id"], name="vulnerability_client_id_once"
            )
        ]


class Resource(InventoryItem):
    approach = models.ForeignKey(
        Approach, on_delete=models.CASCADE, related_name="resources", verbose_name="démarche"
    )
    strength = models.PositiveSmallIntegerField("force", choices=STRENGTH, default=2)
    hazards = models.ManyToManyField(
        Hazard, blank=True, related_name="resources", verbose_name="aléas liés"
    )
    observations = models.ManyToManyField(
        Observation, blank=True, related_name="resources", verbose_name="observations"
    )
    testimonies = models.ManyToManyField(
        Testimony, blank=True, related_name="resources", verbose_name="témoignages"
    )

    kind = "ressource"
    kind_label = "Ressource"
    level_name = "strength"

    class Meta(InventoryItem.Meta):
        verbose_name = "ressource"


class Walk(models.Model):
    """A « diagnostic en marchant »: its route (GPX or recorded on the phone), who walked,
    and the observations made along it."""

    approach = models.ForeignKey(
        Approach, on_delete=models.CASCADE, related_name="walks", verbose_name="démarche"
    )
    title = models.CharField("nom de la marche", max_length=200)
    walked_on = models.DateField("date")
    participants = models.TextField(
        "participants",
        blank=True,
        help_text="Qui a marché, par catégories et nombre (« 3 élus, 8 habitants du "
        "quartier ») ; des noms seulement avec l'accord des personnes.",
    )
    notes = models.TextField("notes", blank=True)
    route = models.JSONField("trace (longitude, latitude)", default=list, blank=True)
    length_m = models.FloatField("longueur (m)", default=0)
    source = models.CharField(
        "origine de la trace",
        max_length=20,
        blank=True,
        choices=[("gpx", "Fichier GPX"), ("telephone", "Enregistrée sur le téléphone")],
    )
    observations = models.ManyToManyField(
        Observation, blank=True, related_name="walks", verbose_name="observations faites en chemin"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "marche (diagnostic en marchant)"
        verbose_name_plural = "marches (diagnostic en marchant)"
        ordering = ["-walked_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return demarche_url(self.approach, "fieldwork:walk_detail", self.pk)
