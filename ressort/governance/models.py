"""Governance and cooperation: the territory's actors and their links, MACTOR studies of
their strategies, conflicts put to work, and cooperation agreements.

Everything belongs to one démarche. MACTOR results are never stored: the pages call
`services.mactor_result`, which runs `ressort.analysis.mactor` on the stored matrices.
"""

from __future__ import annotations

from django.db import models

from ressort.actions.models import Action, ContestedResource
from ressort.approaches.method import STEPS
from ressort.approaches.models import Approach


class ActorCategory(models.TextChoices):
    AUTHORITY = "collectivite", "Collectivité territoriale"
    SERVICE = "service", "Service ou élu·e de la collectivité"
    STATE = "etat", "État et ses opérateurs"
    CHAMBER = "chambre", "Chambre consulaire"
    COMPANY = "entreprise", "Entreprise"
    ASSOCIATION = "association", "Association"
    INHABITANTS = "habitants", "Groupe d'habitants"
    LIVING = "vivant", "Porte-parole du vivant non humain"
    OTHER = "autre", "Autre"


class Scale(models.TextChoices):
    MUNICIPAL = "communale", "Communale"
    INTERMUNICIPAL = "intercommunale", "Intercommunale"
    DEPARTMENTAL = "departementale", "Départementale"
    REGIONAL = "regionale", "Régionale"
    NATIONAL = "nationale", "Nationale"
    INTERNATIONAL = "internationale", "Européenne ou internationale"


class Level(models.IntegerChoices):
    LOW = 1, "Faible"
    MODERATE = 2, "Modéré"
    HIGH = 3, "Fort"
    VERY_HIGH = 4, "Très fort"


class LinkKind(models.TextChoices):
    COOPERATION = "cooperation", "Coopération"
    FUNDING = "financement", "Financement"
    CONFLICT = "conflit", "Conflit"
    HIERARCHY = "hierarchie", "Hiérarchie ou tutelle"
    CONTRACT = "contrat", "Contrat ou convention"


class Actor(models.Model):
    """An actor of the territory: an organisation, a group, or a spokesperson."""

    approach = models.ForeignKey(
        Approach, on_delete=models.CASCADE, related_name="territory_actors"
    )
    name = models.CharField("nom", max_length=200)
    category = models.CharField(
        "catégorie", max_length=14, choices=ActorCategory.choices, default=ActorCategory.OTHER
    )
    scale = models.CharField(
        "échelle d'action", max_length=16, choices=Scale.choices, default=Scale.INTERMUNICIPAL
    )
    contact_name = models.CharField("personne contact", max_length=200, blank=True)
    contact_email = models.EmailField("adresse électronique du contact", blank=True)
    bodies = models.JSONField(
        "instances de la démarche où il siège",
        default=list,
        blank=True,
        help_text="codes de GovernanceBody",
    )
    interest = models.PositiveSmallIntegerField(
        "intérêt pour la démarche", choices=Level.choices, default=Level.MODERATE
    )
    influence = models.PositiveSmallIntegerField(
        "influence sur la démarche", choices=Level.choices, default=Level.MODERATE
    )
    notes = models.TextField("notes", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "acteur du territoire"
        verbose_name_plural = "acteurs du territoire"
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["approach", "name"], name="governance_actor_unique")
        ]

    def __str__(self) -> str:
        return self.name


class ActorLink(models.Model):
    """A typed, directed link between two actors (« A finance B », « A coopère avec B »)."""

    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="actor_links")
    source = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="links_out", verbose_name="de"
    )
    target = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="links_in", verbose_name="vers"
    )
    kind = models.CharField("nature du lien", max_length=12, choices=LinkKind.choices)
    notes = models.CharField("précision", max_length=300, blank=True)

    class Meta:
        verbose_name = "lien entre acteurs"
        verbose_name_plural = "liens entre acteurs"
        ordering = ["source__name", "target__name", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "kind"], name="governance_link_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="governance_link_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.target} ({self.get_kind_display()})"


# --- MACTOR ----------------------------------------------------------------------------------


