"""Live workshops and asynchronous consultations.

A Workshop belongs to a démarche and holds an ordered sequence of Activities. Anyone with
the workshop's join code (no account) becomes an anonymous Participant, identified by a
random token kept in a cookie: what a participant wrote is never linked to who they are,
only to an optional pseudonym and category they chose. Each Answer is keyed by
(activity, participant, client_id): a resent answer updates the same row, it is never
counted twice; an answer is acknowledged to the participant only once it is stored.
"""

from __future__ import annotations

import datetime as dt
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from ressort.approaches.models import Approach

# No 0/O, 1/I/L: the code is read aloud and typed on a phone.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8  # 31**8 ≈ 8.5e11 codes; failed attempts are rate-limited
DEFAULT_CATEGORIES = "Élu·e, Agent·e, Habitant·e, Partenaire"


def new_join_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_participant_token() -> str:
    return secrets.token_urlsafe(24)


class Workshop(models.Model):
    class Mode(models.TextChoices):
        LIVE = "direct", "Atelier en direct"
        ASYNC = "consultation", "Consultation en ligne (asynchrone)"

    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="workshops")
    title = models.CharField("intitulé", max_length=200)
    held_on = models.DateField("date", null=True, blank=True)
    place = models.CharField("lieu", max_length=200, blank=True)
    mode = models.CharField("forme", max_length=12, choices=Mode.choices, default=Mode.LIVE)
    open_until = models.DateTimeField(
        "ouverte jusqu'au",
        null=True,
        blank=True,
        help_text="Consultation en ligne : date et heure de fin des réponses.",
    )
    ask_category = models.BooleanField(
        "demander une catégorie aux participant·es",
        default=False,
        help_text="Pour comparer les groupes (élus, agents, habitants…). Facultatif pour eux.",
    )
    categories = models.CharField(
        "catégories proposées",
        max_length=300,
        default=DEFAULT_CATEGORIES,
        blank=True,
        help_text="Séparées par des virgules.",
    )
    join_code = models.CharField("code d'accès", max_length=16, unique=True, default=new_join_code)
    code_expires_at = models.DateTimeField("le code expire le", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "atelier"
        ordering = ["-held_on", "-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_async(self) -> bool:
        return self.mode == self.Mode.ASYNC

    def category_list(self) -> list[str]:
        return [c.strip() for c in self.categories.split(",") if c.strip()]

    def default_expiry(self) -> dt.datetime:
        """A live workshop's code works until the end of the day after it; a consultation's
        until it closes (or 30 days without a closing date)."""
        now = timezone.now()
        if self.is_async:
            return self.open_until or now + timedelta(days=30)
        if self.held_on:
            day_after = timezone.make_aware(
                dt.datetime.combine(self.held_on + timedelta(days=2), dt.time.min)
            )
            return max(day_after, now + timedelta(hours=12))
        return now + timedelta(days=2)

    def code_is_valid(self, now: dt.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.code_expires_at is None or now < self.code_expires_at

    def accepts_answers(self, now: dt.datetime | None = None) -> bool:
        now = now or timezone.now()
        return not (self.is_async and self.open_until is not None and now >= self.open_until)

    def regenerate_code(self) -> None:
        self.join_code = new_join_code()
        self.code_expires_at = self.default_expiry()


class Activity(models.Model):
    class State(models.TextChoices):
        DRAFT = "brouillon", "En préparation"
        OPEN = "ouverte", "Ouverte"
        CLOSED = "close", "Close"

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField("type d'activité", max_length=20)
    title = models.CharField("consigne", max_length=300)
    config = models.JSONField(default=dict, blank=True)
    order = models.PositiveIntegerField("ordre", default=0)
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField("résultats envoyés le", null=True, blank=True)
    delivery_report = models.TextField("compte rendu de l'envoi", blank=True)

    demarche_path = "workshop__approach"  # ressort.web.get_scoped

    class Meta:
        verbose_name = "activité"
        ordering = ["workshop", "order", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN


class Participant(models.Model):
    """An anonymous participant: a random token (cookie), an optional pseudonym/category."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="participants")
    token = models.CharField(max_length=64, unique=True, default=new_participant_token)
    pseudonym = models.CharField("pseudonyme", max_length=60, blank=True)
    category = models.CharField("catégorie", max_length=60, blank=True)
    joined_at = models.DateTimeField(auto_now_add=True)
    # Sockets this participant has open now (a phone, sometimes a second tab): counted as
    # connected only while it is above zero (ressort.workshops.consumers).
    open_sockets = models.PositiveIntegerField("connexions ouvertes", default=0)

    class Meta:
        verbose_name = "participant·e"

    def __str__(self) -> str:
        return self.pseudonym or f"Participant·e {self.pk}"


class Answer(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="answers")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="answers")
    # The answer's key: a client-generated id for the entries of an idea wall or word cloud,
    # the question code of a grid, the action of a rating, "bulletin" for a single ballot.
    client_id = models.CharField(max_length=64)
    payload = models.JSONField(default=dict)
    hidden = models.BooleanField("masquée par l'animation", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    demarche_path = "activity__workshop__approach"  # ressort.web.get_scoped

    class Meta:
        verbose_name = "réponse"
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "participant", "client_id"], name="workshops_answer_once"
            )
        ]
        indexes = [models.Index(fields=["activity", "hidden"])]

    def __str__(self) -> str:
        return f"{self.activity_id}/{self.participant_id}/{self.client_id}"


class LiveServer(models.Model):
    """A web process serving live sockets, with its last heartbeat (ressort.workshops.presence).

    A process that crashed stops beating; the others (or its successor) then take its
    sockets off the participants' counts. Not démarche data: no key reaches a démarche, so
    exports and restores leave it out."""

    boot_id = models.CharField(max_length=32, unique=True)
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "processus web en direct"

    def __str__(self) -> str:
        return self.boot_id


class LiveSocket(models.Model):
    """One open participant socket, and the process holding it. A plain id rather than a
    foreign key to the participant: an erased participant takes nothing with them here, and
    the row never travels with a démarche's export."""

    key = models.CharField(max_length=32, unique=True)
    server = models.CharField(max_length=32, db_index=True)
    participant_id = models.PositiveBigIntegerField()
    opened_at = models.DateTimeField()

    class Meta:
        verbose_name = "connexion en direct"

    def __str__(self) -> str:
        return f"{self.server}/{self.key}"
