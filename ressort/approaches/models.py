from django.conf import settings
from django.db import models
from django.db.models import Sum

from ressort.approaches.method import MODULES, STEP_BY_CODE, STEPS
from ressort.territories.models import Territory, TerritoryType


class Role(models.TextChoices):
    FACILITATOR = "facilitateur", "Accompagnateur·rice"
    PROJECT_LEAD = "chef_projet", "Chef·fe de projet"
    ELECTED_LEAD = "elu_referent", "Élu·e référent·e"
    TEAM_MEMBER = "equipe", "Membre de l'équipe"
    PARTNER = "partenaire", "Partenaire"


class PerimeterKind(models.TextChoices):
    OFFICIAL = "officiel", "Un territoire officiel (commune, EPCI, département, région)"
    CUSTOM = "sur_mesure", "Un regroupement de communes (PETR, SCoT, PNR, bassin de vie…)"


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

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None


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
