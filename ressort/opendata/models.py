"""Open-data fetches (what was asked of which source, when, with what result) and the
territory's past shocks (a timeline seeded from CatNat decrees, completed by the team)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ressort.approaches.models import Approach


class FetchRecord(models.Model):
    """One run of one connector for one démarche: kept as the history of the refreshes."""

    class Status(models.TextChoices):
        RUNNING = "en_cours", "En cours"
        DONE = "ok", "Réussie"
        EMPTY = "vide", "Aucune donnée"
        FAILED = "echec", "Échec"

    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="fetches")
    connector = models.CharField("source", max_length=40)
    status = models.CharField(
        "résultat", max_length=10, choices=Status.choices, default=Status.RUNNING
    )
    message = models.TextField("compte rendu", blank=True)
    values = models.PositiveIntegerField("valeurs enregistrées", default=0)
    started_at = models.DateTimeField("commencée le", auto_now_add=True)
    finished_at = models.DateTimeField("terminée le", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "récupération de données ouvertes"
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.connector} {self.started_at:%d/%m/%Y} : {self.get_status_display()}"


class ShockKind(models.TextChoices):
    FLOOD = "inondation", "Inondation, coulée de boue"
    DROUGHT = "secheresse", "Sécheresse"
    HEATWAVE = "canicule", "Canicule"
    STORM = "tempete", "Tempête, grêle, neige"
    LANDSLIDE = "mouvement_terrain", "Mouvement de terrain"
    EARTHQUAKE = "seisme", "Séisme"
    OTHER_NATURAL = "autre_naturel", "Autre événement naturel"
    INDUSTRIAL = "industriel", "Accident industriel ou technologique"
    ECONOMIC = "economique", "Choc économique"
    HEALTH = "sanitaire", "Crise sanitaire, pandémie"
    OTHER = "autre", "Autre"


class PastShock(models.Model):
    """An event the territory lived, with what it taught."""

    class Origin(models.TextChoices):
        CATNAT = "catnat", "Arrêté CatNat (Géorisques)"
        TEAM = "equipe", "Équipe de la démarche"
        TESTIMONY = "temoignage", "Témoignage"

    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="past_shocks")
    kind = models.CharField("type d'événement", max_length=20, choices=ShockKind.choices)
    title = models.CharField("intitulé", max_length=200)
    started_on = models.DateField("début", null=True, blank=True)
    ended_on = models.DateField("fin", null=True, blank=True)
    places = models.TextField(
        "communes touchées", blank=True, help_text="Une ou plusieurs, séparées par des virgules."
    )
    description = models.TextField("ce qui s'est passé", blank=True)
    consequences = models.TextField("conséquences", blank=True)
    lessons = models.TextField("enseignements tirés", blank=True)
    origin = models.CharField("origine", max_length=12, choices=Origin.choices, default=Origin.TEAM)
    reference = models.CharField(
        "référence", max_length=60, blank=True, help_text="Ex. : code national de l'arrêté CatNat."
    )
    decree_on = models.DateField("arrêté publié le", null=True, blank=True)
    hazards = models.ManyToManyField(
        "fieldwork.Hazard", verbose_name="aléas liés", blank=True, related_name="past_shocks"
    )
    testimonies = models.ManyToManyField(
        "fieldwork.Testimony",
        verbose_name="témoignages liés",
        blank=True,
        related_name="past_shocks",
    )
    illustrative = models.BooleanField("illustratif", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "choc passé"
        verbose_name_plural = "chocs passés"
        ordering = ["-started_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["approach", "reference"],
                condition=~models.Q(reference=""),
                name="pastshock_reference",
            )
        ]

    def __str__(self) -> str:
        return self.title
