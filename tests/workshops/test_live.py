"""The live path over websockets, on the in-memory AND the Redis channel layers.

Redis answers at 127.0.0.1:6379 here and on CI (REDIS_TEST_URL to change it); each test uses
its own channel prefix.
"""

from __future__ import annotations

import asyncio
import json
import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from channels.layers import channel_layers
from channels.testing import WebsocketCommunicator
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client, override_settings

from ressort.asgi import application
from ressort.workshops import live, services
from ressort.workshops.models import Activity, Answer, Participant, Workshop
from tests.workshops.conftest import activity, join

pytestmark = pytest.mark.django_db(transaction=True)
REDIS = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/0")
ORIGIN = (b"origin", b"http://localhost")


@pytest.fixture(params=["memoire", "redis"])
def layer(request: pytest.FixtureRequest) -> Iterator[str]:
    if request.param == "redis":
        config = {
            "default": {
                "BACKEND": "channels_redis.core.RedisChannelLayer",
                "CONFIG": {"hosts": [REDIS], "prefix": f"test-ateliers-{uuid.uuid4().hex[:8]}"},
            }
        }
    else:
        config = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    with override_settings(CHANNEL_LAYERS=config):
        channel_layers.backends = {}
        yield request.param
        channel_layers.backends = {}


def participant_socket(workshop: Workshop, token: str) -> WebsocketCommunicator:
    return WebsocketCommunicator(
        application,
        f"/ws/atelier/{workshop.pk}/",
        headers=[ORIGIN, (b"cookie", f"rs_atelier_{workshop.pk}={token}".encode())],
    )


def projection_socket(workshop: Workshop, user: Any) -> WebsocketCommunicator:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return WebsocketCommunicator(
        application,
        f"/ws/atelier/{workshop.pk}/projection/",
        headers=[ORIGIN, (b"cookie", f"sessionid={session.session_key}".encode())],
    )


def answer(activity_pk: int, fields: list[list[str]], msg: str | None = None) -> dict[str, Any]:
    return {
        "type": "answer",
        "msg": msg or uuid.uuid4().hex,
        "activity": activity_pk,
        "fields": fields,
    }


def token_of(client: Client, workshop: Workshop) -> str:
    return client.cookies[f"rs_atelier_{workshop.pk}"].value


def test_answer_is_acknowledged_after_storage_and_reaches_projection(
    layer: str, workshop: Workshop, personas: dict[str, Any]
) -> None:
    grid = activity(workshop, "grille")
    services.set_state(grid, Activity.State.OPEN)
    token = token_of(join(Client(), workshop, category="Élu·e"), workshop)

    projection = projection_socket(workshop, personas["partenaire"])

    async def scenario() -> None:
        assert (await projection.connect())[0]
        phone = participant_socket(workshop, token)
        assert (await phone.connect())[0]
        # The phone's arrival changes the « connectés » count on the projection.
        assert await projection.receive_json_from(timeout=5) == {"type": "presence"}
        msg = answer(grid.pk, [["q-Q1.1.a", "4"]], "m-0001")
        await phone.send_json_to(msg)
        ack = await phone.receive_json_from(timeout=5)
        assert ack == {
            "type": "ack",
            "msg": "m-0001",
            "activity": grid.pk,
            "text": "Réponse enregistrée.",
        }
        # Acknowledged means stored: visible from another connection right now.
        assert await _stored(grid.pk) == {("Q1.1.a", 4)}
        notice = await projection.receive_json_from(timeout=5)
        assert notice == {"type": "answers", "activity": grid.pk, "msgs": ["m-0001"]}
        # Changing the answer, then the same message resent (lost ack): one row.
        change = answer(grid.pk, [["q-Q1.1.a", "2"]], "m-0002")
        await phone.send_json_to(change)
        await phone.receive_json_from(timeout=5)
        await phone.send_json_to(change)
        await phone.receive_json_from(timeout=5)
        assert await _stored(grid.pk) == {("Q1.1.a", 2)}
        await phone.disconnect()
        await projection.disconnect()

    async_to_sync(scenario)()


