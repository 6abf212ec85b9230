"""Websocket consumers of the live workshops.

Participant: `/ws/atelier/<workshop pk>/`, identified by the cookie set when they joined.
Each answer message carries a client-generated `msg` id and the form's fields; the answer is
validated and stored (committed) before the consumer replies `{"type": "ack", "msg": …}`.
A message sent again (reconnection, lost ack) updates the same rows: never counted twice.
Notices for every phone of a workshop (activities opened or closed) reach the phones through
their process's room (ressort.workshops.rooms): a phone's socket does not watch the layer.

A participant counts as connected while their socket is open: the consumer counts the
sockets up on connect and down on disconnect (`Participant.open_sockets`, in the database so
that every server process sees it) and tells the projection each time. Each process beats
while it serves sockets, so that the sockets of a process that crashed are taken off the
counts by the others or by its successor (ressort.workshops.presence).

Projection: `/ws/atelier/<workshop pk>/projection/`, for signed-in members of the démarche;
it receives a short notice each time answers are stored or a phone comes or goes, and
refetches its results.

Database calls go through `db_call`: like channels' `database_sync_to_async`, they run in
the one shared thread-sensitive thread (which keeps SQLite free of "database is locked"
between consumers), but they keep that thread's connection open between answers instead of
reconnecting for each one (CONN_MAX_AGE is 0 for HTTP requests); a connection that failed
is dropped and reopened at the next call. Channel-layer sends never raise
(ressort.workshops.live).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
import uuid
import weakref
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from asgiref.sync import sync_to_async
from channels.consumer import get_handler_name
from channels.exceptions import StopConsumer
from channels.generic.websocket import AsyncWebsocketConsumer
from channels.layers import get_channel_layer
from channels.utils import await_many_dispatch
from django.db import connection
from django.http import QueryDict

from ressort.workshops import live, presence, rooms, writer
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


class ResilientConsumer(AsyncWebsocketConsumer):
    """A websocket consumer that outlives its channel layer's hiccups.

    Channels' own loop lets an exception of `channel_layer.receive` (a Redis timeout under
    heavy load, a dropped connection) kill the consumer and close the socket with 1011.
    Here the layer is retried with a short back-off while the socket keeps working: answers
    never depend on the layer, only the notices do.

    A consumer that does not `listen` to the layer (a phone: its notices come through its
    process's room, ressort.workshops.rooms) has no channel of its own and reads its socket
    alone, without a task and a wait over two sources per message.
    """

    listens = True

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self.scope = scope
        self.channel_layer = get_channel_layer(self.channel_layer_alias)
        self.base_send = send
        with contextlib.suppress(StopConsumer):
            if self.channel_layer is None or not self.listens:
                while True:
                    await self.dispatch(await receive())
            self.channel_name = await live.retrying(self.channel_layer.new_channel)
            self.channel_receive = self._layer_receive
            await await_many_dispatch([receive, self._layer_receive], self.dispatch)

    async def dispatch(self, message: dict[str, Any]) -> None:
        """Channels' own dispatch closes the old database connections before every message
        (`aclose_old_connections`): a hop to the shared database thread, where it waits behind
        the batch of answers being written, and, CONN_MAX_AGE being 0, the close of that
        thread's connection, reopened by the next batch. Every answer paid both. Here a message
        goes straight to its handler; `db_call` drops a connection that failed."""
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"Pas de traitement pour les messages {message['type']!r}")
        await handler(message)

    async def websocket_disconnect(self, message: dict[str, Any]) -> None:
        # As channels' own, without its `aclose_old_connections` (see dispatch); these
        # consumers join their groups themselves (no `groups` attribute).
        await self.disconnect(message["code"])
        raise StopConsumer()

    async def _layer_receive(self) -> dict[str, Any]:
        return await live.retrying(self.channel_layer.receive, self.channel_name, forever=True)

    async def join_group(self, group: str) -> None:
        try:
            await live.retrying(self.channel_layer.group_add, group, self.channel_name)
        except Exception as error:
            log.warning("group_add %s abandonné : %r", group, error)


def _fields(raw: Any) -> QueryDict:
    fields = QueryDict(mutable=True)
    if not isinstance(raw, list):
        raise AnswerError("Réponse mal formée\u00a0: rechargez la page.")
    for item in raw:
        if not (isinstance(item, list | tuple) and len(item) == 2):
            raise AnswerError("Réponse mal formée\u00a0: rechargez la page.")
        fields.appendlist(str(item[0]), str(item[1]))
    return fields


@db_call
def _record_presence(events: list[presence.Event]) -> None:
    presence.record(events)


class PresenceWriter:
    """Sockets opened and closed in this process, recorded together: when a room of phones
    arrives at once, the events waiting while the previous batch was written go in one
    transaction, and the database thread stays free for the answers and the handshakes."""

    MAX_BATCH = 500

    def __init__(self) -> None:
        self.queue: asyncio.Queue[tuple[presence.Event, asyncio.Future[None]]] = asyncio.Queue()
        self.task = asyncio.get_running_loop().create_task(self.run())

    async def record(self, event: presence.Event) -> None:
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        await self.queue.put((event, future))
        await future

    async def run(self) -> None:
        while True:
            batch = [await self.queue.get()]
            while len(batch) < self.MAX_BATCH and not self.queue.empty():
                batch.append(self.queue.get_nowait())
            try:
                await _record_presence([event for event, _ in batch])
            except Exception:
                log.exception("Présence de %s connexions non enregistrée", len(batch))
            for _, future in batch:
                if not future.done():
                    future.set_result(None)


_by_loop: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[type, Any]] = (
    weakref.WeakKeyDictionary()
)


def _of_this_loop(kind: type[T]) -> T:
    """The one `kind` writer of the running event loop (its queue and task live there)."""
    writers = _by_loop.setdefault(asyncio.get_running_loop(), {})
    if kind not in writers:
        writers[kind] = kind()
    return writers[kind]  # type: ignore[no-any-return]


def presence_writer() -> PresenceWriter:
    return _of_this_loop(PresenceWriter)


@db_call
def _beat() -> None:
    presence.beat()


_heartbeats: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Task[None]] = (
    weakref.WeakKeyDictionary()
)


def start_heartbeat() -> None:
    """This process beats while it serves live sockets (ressort.workshops.presence)."""
    loop = asyncio.get_running_loop()
    if loop not in _heartbeats:
        _heartbeats[loop] = loop.create_task(_heartbeat())


async def _heartbeat() -> None:
    while True:
        await asyncio.sleep(presence.interval())
        try:
            await _beat()
        except Exception:
            log.exception("Battement de présence impossible")


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
def _store_batch(items: list[writer.Item]) -> list[writer.Result]:
    return writer.write_batch(items)


class AnswerWriter:
    """Group commit: the answers waiting while the previous batch was written go together.

    At low load every answer is written alone at once; under load the batches grow, and each
    is one multi-row insert and one commit (ressort.workshops.writer). A participant is
    acknowledged only after the commit of the batch holding their answer. Each web process
    has its own writer; the processes share the projection's notices through the channel
    layer (Redis).
    """

    MAX_BATCH = 100

    def __init__(self) -> None:
        self.queue: asyncio.Queue[tuple[Participant, int, QueryDict, asyncio.Future[Any]]] = (
            asyncio.Queue()
        )
        self.task = asyncio.get_running_loop().create_task(self.run())

    async def store(self, participant: Participant, activity_pk: int, fields: QueryDict) -> str:
        future: asyncio.Future[tuple[bool, str]] = asyncio.get_running_loop().create_future()
        await self.queue.put((participant, activity_pk, fields, future))
        ok, text = await future
        if not ok:
            raise AnswerError(text)
        return text

    async def run(self) -> None:
        while True:
            batch = [await self.queue.get()]
            while len(batch) < self.MAX_BATCH and not self.queue.empty():
                batch.append(self.queue.get_nowait())
            try:
                results = await _store_batch([writer.Item(p, a, f) for p, a, f, _ in batch])
            except Exception:
                log.exception("Écriture d'un lot de %s réponses impossible", len(batch))
                failed = (False, "Réponse non enregistrée (serveur occupé)\u00a0: renvoyez-la.")
                results = [failed] * len(batch)
            for (*_, future), result in zip(batch, results, strict=True):
                if not future.done():
                    future.set_result(result)


def answer_writer() -> AnswerWriter:
    return _of_this_loop(AnswerWriter)


class ParticipantConsumer(ResilientConsumer):
    participant: Participant | None = None
    listens = False  # the process's room passes the workshop's notices on (rooms.py)
    in_room = False

    async def connect(self) -> None:
        workshop_pk = int(self.scope["url_route"]["kwargs"]["pk"])
        token = self.scope.get("cookies", {}).get(f"rs_atelier_{workshop_pk}")
        self.participant = await _participant(workshop_pk, token)
        if self.participant is None:
            await self.close(code=4403)
            return
        # Accepted first: the handshake waits only for the participant's lookup (a room
        # arrives at once, and daphne refuses a handshake not accepted within 5 s).
        await self.accept()
        self.in_room = True
        await rooms.enter(workshop_pk, self)
        start_heartbeat()
        self.socket_key = uuid.uuid4().hex
        await presence_writer().record((presence.OPENED, self.socket_key, self.participant.pk))
        self.counted = True
        live.queue_presence_notice(workshop_pk)

    async def disconnect(self, code: int) -> None:
        if self.participant is not None:
            if self.in_room:
                self.in_room = False
                rooms.leave(self.participant.workshop_id, self)
            if getattr(self, "counted", False):
                self.counted = False
                await presence_writer().record((presence.CLOSED, self.socket_key, 0))
                live.queue_presence_notice(self.participant.workshop_id)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        assert self.participant is not None
        msg = ""
        try:
            if not text_data or len(text_data) > MAX_MESSAGE:
                raise AnswerError("Réponse trop longue.")
            data = json.loads(text_data)
            if not isinstance(data, dict):
                raise AnswerError("Réponse mal formée\u00a0: rechargez la page.")
            msg = str(data.get("msg", ""))[:64]
            if data.get("type") == "ping":
                await self.send(json.dumps({"type": "pong", "msg": msg}))
                return
            if data.get("type") != "answer":
                raise AnswerError("Message inconnu.")
            activity = int(data.get("activity") or 0)
            fields = _fields(data.get("fields"))
            text = await answer_writer().store(self.participant, activity, fields)
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


class ProjectionConsumer(ResilientConsumer):
    group = ""

    async def connect(self) -> None:
        workshop_pk = int(self.scope["url_route"]["kwargs"]["pk"])
        if not await _may_view(self.scope.get("user"), workshop_pk):
            await self.close(code=4403)
            return
        self.group = live.projection_group(workshop_pk)
        await self.join_group(self.group)
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

    async def projection_presence(self, event: dict[str, Any]) -> None:
        """A phone connected or left: the « connectés » count changed."""
        await self.send(json.dumps({"type": "presence"}))