class MactorStudy(models.Model):
    """One MACTOR analysis: some actors of the register, the objectives at stake, two matrices."""

    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="mactor_studies")
    title = models.CharField("titre", max_length=200)
    question = models.TextField("enjeu étudié", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "analyse des jeux d'acteurs (MACTOR)"
        verbose_name_plural = "analyses des jeux d'acteurs (MACTOR)"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class MactorParticipant(models.Model):
    demarche_path = "study__approach"  # how ressort.web scopes it to its démarche

    study = models.ForeignKey(MactorStudy, on_delete=models.CASCADE, related_name="participants")
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="mactor_participations")
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["study", "actor"], name="mactor_participant_unique")
        ]

    def __str__(self) -> str:
        return str(self.actor)


class MactorObjective(models.Model):
    demarche_path = "study__approach"  # how ressort.web scopes it to its démarche

    study = models.ForeignKey(MactorStudy, on_delete=models.CASCADE, related_name="objectives")
    name = models.CharField("objectif", max_length=200)
    origin = models.CharField("origine", max_length=200, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "objectif"
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["study", "name"], name="mactor_objective_unique")
        ]

    def __str__(self) -> str:
        return self.name


class MactorInfluence(models.Model):
    """A non-zero cell of the direct influences matrix (MID), 1–4."""

    demarche_path = "study__approach"  # how ressort.web scopes it to its démarche

    study = models.ForeignKey(MactorStudy, on_delete=models.CASCADE, related_name="influences")
    source = models.ForeignKey(
        MactorParticipant, on_delete=models.CASCADE, related_name="influences_out"
    )
    target = models.ForeignKey(
        MactorParticipant, on_delete=models.CASCADE, related_name="influences_in"
    )
    value = models.PositiveSmallIntegerField("influence")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="mactor_influence_unique"),
            models.CheckConstraint(
                condition=models.Q(value__gte=1, value__lte=4), name="mactor_influence_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.target} : {self.value}"


class MactorPosition(models.Model):
    """A non-zero cell of the positions matrix (2MAO), −4…+4."""

    demarche_path = "study__approach"  # how ressort.web scopes it to its démarche

    study = models.ForeignKey(MactorStudy, on_delete=models.CASCADE, related_name="positions")
    participant = models.ForeignKey(
        MactorParticipant, on_delete=models.CASCADE, related_name="positions"
    )
    objective = models.ForeignKey(
        MactorObjective, on_delete=models.CASCADE, related_name="positions"
    )
    value = models.SmallIntegerField("position")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "objective"], name="mactor_position_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(value__gte=-4, value__lte=4) & ~models.Q(value=0),
                name="mactor_position_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} / {self.objective} : {self.value:+d}"


# --- Conflicts put to work -------------------------------------------------------------------


class ConflictKind(models.TextChoices):
    ACTORS = "acteurs", "Entre acteurs"
    VALUES = "valeurs", "De valeurs"
    SCALES = "echelles", "D'échelles"
    TIMEFRAMES = "temporalites", "De temporalités"
    USES = "usages", "D'usage d'une ressource"


class ConflictProcess(models.TextChoices):
    NONE = "", "Pas encore choisi"
    DIALOGUE = "dialogue", "Dialogue"
    MEDIATION = "mediation", "Médiation"
    ARBITRATION = "arbitrage", "Arbitrage"
    EXPERIMENT = "experimentation", "Expérimentation"


class ConflictStatus(models.TextChoices):
    OPEN = "ouvert", "Ouvert"
    IN_PROGRESS = "en_travail", "En travail"
    SETTLED = "apaise", "Apaisé"
    RESOLVED = "resolu", "Résolu"
    DEADLOCK = "impasse", "Dans l'impasse"


