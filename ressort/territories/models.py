from django.db import models


class TerritoryType(models.TextChoices):
    COMMUNE = "COM", "Commune"
    EPCI = "EPCI", "Intercommunalité (EPCI à fiscalité propre)"
    DEPARTMENT = "DEP", "Département"
    REGION = "REG", "Région"


class Territory(models.Model):
    """An official territory of the Code officiel géographique, with its memberships."""

    type = models.CharField("type", max_length=4, choices=TerritoryType.choices)
    code = models.CharField("code INSEE / SIREN", max_length=9)
    name = models.CharField("nom", max_length=200)
    search_name = models.CharField(max_length=400, db_index=True, editable=False)
    kind = models.CharField(
        "nature", max_length=10, blank=True, help_text="Pour un EPCI : CA, CC, CU ou MET."
    )
    population = models.PositiveIntegerField("population municipale", null=True, blank=True)
    postal_codes = models.CharField("codes postaux", max_length=200, blank=True)
    epci_code = models.CharField(max_length=9, blank=True, db_index=True)
    department_code = models.CharField(max_length=3, blank=True, db_index=True)
    region_code = models.CharField(max_length=3, blank=True, db_index=True)
    commune_count = models.PositiveIntegerField("nombre de communes", null=True, blank=True)
    area_km2 = models.FloatField("superficie (km²)", null=True, blank=True)
    # GeoJSON geometry in EPSG:4326. Communes: their simplified contour. Groupings: the
    # union of their communes, computed when first needed (see services.outline_of).
    geometry = models.TextField(blank=True, editable=False)
    is_current = models.BooleanField("en vigueur", default=True)

    class Meta:
        verbose_name = "territoire"
        verbose_name_plural = "territoires"
        ordering = ["type", "name"]
        constraints = [
            models.UniqueConstraint(fields=["type", "code"], name="territory_type_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def type_short_label(self) -> str:
        return {"COM": "Commune", "EPCI": "EPCI", "DEP": "Département", "REG": "Région"}[self.type]

    def members(self) -> "models.QuerySet[Territory]":
        """The current communes of this territory (a commune is its own only member)."""
        communes = Territory.objects.filter(type=TerritoryType.COMMUNE, is_current=True)
        field = {
            TerritoryType.COMMUNE: "code",
            TerritoryType.EPCI: "epci_code",
            TerritoryType.DEPARTMENT: "department_code",
            TerritoryType.REGION: "region_code",
        }[TerritoryType(self.type)]
        return communes.filter(**{field: self.code})


class TerritoryDataset(models.Model):
    """Which version of the official data was imported, so that a second import is a no-op."""

    name = models.CharField(max_length=100, unique=True)
    version = models.CharField(max_length=100)
    checksum = models.CharField(max_length=64)
    imported_at = models.DateTimeField(auto_now=True)
    summary = models.JSONField(default=dict)

    class Meta:
        verbose_name = "jeu de données territorial"
        verbose_name_plural = "jeux de données territoriaux"

    def __str__(self) -> str:
        return f"{self.name} {self.version}"