async def _stored(activity_pk: int) -> set[tuple[str, Any]]:
    from channels.db import database_sync_to_async

    @database_sync_to_async
    def read() -> set[tuple[str, Any]]:
        return {
            (a.client_id, a.payload.get("score"))
            for a in Answer.objects.filter(activity_id=activity_pk)
        }

    return await read()


def test_connected_count_follows_sockets(
    layer: str, workshop: Workshop, personas: dict[str, Any]
) -> None:
    """« N ont répondu sur M connectés »: M counts the sockets open now, not every phone
    that ever joined; the projection hears each arrival and departure."""
    vote = activity(workshop, "vote")
    services.set_state(vote, Activity.State.OPEN)
    tokens = [token_of(join(Client(), workshop), workshop) for _ in range(3)]
    projection = projection_socket(workshop, personas["partenaire"])

    async def connected() -> tuple[int, int]:
        from channels.db import database_sync_to_async

        @database_sync_to_async
        def read() -> tuple[int, int]:
            vote.refresh_from_db()
            numbers = services.participation(vote)
            return numbers["connected"], numbers["answered"]

        return await read()

    async def scenario() -> None:
        assert (await projection.connect())[0]
        phones = [participant_socket(workshop, token) for token in tokens]
        for phone in phones:
            assert (await phone.connect())[0]
            assert await projection.receive_json_from(timeout=5) == {"type": "presence"}
        assert await connected() == (3, 0)
        await phones[0].send_json_to(answer(vote.pk, [["g-l1", "5"]]))
        assert (await phones[0].receive_json_from(timeout=5))["type"] == "ack"
        await projection.receive_json_from(timeout=5)  # the answer's notice
        await phones[0].disconnect()
        assert await projection.receive_json_from(timeout=5) == {"type": "presence"}
        await phones[1].disconnect()
        assert await projection.receive_json_from(timeout=5) == {"type": "presence"}
        # One phone left open; the one who answered and left still counts as having answered.
        assert await connected() == (1, 1)
        await phones[2].disconnect()
        await projection.receive_json_from(timeout=5)
        assert await connected() == (0, 1)
        await projection.disconnect()

    async_to_sync(scenario)()
    assert Participant.objects.filter(open_sockets__gt=0).count() == 0
    assert Participant.objects.count() == 3


def test_duplicate_ideas_reconnection_restores_answers(layer: str, workshop: Workshop) -> None:
    idea = activity(workshop, "idees")
    services.set_state(idea, Activity.State.OPEN)
    client = join(Client(), workshop)
    token = token_of(client, workshop)
    entry = [
        ["client_id", "idee-abcdef01"],
        ["text", "Récupérer l'eau de pluie"],
        ["dimension", ""],
    ]

    async def first_connection() -> None:
        phone = participant_socket(workshop, token)
        assert (await phone.connect())[0]
        for _ in range(3):  # the same entry sent three times (flaky network)
            await phone.send_json_to(answer(idea.pk, entry))
            assert (await phone.receive_json_from(timeout=5))["type"] == "ack"
        await phone.disconnect()

    async_to_sync(first_connection)()
    assert idea.answers.count() == 1
    # Reconnecting (a new page load with the same cookie) shows the stored idea.
    page = client.get(f"/atelier/{workshop.join_code}/activites/contenu/").content.decode()
    assert "Récupérer l&#x27;eau de pluie" in page

    async def second_connection() -> None:
        phone = participant_socket(workshop, token)
        assert (await phone.connect())[0]
        await phone.send_json_to(answer(idea.pk, [["retirer", "idee-abcdef01"]]))
        assert (await phone.receive_json_from(timeout=5))[
            "text"
        ] == "Votre contribution est retirée."
        await phone.disconnect()

    async_to_sync(second_connection)()
    assert not idea.answers.exists()


