"""Photo-interpretation: what the team reads on aerial images of its territory.

An annotation is a point, a line or an area drawn over today's orthophotos and a historical
aerial photograph (an urban sprawl, a lost hedgerow, a dried pond, a new flood-prone housing
estate), with what it shows then and now, its measures in the territory's official
projection (ressort/analysis/measure.py), and the field evidence it supports. The team may
also bring its own georeferenced images (image and world file, or GeoTIFF).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from ressort.analysis.measure import Shape
from ressort.approaches.models import Approach
from ressort.web import demarche_url


class Annotation(models.Model):
    approach = models.ForeignKey(
        Approach,
        on_delete=models.CASCADE,
        related_name="aerial_annotations",
        verbose_name="démarche",
    )
    shape = models.CharField(
        "forme",
        max_length=10,
        choices=[
            (Shape.POINT.value, "Point"),
            (Shape.LINE.value, "Ligne"),
            (Shape.AREA.value, "Surface"),
        ],
    )
    geometry = models.JSONField("géométrie (GeoJSON, WGS 84)")
    title = models.CharField("ce que l'on voit", max_length=200)
    note = models.TextField("note", blank=True)
    then_period = models.CharField(
        "image ancienne (date ou période)",
        max_length=40,
        blank=True,
        help_text="Par exemple « 1950–1965 » ou « 1978 ».",
    )
    now_period = models.CharField(
        "image actuelle (date ou période)",
        max_length=40,
        blank=True,
        help_text="Par exemple « 2023 ».",
    )
    dimensions = models.JSONField("dimensions", default=list, blank=True)
    hazards = models.ManyToManyField(
        "fieldwork.Hazard", blank=True, related_name="aerial_annotations", verbose_name="aléas"
    )
    observations = models.ManyToManyField(
        "fieldwork.Observation",
        blank=True,
        related_name="aerial_annotations",
        verbose_name="observations de terrain",
    )
    vulnerabilities = models.ManyToManyField(
        "fieldwork.Vulnerability",
        blank=True,
        related_name="aerial_annotations",
        verbose_name="vulnérabilités",
    )
    length_m = models.FloatField("longueur ou périmètre (m)", default=0)
    area_m2 = models.FloatField("surface (m²)", default=0)
    epsg = models.PositiveIntegerField("projection de mesure (code EPSG)", default=2154)
    projection = models.CharField("projection de mesure", max_length=80, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "annotation de photo-interprétation"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return demarche_url(self.approach, "aerial:map") + f"#annotation-{self.pk}"

    @property
    def measure_label(self) -> str:
        """« 1,23 ha (12 345 m²), périmètre 452 m », « 1,2 km », or « » for a point."""
        from ressort.analysis.typography import number as french_number

        def length(metres: float) -> str:
            if metres >= 1000:
                return f"{french_number(metres / 1000, 2)}\u00a0km"
            return f"{french_number(metres, 0)}\u00a0m"

        if self.shape == Shape.AREA.value:
            return (
                f"{french_number(self.area_m2 / 10_000, 2)}\u00a0ha "
                f"({french_number(self.area_m2, 0)}\u00a0m²), périmètre {length(self.length_m)}"
            )
        if self.shape == Shape.LINE.value:
            return length(self.length_m)
        return ""


def image_path(image: GeoImage, filename: str) -> str:
    return f"aerial/{image.approach_id}/{uuid.uuid4().hex}.png"


class GeoImage(models.Model):
    """An image the team brings, placed on the map by its world file or GeoTIFF tags."""

    approach = models.ForeignKey(
        Approach, on_delete=models.CASCADE, related_name="aerial_images", verbose_name="démarche"
    )
    title = models.CharField("nom de l'image", max_length=200)
    period = models.CharField("date ou période de la prise de vue", max_length=40, blank=True)
    image = models.FileField("image", upload_to=image_path, max_length=200)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    source_epsg = models.PositiveIntegerField("système de coordonnées du fichier (EPSG)")
    west = models.FloatField()
    south = models.FloatField()
    east = models.FloatField()
    north = models.FloatField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "image géoréférencée"
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return demarche_url(self.approach, "aerial:image_file", self.pk)