class Conflict(models.Model):
    """A conflict worked through: parties, positions and interests, options, process, outcome."""

    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="actor_conflicts")
    title = models.CharField("intitulé", max_length=200)
    kind = models.CharField(
        "nature", max_length=14, choices=ConflictKind.choices, default=ConflictKind.ACTORS
    )
    description = models.TextField("situation", blank=True)
    process = models.CharField(
        "démarche choisie", max_length=16, choices=ConflictProcess.choices, blank=True
    )
    process_notes = models.TextField("modalités (qui anime, quelles règles)", blank=True)
    status = models.CharField(
        "état", max_length=12, choices=ConflictStatus.choices, default=ConflictStatus.OPEN
    )
    outcome = models.TextField("issue", blank=True)
    actions = models.ManyToManyField(
        Action, blank=True, related_name="actor_conflicts", verbose_name="actions concernées"
    )
    resources = models.ManyToManyField(
        ContestedResource,
        blank=True,
        related_name="actor_conflicts",
        verbose_name="conflits d'usage liés",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "conflit"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class ConflictParty(models.Model):
    demarche_path = "conflict__approach"  # how ressort.web scopes it to its démarche

    conflict = models.ForeignKey(Conflict, on_delete=models.CASCADE, related_name="parties")
    actor = models.ForeignKey(
        Actor,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="conflict_parties",
        verbose_name="acteur du registre",
    )
    name = models.CharField("ou nom de la partie", max_length=200, blank=True)
    position = models.TextField("position affichée", blank=True)
    interests = models.TextField("intérêts sous-jacents", blank=True)

    class Meta:
        verbose_name = "partie"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.actor.name if self.actor_id else self.name  # type: ignore[union-attr]


class ConflictOption(models.Model):
    demarche_path = "conflict__approach"  # how ressort.web scopes it to its démarche

    conflict = models.ForeignKey(Conflict, on_delete=models.CASCADE, related_name="options")
    title = models.CharField("option", max_length=200)
    description = models.TextField("description", blank=True)
    retained = models.BooleanField("retenue", default=False)

    class Meta:
        verbose_name = "option explorée"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class ConflictMeeting(models.Model):
    demarche_path = "conflict__approach"  # how ressort.web scopes it to its démarche

    conflict = models.ForeignKey(Conflict, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField("date")
    summary = models.TextField("ce qui s'est dit et décidé")

    class Meta:
        verbose_name = "rencontre"
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"Rencontre du {self.held_on}"


# --- Cooperation -----------------------------------------------------------------------------


class AgreementKind(models.TextChoices):
    CONVENTION = "convention", "Convention de partenariat"
    RECIPROCITY = "reciprocite", "Contrat de réciprocité"
    ENTENTE = "entente", "Entente intercommunale"
    CHARTER = "charte", "Charte d'engagement"
    OTHER = "autre", "Autre accord"


class Agreement(models.Model):
    """A cooperation agreement with neighbouring authorities and actors."""

    approach = models.ForeignKey(
        Approach, on_delete=models.CASCADE, related_name="cooperation_agreements"
    )
    title = models.CharField("intitulé", max_length=200)
    kind = models.CharField(
        "forme", max_length=12, choices=AgreementKind.choices, default=AgreementKind.CONVENTION
    )
    purpose = models.TextField("objet")
    parties = models.ManyToManyField(
        Actor, blank=True, related_name="agreements", verbose_name="parties"
    )
    start_date = models.DateField("début", null=True, blank=True)
    end_date = models.DateField("fin", null=True, blank=True)
    actions = models.ManyToManyField(
        Action, blank=True, related_name="agreements", verbose_name="actions partagées"
    )
    notes = models.TextField("notes", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "accord de coopération"
        verbose_name_plural = "accords de coopération"
        ordering = ["-start_date", "title", "pk"]

    def __str__(self) -> str:
        return self.title


# --- Internal governance -----------------------------------------------------------------------


class RaciRole(models.TextChoices):
    RESPONSIBLE = "R", "R — réalise"
    ACCOUNTABLE = "A", "A — rend compte, décide"
    CONSULTED = "C", "C — est consulté"
    INFORMED = "I", "I — est informé"


class RaciAssignment(models.Model):
    """Who carries which step of the démarche: one letter of the RACI per actor and step."""

    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="raci")
    step = models.CharField("étape", max_length=3, choices=[(s.code, s.title) for s in STEPS])
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="raci")
    role = models.CharField("rôle", max_length=1, choices=RaciRole.choices)

    class Meta:
        verbose_name = "affectation RACI"
        constraints = [
            models.UniqueConstraint(fields=["step", "actor"], name="governance_raci_unique")
        ]

    def __str__(self) -> str:
        return f"{self.actor} — étape {self.step} : {self.role}"


class DiagnosisCriterion(models.TextChoices):
    TRANSVERSALITY = "transversalite", "Transversalité entre services et politiques"
    DECISIONS = "decision", "Circuits de décision"
    RESOURCES = "ressources", "Moyens dédiés (temps, budget, ingénierie)"
    SKILLS = "competences", "Compétences et culture des transitions"


class RecommendationStatus(models.TextChoices):
    TODO = "a_engager", "À engager"
    ONGOING = "en_cours", "En cours"
    DONE = "realisee", "Réalisée"


class GovernanceDiagnosis(models.Model):
    """One line of the internal governance diagnosis: a score, what was seen, what to do."""

    approach = models.ForeignKey(
        Approach, on_delete=models.CASCADE, related_name="governance_diagnosis"
    )
    criterion = models.CharField("critère", max_length=16, choices=DiagnosisCriterion.choices)
    score = models.PositiveSmallIntegerField(
        "appréciation",
        null=True,
        blank=True,
        choices=[
            (1, "1 — à construire"),
            (2, "2 — fragile"),
            (3, "3 — solide"),
            (4, "4 — exemplaire"),
        ],
    )
    findings = models.TextField("constats", blank=True)
    recommendation = models.TextField("recommandation", blank=True)
    status = models.CharField(
        "suivi de la recommandation",
        max_length=10,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.TODO,
    )

    class Meta:
        verbose_name = "diagnostic de la gouvernance interne"
        constraints = [
            models.UniqueConstraint(
                fields=["approach", "criterion"], name="governance_diagnosis_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_criterion_display()} ({self.approach})"


class DocumentPart(models.TextChoices):
    """The parts of the brique the team may put in the portrait and in the strategy."""

    ACTORS = "acteurs", "Les acteurs du territoire"
    DIAGNOSIS = "diagnostic", "Le diagnostic de la gouvernance interne"
    MACTOR = "mactor", "Les jeux d'acteurs (MACTOR)"
    CONFLICTS = "conflits", "Les conflits travaillés"
    AGREEMENTS = "cooperations", "Les accords de coopération"


# Without a choice of the team: the portrait takes the diagnosis side, the strategy all of it.
DEFAULT_PORTRAIT_PARTS = [
    DocumentPart.ACTORS,
    DocumentPart.DIAGNOSIS,
    DocumentPart.MACTOR,
    DocumentPart.CONFLICTS,
]
DEFAULT_STRATEGY_PARTS = list(DocumentPart.values)


class DocumentSections(models.Model):
    """Which parts of the brique go into the portrait and into the strategy documents."""

    demarche_path = "approach"  # ressort.web.scoped

    approach = models.OneToOneField(
        Approach, on_delete=models.CASCADE, related_name="governance_sections"
    )
    portrait = models.JSONField("dans le portrait", default=list, blank=True)
    strategy = models.JSONField("dans la stratégie", default=list, blank=True)

    class Meta:
        verbose_name = "gouvernance dans les documents"
        verbose_name_plural = "gouvernance dans les documents"

    def __str__(self) -> str:
        return f"Gouvernance dans les documents de {self.approach}"

    @classmethod
    def of(cls, approach: Approach) -> DocumentSections:
        """The team's choice, or the default one (not saved)."""
        found = cls.objects.filter(approach=approach).first()
        return found or cls(
            approach=approach,
            portrait=[str(p) for p in DEFAULT_PORTRAIT_PARTS],
            strategy=[str(p) for p in DEFAULT_STRATEGY_PARTS],
        )