def test_closing_refreshes_participants_and_refuses_answers(
    layer: str, workshop: Workshop, personas: dict[str, Any]
) -> None:
    vote = activity(workshop, "vote")
    services.set_state(vote, Activity.State.OPEN)
    token = token_of(join(Client(), workshop), workshop)
    facilitator = Client()
    facilitator.force_login(personas["facilitateur"])

    async def scenario() -> None:
        phone = participant_socket(workshop, token)
        assert (await phone.connect())[0]
        await phone.send_json_to(answer(vote.pk, [["g-l1", "6"], ["g-l2", "3"]]))
        assert (await phone.receive_json_from(timeout=5))["type"] == "ack"
        await _close(facilitator, workshop, vote)
        refresh = await phone.receive_json_from(timeout=5)
        assert refresh["type"] == "refresh"
        await phone.send_json_to(answer(vote.pk, [["g-l1", "0"]], "late"))
        error = await phone.receive_json_from(timeout=5)
        assert error["type"] == "error" and error["msg"] == "late" and "close" in error["text"]
        await phone.disconnect()

    async_to_sync(scenario)()
    assert vote.answers.get().payload == {"grades": {"l1": 6, "l2": 3}}


async def _close(client: Client, workshop: Workshop, vote: Activity) -> None:
    from asgiref.sync import sync_to_async

    url = f"/demarches/{workshop.approach.slug}/ateliers/{workshop.pk}/activites/{vote.pk}/etat/"

    def post() -> int:
        from django.db import connections

        try:
            return int(client.post(url, {"state": "close"}).status_code)
        finally:
            connections.close_all()  # this worker thread's own connection

    assert await sync_to_async(post, thread_sensitive=False)() == 302


def test_strangers_are_refused(layer: str, workshop: Workshop, personas: dict[str, Any]) -> None:
    other = Workshop.objects.create(approach=workshop.approach, title="Autre")
    other_activity = Activity.objects.create(
        workshop=other, kind="nuage", title="Mots", config={"max_words": 3}, state="ouverte"
    )
    token = token_of(join(Client(), workshop), workshop)
    outsider = projection_socket(workshop, personas["outsider"])

    async def scenario() -> None:
        # No cookie, a forged token, a token of another workshop: refused at the handshake.
        for cookie in ("", f"rs_atelier_{workshop.pk}=forged", f"rs_atelier_{other.pk}={token}"):
            socket = WebsocketCommunicator(
                application,
                f"/ws/atelier/{workshop.pk if 'forged' in cookie or not cookie else other.pk}/",
                headers=[ORIGIN, (b"cookie", cookie.encode())],
            )
            connected, _ = await socket.connect()
            assert not connected
        # A participant trying another workshop's activity over their own socket.
        phone = participant_socket(workshop, token)
        assert (await phone.connect())[0]
        await phone.send_json_to(
            answer(other_activity.pk, [["client_id", "abcdefghij"], ["word", "intrus"]])
        )
        reply = await phone.receive_json_from(timeout=5)
        assert reply["type"] == "error" and "n'existe pas dans votre atelier" in reply["text"]
        await phone.send_json_to({"type": "answer", "activity": "x", "fields": "nope"})
        assert (await phone.receive_json_from(timeout=5))["type"] == "error"
        await phone.disconnect()
        # The projection needs a member of the démarche.
        assert not (await outsider.connect())[0]

    async_to_sync(scenario)()
    assert not Answer.objects.exists()
    assert Participant.objects.count() == 1


def test_layer_failures_never_raise(layer: str, monkeypatch: pytest.MonkeyPatch) -> None:
    layer_obj = channel_layers["default"]
    calls = {"n": 0}

    async def failing(*args: Any, **kwargs: Any) -> None:
        calls["n"] += 1
        raise TimeoutError("redis timeout")

    monkeypatch.setattr(layer_obj, "group_send", failing)
    monkeypatch.setattr(live.asyncio, "sleep", _no_sleep)
    assert async_to_sync(live.safe_group_send)("g", {"type": "x"}) is False
    assert calls["n"] == live.RETRIES


async def _no_sleep(_: float) -> None:
    return None


def test_message_json_is_checked(layer: str, workshop: Workshop) -> None:
    token = token_of(join(Client(), workshop), workshop)

    async def scenario() -> None:
        phone = participant_socket(workshop, token)
        assert (await phone.connect())[0]
        await phone.send_to(text_data="pas du json")
        assert (await phone.receive_json_from(timeout=5))["type"] == "error"
        await phone.send_to(text_data=json.dumps({"type": "ping", "msg": "p"}))
        assert (await phone.receive_json_from(timeout=5)) == {"type": "pong", "msg": "p"}
        await phone.disconnect()

    async_to_sync(scenario)()


