"""The living, human and non-human, in the démarche (brique « Lecture du vivant »).

Milieux (wetlands, forests, hedgerows, rivers, soils, ecological continuities) and
species of the territory, with their state, pressures, trends, evidence and the services
the territory draws from them; the living lens of each action (effect on a milieu, with
the « éviter, réduire, compenser » check when it harms it); and the parlement du vivant,
where participants speak for a non-human entity. Everything belongs to one démarche.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from ressort.actions.models import GRADE_CHOICES, Action, ContestedResource
from ressort.analysis.living import ErcCheck, erc_check
from ressort.approaches.models import Approach


class MilieuKind(models.TextChoices):
    WETLAND = "zone-humide", "Zone humide"
    FOREST = "foret", "Forêt ou bois"
    HEDGEROW = "haie", "Haies et bocage"
    RIVER = "cours-d-eau", "Cours d'eau"
    SOIL = "sol", "Sols"
    GRASSLAND = "prairie", "Prairie"
    CONTINUITY = "continuite", "Continuité écologique (trame verte et bleue)"
    URBAN = "nature-en-ville", "Nature en ville"
    OTHER = "autre", "Autre milieu"


class State(models.TextChoices):
    GOOD = "bon", "Bon"
    MEDIUM = "moyen", "Moyen"
    DEGRADED = "degrade", "Dégradé"
    UNKNOWN = "inconnu", "Inconnu"


class Trend(models.TextChoices):
    IMPROVING = "amelioration", "En amélioration"
    STABLE = "stable", "Stable"
    DECLINING = "degradation", "En dégradation"
    UNKNOWN = "inconnue", "Inconnue"


class Service(models.TextChoices):
    WATER = "regulation-eau", "Régulation de l'eau"
    COOLING = "rafraichissement", "Rafraîchissement"
    POLLINATION = "pollinisation", "Pollinisation"
    FLOOD = "tampon-crues", "Amortissement des crues"
    FOOD = "alimentation", "Alimentation"
    DRINKING = "eau-potable", "Eau potable"
    CARBON = "carbone", "Stockage du carbone"
    WELLBEING = "bien-etre", "Loisirs et bien-être"


class Described(models.Model):
    """What a milieu and a species share: state, pressures, trend, evidence."""

    name = models.CharField("nom", max_length=200)
    description = models.TextField("description", blank=True)
    state = models.CharField("état", max_length=10, choices=State.choices, default=State.UNKNOWN)
    trend = models.CharField(
        "tendance", max_length=14, choices=Trend.choices, default=Trend.UNKNOWN
    )
    pressures = models.TextField(
        "pressions", blank=True, help_text="une par ligne (sécheresse, artificialisation…)"
    )
    evidence = models.TextField(
        "éléments de preuve",
        blank=True,
        help_text="documents, études, inventaires, avec leur source (un par ligne)",
    )
    illustrative = models.BooleanField("exemple illustratif", default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def pressure_lines(self) -> list[str]:
        return [line.strip() for line in self.pressures.splitlines() if line.strip()]

    def evidence_lines(self) -> list[str]:
        return [line.strip() for line in self.evidence.splitlines() if line.strip()]


class Milieu(Described):
    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="milieux")
    kind = models.CharField("nature", max_length=16, choices=MilieuKind.choices)
    places = models.CharField("lieux", max_length=300, blank=True)
    # A point for the field map (WGS 84): where the milieu is best seen or measured.
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
    services = models.JSONField("services rendus au territoire", default=list, blank=True)
    chain_nodes = models.ManyToManyField(
        "systems.Node",
        blank=True,
        related_name="milieux",
        verbose_name="éléments des chaînes d'impacts",
    )
    observations = models.ManyToManyField(
        "fieldwork.Observation",
        blank=True,
        related_name="milieux",
        verbose_name="observations de terrain",
    )
    indicators = models.ManyToManyField(
        "portrait.Indicator", blank=True, related_name="milieux", verbose_name="indicateurs"
    )

    class Meta(Described.Meta):
        verbose_name = "milieu"
        constraints = [
            models.UniqueConstraint(fields=["approach", "name"], name="living_milieu_unique")
        ]

    def service_labels(self) -> list[str]:
        labels = dict(Service.choices)
        return [str(labels[code]) for code in self.services if code in labels]


class SpeciesStatus(models.TextChoices):
    PROTECTED = "protegee", "Protégée"
    THREATENED = "menacee", "Menacée (liste rouge)"
    EMBLEMATIC = "emblematique", "Emblématique"
    INVASIVE = "exotique", "Exotique envahissante"
    COMMON = "commune", "Commune"


class Species(Described):
    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="species")
    scientific_name = models.CharField("nom scientifique", max_length=200, blank=True)
    taxref_id = models.PositiveIntegerField(
        "identifiant TAXREF (CD_REF)", null=True, blank=True, help_text="référentiel de l'INPN"
    )
    status = models.CharField(
        "statut", max_length=14, choices=SpeciesStatus.choices, default=SpeciesStatus.EMBLEMATIC
    )
    milieux = models.ManyToManyField(
        Milieu, blank=True, related_name="species", verbose_name="milieux de vie"
    )
    observations = models.ManyToManyField(
        "fieldwork.Observation",
        blank=True,
        related_name="species",
        verbose_name="observations de terrain",
    )
    indicators = models.ManyToManyField(
        "portrait.Indicator", blank=True, related_name="species", verbose_name="indicateurs"
    )
    source = models.CharField("source", max_length=200, blank=True)
    observation_count = models.PositiveIntegerField(
        "nombre d'observations dans les données nationales", null=True, blank=True
    )

    class Meta(Described.Meta):
        verbose_name = "espèce"
        constraints = [
            models.UniqueConstraint(fields=["approach", "name"], name="living_species_unique")
        ]


class ProtectedArea(models.Model):
    """A protected or inventoried area of the perimeter (Natura 2000, ZNIEFF, réserve…)."""

    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="protected_areas")
    code = models.CharField("code national", max_length=40)
    name = models.CharField("nom", max_length=300)
    kind = models.CharField("type d'espace", max_length=200, blank=True)
    source = models.CharField("source", max_length=200, blank=True)

    class Meta:
        verbose_name = "espace protégé ou inventorié"
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["approach", "code"], name="living_area_unique")
        ]

    def __str__(self) -> str:
        return self.name


class LivingEffect(models.Model):
    """The living lens of one action on one milieu (−2 … +2, justified), with the
    « éviter, réduire, compenser » sequence when the action harms it."""

    demarche_path = "action__approach"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="living_effects")
    milieu = models.ForeignKey(Milieu, on_delete=models.CASCADE, related_name="effects")
    effect = models.SmallIntegerField(
        "effet sur le milieu",
        choices=[
            (-2, "−2\u00a0: forte atteinte"),
            (-1, "−1\u00a0: atteinte"),
            (0, "0\u00a0: neutre"),
            (1, "+1\u00a0: favorable"),
            (2, "+2\u00a0: très favorable"),
        ],
        validators=[MinValueValidator(-2), MaxValueValidator(2)],
    )
    on_species = models.TextField(
        "effet sur les espèces", blank=True, help_text="lesquelles, et comment"
    )
    on_continuities = models.TextField("effet sur les continuités écologiques", blank=True)
    justification = models.TextField("justification")
    avoid = models.TextField("éviter", blank=True, help_text="ce que l'action évite")
    reduce = models.TextField("réduire", blank=True, help_text="ce qu'elle réduit")
    compensate = models.TextField("compenser", blank=True, help_text="la compensation prévue")
    residual_harm = models.BooleanField(
        "une atteinte résiduelle demeure après évitement et réduction", default=True
    )

    class Meta:
        verbose_name = "effet d'une action sur le vivant"
        ordering = ["action__title", "milieu__name"]
        constraints = [
            models.UniqueConstraint(fields=["action", "milieu"], name="living_effect_unique")
        ]

    def __str__(self) -> str:
        return f"{self.action} → {self.milieu}"

    def erc(self) -> ErcCheck:
        return erc_check(
            self.effect,
            avoid=self.avoid,
            reduce=self.reduce,
            compensate=self.compensate,
            residual_harm=self.residual_harm,
        )


# --- Parlement du vivant -----------------------------------------------------------------


class Parliament(models.Model):
    """A session of the parlement du vivant: participants speak for non-human entities."""

    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="parliaments")
    title = models.CharField("titre", max_length=200)
    date = models.DateField("date", null=True, blank=True)
    question = models.TextField("question mise en débat", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "séance du parlement du vivant"
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return self.title


class Spokesperson(models.Model):
    """A participant assigned to speak for one entity (a milieu, a species, or named freely).

    Each entity is also an actor of kind « porte-parole du vivant » in the governance actor
    register, so that it appears in the actor map, MACTOR and arbitrations, apart from the
    humans."""

    demarche_path = "parliament__approach"

    parliament = models.ForeignKey(
        Parliament, on_delete=models.CASCADE, related_name="spokespeople"
    )
    entity = models.CharField("entité représentée", max_length=200)
    milieu = models.ForeignKey(
        Milieu, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    species = models.ForeignKey(
        Species, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    speaker_name = models.CharField("participant·e qui parle pour elle", max_length=200, blank=True)
    actor = models.ForeignKey(
        "governance.Actor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="spokespeople",
        editable=False,
    )

    class Meta:
        verbose_name = "porte-parole du vivant"
        verbose_name_plural = "porte-parole du vivant"
        ordering = ["entity", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["parliament", "entity"], name="living_spokesperson_unique"
            )
        ]

    def __str__(self) -> str:
        return f"Porte-parole de {self.entity}"


class Position(models.TextChoices):
    FOR = "pour", "Pour"
    AGAINST = "contre", "Contre"
    CONDITIONS = "conditions", "Pour, à conditions"
    NONE = "sans", "Sans position"


class Statement(models.Model):
    """What a spokesperson said, and its position on an action or a conflict of use when it
    took one; on an action, the mention it would give in a majority-judgment vote.

    These are the voices of the living in votes and decisions: the vote page and the conflict
    of use page show them beside the humans' results, never counted in them."""

    demarche_path = "spokesperson__parliament__approach"

    spokesperson = models.ForeignKey(
        Spokesperson, on_delete=models.CASCADE, related_name="statements"
    )
    text = models.TextField("déclaration")
    action = models.ForeignKey(
        Action,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="living_statements",
        verbose_name="action concernée",
    )
    resource = models.ForeignKey(
        ContestedResource,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="living_statements",
        verbose_name="conflit d'usage concerné",
    )
    position = models.CharField(
        "position", max_length=12, choices=Position.choices, default=Position.NONE
    )
    grade = models.PositiveSmallIntegerField(
        "mention au vote sur l'action",
        choices=GRADE_CHOICES,
        null=True,
        blank=True,
        help_text="au jugement majoritaire, comme les participants\u00a0; montrée à part",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "déclaration"
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]

    def subject(self) -> str:
        """What the statement is about, in words."""
        parts = []
        if self.action_id:
            parts.append(f"l'action «\u00a0{self.action}\u00a0»")
        if self.resource_id:
            parts.append(f"le conflit d'usage «\u00a0{self.resource}\u00a0»")
        return " et ".join(parts) or "—"

    def grade_label(self) -> str:
        return self.get_grade_display() if self.grade is not None else ""
