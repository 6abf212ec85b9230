import io
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Sum

from ressort.approaches.method import MODULES, STEP_BY_CODE, STEPS
from ressort.territories.models import Territory, TerritoryType

if TYPE_CHECKING:
    from ressort.branding import Logo


class Role(models.TextChoices):
    FACILITATOR = "facilitateur", "Accompagnateur·rice"
    PROJECT_LEAD = "chef_projet", "Chef·fe de projet"
    ELECTED_LEAD = "elu_referent", "Élu·e référent·e"
    TEAM_MEMBER = "equipe", "Membre de l'équipe"
    PARTNER = "partenaire", "Partenaire"


class PerimeterKind(models.TextChoices):
    OFFICIAL = "officiel", "Un territoire officiel (commune, EPCI, département, région)"
    CUSTOM = "sur_mesure", "Un regroupement de communes (PETR, SCoT, PNR, bassin de vie…)"


def logo_path(approach: "Approach", filename: str) -> str:
    # A new name at each upload: a logo replaced is never served from a stale cache.
    import uuid

    return f"approaches/{approach.pk}/logo-{uuid.uuid4().hex}.png"


class Approach(models.Model):
    """A démarche: one territory's accompaniment project, the tenant of all its data."""

    name = models.CharField("nom de la démarche", max_length=200, unique=True)
    # The name without case, accents or punctuation: two démarches may not share it.
    name_key = models.CharField(max_length=200, unique=True, editable=False)
    slug = models.SlugField("identifiant", max_length=80, unique=True)
    perimeter_kind = models.CharField(
        "périmètre", max_length=12, choices=PerimeterKind.choices, default=PerimeterKind.OFFICIAL
    )
    territory = models.ForeignKey(
        Territory,
        verbose_name="territoire officiel",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approaches",
    )
    perimeter_label = models.CharField(
        "nature du périmètre", max_length=120, blank=True, help_text="ex. PETR, SCoT, PNR"
    )
    communes = models.ManyToManyField(
        Territory,
        verbose_name="communes du périmètre",
        related_name="approach_perimeters",
        limit_choices_to={"type": TerritoryType.COMMUNE},
    )
    outline = models.TextField("contour (GeoJSON)", blank=True, editable=False)
    ambition = models.TextField("ambition", blank=True)
    intentions = models.TextField("intentions", blank=True)
    steering_frequency = models.CharField(
        "fréquence du comité de pilotage", max_length=120, blank=True
    )
    modules = models.JSONField("briques activées", default=list, blank=True)
    is_demo = models.BooleanField("démarche de démonstration", default=False)
    # The authority as its documents name it, and its logo (ressort.branding: a PNG written
    # again from the pixels of the PNG or JPEG uploaded; served to members only).
    authority_name = models.CharField(
        "nom de la collectivité",
        max_length=200,
        blank=True,
        help_text="Tel qu'il paraît sur les documents, s'il diffère du nom du périmètre "
        "(ex. «\u00a0Communauté de communes des Balcons du Dauphiné\u00a0»).",
    )
    authority_logo = models.FileField(
        "logo de la collectivité", upload_to=logo_path, max_length=200, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "démarche"
        verbose_name_plural = "démarches"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def perimeter_name(self) -> str:
        if self.territory_id:
            return self.territory.name  # type: ignore[union-attr]
        return self.perimeter_label or "Périmètre sur mesure"

    @property
    def authority(self) -> str:
        """The authority's name on documents and pages."""
        return self.authority_name or self.perimeter_name

    @property
    def authority_logo_version(self) -> str:
        """Changes with each logo uploaded (its file name): pages cache the image by it."""
        name = self.authority_logo.name or ""
        return name.rsplit("logo-", 1)[-1].removesuffix(".png")[:12]

    def authority_logo_image(self) -> "Logo | None":
        """The stored logo, for the documents; None when there is none or it is gone."""
        from ressort.branding import Logo

        if not self.authority_logo:
            return None
        try:
            with self.authority_logo.open("rb") as handle:
                data = handle.read()
        except (FileNotFoundError, OSError):
            return None
        from PIL import Image

        try:
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
        except OSError:
            return None
        return Logo(data, width, height)

    def key_figures(self) -> dict[str, float | int | None]:
        totals = self.communes.aggregate(population=Sum("population"), area=Sum("area_km2"))
        return {
            "population": totals["population"],
            "commune_count": self.communes.count(),
            "area": totals["area"],
        }

    def active_modules(self) -> list[object]:
        return [m for m in MODULES if m.code in self.modules]

    @property
    def size_and_kind(self) -> tuple[str, int | None]:
        """The authority's kind (territory type, or « regroupement ») and its population."""
        if self.territory_id:
            territory = self.territory
            population = territory.population  # type: ignore[union-attr]
            if population is None:
                population = territory.members().aggregate(p=Sum("population"))["p"]  # type: ignore[union-attr]
            return territory.type, population  # type: ignore[union-attr]
        return "regroupement", self.communes.aggregate(p=Sum("population"))["p"]


class Membership(models.Model):
    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField("rôle", max_length=20, choices=Role.choices)
    # A partner limited to chosen parts of the démarche (phases of the menu: "3B"…); empty:
    # everything the role allows. See ressort.web.scoped.
    scope = models.JSONField("parties ouvertes", default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "membre"
        ordering = ["role", "user__last_name", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["approach", "user"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} ({self.approach})"


class Invitation(models.Model):
    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField("adresse électronique")
    role = models.CharField("rôle", max_length=20, choices=Role.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation de {self.email} ({self.approach})"


class GovernanceBody(models.TextChoices):
    PROJECT_LEAD = "binome_chef", "Binôme : chef·fe de projet"
    ELECTED_LEAD = "binome_elu", "Binôme : élu·e référent·e"
    TEAM = "equipe", "Équipe pluridisciplinaire"
    STEERING = "copil", "Comité de pilotage"
    OUTSIDE = "acteur", "Acteur extérieur à mobiliser"


class GovernanceMember(models.Model):
    """A person or organisation in the démarche's governance (an account is not required)."""

    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="governance")
    body = models.CharField("instance", max_length=20, choices=GovernanceBody.choices)
    name = models.CharField("nom", max_length=200)
    position = models.CharField("fonction", max_length=200, blank=True)
    organisation = models.CharField("service ou organisation", max_length=200, blank=True)
    email = models.EmailField("adresse électronique", blank=True)
    notes = models.TextField("rôle dans la démarche", blank=True)

    class Meta:
        verbose_name = "membre de la gouvernance"
        ordering = ["body", "name"]

    def __str__(self) -> str:
        return self.name


class StepStatus(models.TextChoices):
    TODO = "a_venir", "À venir"
    ONGOING = "en_cours", "En cours"
    DONE = "terminee", "Terminée"


def depth_choices() -> list[tuple[str, str]]:
    from ressort.approaches.offer import load_offer

    return [(d.code, d.label) for d in load_offer().depths.values()]


class MethodStep(models.Model):
    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="steps")
    code = models.CharField("étape", max_length=3, choices=[(s.code, s.title) for s in STEPS])
    start_date = models.DateField("début prévu", null=True, blank=True)
    end_date = models.DateField("fin prévue", null=True, blank=True)
    notes = models.TextField("notes", blank=True)
    # The status follows the work (ressort.approaches.progress); the team may close a step
    # by hand, saying why.
    closed_reason = models.TextField("raison de la clôture", blank=True)
    closed_on = models.DateField("close le", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    depth = models.CharField("profondeur", max_length=10, choices=depth_choices, default="standard")

    class Meta:
        verbose_name = "étape de la méthode"
        ordering = ["approach", "code"]
        constraints = [
            models.UniqueConstraint(fields=["approach", "code"], name="method_step_unique")
        ]

    def __str__(self) -> str:
        return f"Étape {self.code} — {self.approach}"

    @property
    def step(self) -> object:
        return STEP_BY_CODE[self.code]


# --- The accompaniment itself: what the facilitating team did, against the contract ---------

STEP_CHOICES = [("cadrage", "Cadrage"), *((s.code, f"Étape {s.code}") for s in STEPS)]
MODULE_CHOICES = [("", "Brique de base"), *((m.code, m.title) for m in MODULES)]


class SessionFormat(models.TextChoices):
    WORKSHOP = "atelier", "Atelier"
    MEETING = "reunion", "Réunion"
    TRAINING = "formation", "Formation"
    INTERVIEW = "entretiens", "Entretiens"
    VISIT = "visite", "Visite de terrain"
    REMOTE = "distance", "Séance à distance"


class AccompanimentSession(models.Model):
    """A session held by the facilitating team: when, for which step and brique, how long."""

    approach = models.ForeignKey(
        Approach, on_delete=models.CASCADE, related_name="accompaniment_sessions"
    )
    held_on = models.DateField("date")
    title = models.CharField("objet", max_length=200)
    step = models.CharField("étape", max_length=8, choices=STEP_CHOICES)
    module = models.CharField("brique", max_length=20, choices=MODULE_CHOICES, blank=True)
    format = models.CharField("format", max_length=12, choices=SessionFormat.choices)
    participant_count = models.PositiveIntegerField("nombre de participants", default=0)
    duration_hours = models.DecimalField(
        "durée (heures)", max_digits=4, decimal_places=1, default=Decimal("2")
    )
    days_spent = models.DecimalField(
        "jours d'accompagnement",
        max_digits=4,
        decimal_places=1,
        default=Decimal("0.5"),
        help_text="Journées de l'équipe d'accompagnement, préparation et restitution comprises.",
    )
    notes = models.TextField("notes", blank=True)

    class Meta:
        verbose_name = "séance d'accompagnement"
        verbose_name_plural = "séances d'accompagnement"
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.held_on:%d/%m/%Y} — {self.title}"


class ContractedDays(models.Model):
    """Days of accompaniment contracted for the base or one brique."""

    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="contracted")
    module = models.CharField("brique", max_length=20, choices=MODULE_CHOICES, blank=True)
    days = models.DecimalField("jours contractés", max_digits=5, decimal_places=1)

    class Meta:
        verbose_name = "jours contractés"
        verbose_name_plural = "jours contractés"
        constraints = [
            models.UniqueConstraint(fields=["approach", "module"], name="contracted_days_unique")
        ]

    def __str__(self) -> str:
        return f"{self.days} j — {self.get_module_display()}"


class Handover(models.Model):
    """A deliverable handed over to the authority."""

    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="handovers")
    title = models.CharField("livrable", max_length=200)
    step = models.CharField("étape", max_length=8, choices=STEP_CHOICES)
    module = models.CharField("brique", max_length=20, choices=MODULE_CHOICES, blank=True)
    handed_on = models.DateField("remis le")
    handed_to = models.CharField(
        "remis à", max_length=200, blank=True, help_text="ex. comité de pilotage du 12 mars"
    )
    notes = models.TextField("notes", blank=True)

    class Meta:
        verbose_name = "livrable remis"
        verbose_name_plural = "livrables remis"
        ordering = ["-handed_on", "-pk"]

    def __str__(self) -> str:
        return self.title