def test_group_commit_keeps_each_answer_apart(workshop: Workshop) -> None:
    from django.http import QueryDict

    from ressort.workshops import writer
    from ressort.workshops.consumers import _store_batch

    grid = activity(workshop, "grille")
    services.set_state(grid, Activity.State.OPEN)
    alice, bob = (Participant.objects.create(workshop=workshop) for _ in range(2))
    alice.workshop = bob.workshop = workshop
    results = async_to_sync(_store_batch)(
        [
            writer.Item(alice, grid.pk, QueryDict("q-Q1.1.a=3")),
            writer.Item(bob, grid.pk, QueryDict("q-Q1.1.a=9")),
            writer.Item(bob, grid.pk, QueryDict("q-Q1.1.b=nsp")),
        ]
    )
    assert [ok for ok, _ in results] == [True, False, True]
    assert "une note de 0 à 4" in results[1][1]
    assert sorted(grid.answers.values_list("client_id", flat=True)) == ["Q1.1.a", "Q1.1.b"]


def test_messages_never_close_the_database_threads_connection(
    workshop: Workshop, personas: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Channels' consumers close the old database connections before every message: a hop to
    the database thread that waits behind the batch being written, and the writer's connection
    closed (CONN_MAX_AGE 0) and reopened at each answer. The live consumers skip it."""
    import channels.consumer
    import channels.generic.websocket

    closed: list[str] = []

    async def count_closing() -> None:
        closed.append("fermeture")

    monkeypatch.setattr(channels.consumer, "aclose_old_connections", count_closing)
    monkeypatch.setattr(channels.generic.websocket, "aclose_old_connections", count_closing)
    grid = activity(workshop, "grille")
    services.set_state(grid, Activity.State.OPEN)
    token = token_of(join(Client(), workshop), workshop)
    projection = projection_socket(workshop, personas["partenaire"])

    async def scenario() -> None:
        assert (await projection.connect())[0]
        phone = participant_socket(workshop, token)
        assert (await phone.connect())[0]
        for i, score in enumerate(("1", "3")):
            await phone.send_json_to(answer(grid.pk, [["q-Q1.1.a", score]], f"m-{i}"))
            assert (await phone.receive_json_from(timeout=5))["type"] == "ack"
        await phone.disconnect()
        await projection.disconnect()

    async_to_sync(scenario)()
    assert closed == []
    assert set(grid.answers.values_list("client_id", "payload__score")) == {("Q1.1.a", 3)}


def test_a_room_of_phones_is_one_channel_of_its_process(
    workshop: Workshop, personas: dict[str, Any]
) -> None:
    """The participants' group holds one channel per web process, not one per phone, and a
    notice to the group reaches every phone of the process; the last phone out takes the
    process's channel out of the group (in-memory layer: its groups can be read)."""
    with override_settings(
        CHANNEL_LAYERS={"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    ):
        channel_layers.backends = {}
        try:
            _room_scenario(workshop, personas)
        finally:
            channel_layers.backends = {}


def _room_scenario(workshop: Workshop, personas: dict[str, Any]) -> None:
    vote = activity(workshop, "vote")
    services.set_state(vote, Activity.State.OPEN)
    tokens = [token_of(join(Client(), workshop), workshop) for _ in range(3)]
    facilitator = Client()
    facilitator.force_login(personas["facilitateur"])
    layer = channel_layers["default"]
    group = live.participants_group(workshop.pk)

    async def scenario() -> None:
        phones = [participant_socket(workshop, token) for token in tokens]
        for phone in phones:
            assert (await phone.connect())[0]
        assert len(layer.groups[group]) == 1
        await _close(facilitator, workshop, vote)
        for phone in phones:
            assert (await phone.receive_json_from(timeout=5))["type"] == "refresh"
        await phones[0].disconnect()
        assert len(layer.groups[group]) == 1  # two phones still here
        for phone in phones[1:]:
            await phone.disconnect()
        for _ in range(50):  # the room leaves the group as its task ends
            if not layer.groups.get(group):
                break
            await asyncio.sleep(0.01)
        assert not layer.groups.get(group)

    async_to_sync(scenario)()
