"""Websocket consumers of the live workshops.

Participant: `/ws/atelier/<workshop pk>/`, identified by the cookie set when they joined.
Each answer message carries a client-generated `msg` id and the form's fields; the answer is
validated and stored (committed) before the consumer replies `{"type": "ack", "msg": …}`.
A message sent again (reconnection, lost ack) updates the same rows: never counted twice.

Projection: `/ws/atelier/<workshop pk>/projection/`, for signed-in members of the démarche;
it receives a short notice each time answers are stored and refetches its results.

Database calls go through `db_call`: like channels' `database_sync_to_async`, they run in
the one shared thread-sensitive thread (which keeps SQLite free of "database is locked"
between consumers), but they keep that thread's connection open between answers instead of
reconnecting for each one (CONN_MAX_AGE is 0 for HTTP requests); a connection that failed
is dropped and reopened at the next call. Channel-layer sends never raise
(ressort.workshops.live).
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from asgiref.sync import sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.db import connection
from django.http import QueryDict

from ressort.workshops import live, services
from ressort.workshops.kinds import AnswerError
from ressort.workshops.models import Participant, Workshop

log = logging.getLogger(__name__)
T = TypeVar("T")
MAX_MESSAGE = 20_000


def db_call(func: Callable[..., T]) -> Callable[..., Awaitable[T]]:
    @functools.wraps(func)
    def inner(*args: Any, **kwargs: Any) -> T:
        try:
            return func(*args, **kwargs)
        finally:
            if connection.errors_occurred:
                connection.errors_occurred = False
                if not connection.is_usable():
                    connection.close()

    return sync_to_async(inner, thread_sensitive=True)


def _fields(raw: Any) -> QueryDict:
    fields = QueryDict(mutable=True)
    if not isinstance(raw, list):
        raise AnswerError("Réponse mal formée : rechargez la page.")
    for item in raw:
        if not (isinstance(item, list | tuple) and len(item) == 2):
            raise AnswerError("Réponse mal formée : rechargez la page.")
        fields.appendlist(str(item[0]), str(item[1]))
    return fields


@db_call
def _participant(workshop_pk: int, token: str | None) -> Participant | None:
    if not token:
        return None
    return (
        Participant.objects.select_related("workshop")
        .filter(workshop_id=workshop_pk, token=token)
        .first()
    )


@db_call
def _store(participant: Participant, activity_pk: int, fields: QueryDict) -> str:
    withdraw = fields.get("retirer")
    if withdraw:
        services.withdraw_answer(participant, activity_pk, withdraw)
        return "Votre contribution est retirée."
    services.store_answers(participant, activity_pk, fields)
    return "Réponse enregistrée."


class ParticipantConsumer(AsyncWebsocketConsumer):
    participant: Participant | None = None

    async def connect(self) -> None:
        workshop_pk = int(self.scope["url_route"]["kwargs"]["pk"])
        token = self.scope.get("cookies", {}).get(f"rs_atelier_{workshop_pk}")
        self.participant = await _participant(workshop_pk, token)
        if self.participant is None:
            await self.close(code=4403)
            return
        self.group = live.participants_group(workshop_pk)
        try:
            await self.channel_layer.group_add(self.group, self.channel_name)
        except Exception as error:
            log.warning("group_add %s : %r", self.group, error)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        if self.participant is not None:
            try:
                await self.channel_layer.group_discard(self.group, self.channel_name)
            except Exception as error:
                log.warning("group_discard %s : %r", self.group, error)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        assert self.participant is not None
        msg = ""
        try:
            if not text_data or len(text_data) > MAX_MESSAGE:
                raise AnswerError("Réponse trop longue.")
            data = json.loads(text_data)
            if not isinstance(data, dict):
                raise AnswerError("Réponse mal formée : rechargez la page.")
            msg = str(data.get("msg", ""))[:64]
            if data.get("type") == "ping":
                await self.send(json.dumps({"type": "pong", "msg": msg}))
                return
            if data.get("type") != "answer":
                raise AnswerError("Message inconnu.")
            activity = int(data.get("activity") or 0)
            text = await _store(self.participant, activity, _fields(data.get("fields")))
        except (AnswerError, ValueError, TypeError) as error:
            message = str(error) if isinstance(error, AnswerError) else "Réponse mal formée."
            await self.send(json.dumps({"type": "error", "msg": msg, "text": message}))
            return
        # Stored and committed: acknowledge, then tell the projection.
        await self.send(json.dumps({"type": "ack", "msg": msg, "activity": activity, "text": text}))
        live.queue_projection_notice(self.participant.workshop_id, activity, msg)

    async def activities_changed(self, event: dict[str, Any]) -> None:
        await self.send(
            json.dumps({"type": "refresh", "text": "L'animation a changé l'activité en cours."})
        )


@db_call
def _may_view(user: Any, workshop_pk: int) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Workshop.objects.filter(pk=workshop_pk, approach__memberships__user=user).exists()


class ProjectionConsumer(AsyncWebsocketConsumer):
    group = ""

    async def connect(self) -> None:
        workshop_pk = int(self.scope["url_route"]["kwargs"]["pk"])
        if not await _may_view(self.scope.get("user"), workshop_pk):
            await self.close(code=4403)
            return
        self.group = live.projection_group(workshop_pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        if self.group:
            try:
                await self.channel_layer.group_discard(self.group, self.channel_name)
            except Exception as error:
                log.warning("group_discard %s : %r", self.group, error)

    async def projection_refresh(self, event: dict[str, Any]) -> None:
        await self.send(
            json.dumps(
                {
                    "type": "answers",
                    "activity": event.get("activity"),
                    "msgs": event.get("msgs", []),
                }
            )
        )
