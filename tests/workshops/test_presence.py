"""« Connectés » stays right when a server process dies with its sockets open
(ressort.workshops.presence); the two-process run in test_two_processes.py kills one."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from django.test import Client
from django.utils import timezone

from ressort.workshops import presence, services
from ressort.workshops.models import Activity, LiveServer, LiveSocket, Participant, Workshop
from tests.workshops.conftest import activity, join
from tests.workshops.test_live import participant_socket, token_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_process(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test is a process of its own: its id, no socket, no beat yet."""
    monkeypatch.setattr(presence, "BOOT_ID", "ce-processus")
    monkeypatch.setattr(presence, "_registry", {})
    monkeypatch.setattr(presence, "_last_beat", 0.0)
    yield


def connected(vote: Activity) -> int:
    return int(services.participation(vote)["connected"])


def test_a_crashed_process_sockets_stop_counting_once_it_falls_silent(
    workshop: Workshop,
) -> None:
    vote = activity(workshop, "vote")
    alice, bob = (Participant.objects.create(workshop=workshop) for _ in range(2))
    start = timezone.now()
    # A process that died with two sockets of Alice's and one of Bob's open; it never
    # closed them, so the counts still say three.
    presence.beat(now=start - dt.timedelta(minutes=5), boot_id="processus-mort")
    for key, who in (("a1", alice), ("a2", alice), ("b1", bob)):
        LiveSocket.objects.create(
            server="processus-mort", key=key, participant_id=who.pk, opened_at=start
        )
    Participant.objects.filter(pk__in=[alice.pk, bob.pk]).update(open_sockets=2)
    Participant.objects.filter(pk=bob.pk).update(open_sockets=1)
    assert connected(vote) == 2
    # Alice reconnects through this (living) process: its first socket makes it beat.
    presence.opened("a3", alice.pk)
    assert not LiveServer.objects.filter(boot_id="processus-mort").exists()
    assert list(LiveSocket.objects.values_list("key", flat=True)) == ["a3"]
    alice.refresh_from_db()
    bob.refresh_from_db()
    assert (alice.open_sockets, bob.open_sockets) == (1, 0)
    assert connected(vote) == 1
    # Nothing left to sweep, and a socket the sweep already took off is not taken twice.
    assert presence.beat() == 0
    presence.closed("a3")
    alice.refresh_from_db()
    assert alice.open_sockets == 0
    assert connected(vote) == 0


def test_a_process_still_beating_keeps_its_sockets(workshop: Workshop) -> None:
    alice = Participant.objects.create(workshop=workshop)
    now = timezone.now()
    presence.beat(now=now - dt.timedelta(seconds=presence.interval()), boot_id="voisin")
    LiveSocket.objects.create(server="voisin", key="v1", participant_id=alice.pk, opened_at=now)
    Participant.objects.filter(pk=alice.pk).update(open_sockets=1)
    assert presence.beat(now=now) == 0
    alice.refresh_from_db()
    assert alice.open_sockets == 1


def test_a_slow_process_swept_by_mistake_counts_its_sockets_again(workshop: Workshop) -> None:
    alice = Participant.objects.create(workshop=workshop)
    presence.opened("s1", alice.pk)
    # Another process, ten minutes later, finds this one silent and sweeps it.
    later = timezone.now() + dt.timedelta(minutes=10)
    assert presence.beat(now=later, boot_id="autre") == 1
    alice.refresh_from_db()
    assert alice.open_sockets == 0
    # This one was only slow: at its next beat it records its open socket again.
    presence.beat(now=later)
    alice.refresh_from_db()
    assert alice.open_sockets == 1
    assert list(LiveSocket.objects.values_list("key", "server")) == [("s1", "ce-processus")]


@pytest.mark.django_db(transaction=True)
def test_a_socket_is_recorded_with_its_process(
    workshop: Workshop, personas: dict[str, Any]
) -> None:
    vote = activity(workshop, "vote")
    services.set_state(vote, Activity.State.OPEN)
    token = token_of(join(Client(), workshop), workshop)

    async def scenario() -> None:
        from channels.db import database_sync_to_async

        phone = participant_socket(workshop, token)
        assert (await phone.connect())[0]
        read = database_sync_to_async(
            lambda: list(LiveSocket.objects.values_list("server", "participant_id"))
        )
        for _ in range(50):  # recorded just after the handshake, with the others waiting
            rows = await read()
            if rows:
                break
            await asyncio.sleep(0.1)
        participant = await database_sync_to_async(Participant.objects.get)()
        assert rows == [("ce-processus", participant.pk)]
        assert participant.open_sockets == 1
        await phone.disconnect()

    async_to_sync(scenario)()
    assert not LiveSocket.objects.exists()
    assert Participant.objects.get().open_sockets == 0
    assert LiveServer.objects.filter(boot_id="ce-processus").exists()
