"""The phones of a workshop that this web process serves, reached through one channel.

A notice for every phone of a workshop (the facilitator opened or closed an activity) goes to
the group `live.participants_group(pk)`. That group holds one channel per web process serving
phones of the workshop, not one per phone: the process's room listens on it and passes each
notice on to its phones. A phone joining or leaving costs no channel-layer call (with Redis,
two round trips a phone, and a room of 2,000 phones arriving at once opened more Redis
connections than the client's pool allows), and a phone's socket does not watch the layer.

The room of a workshop lives in the event loop of the process while it has phones; the first
phone waits for the room to have joined the group (so that it misses no notice), the last one
to leave takes the room out of the group.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import weakref
from typing import Any, Protocol

from channels.layers import get_channel_layer

from ressort.workshops import live

log = logging.getLogger(__name__)
JOIN_WAIT_S = 5.0  # past it, the phone works on; it only misses notices until the room joins


class Phone(Protocol):
    async def activities_changed(self, event: dict[str, Any]) -> None: ...


class Room:
    def __init__(self, workshop_pk: int) -> None:
        self.group = live.participants_group(workshop_pk)
        self.phones: set[Phone] = set()
        self.joined = asyncio.Event()
        self.task = asyncio.get_running_loop().create_task(self.listen())

    async def listen(self) -> None:
        layer = get_channel_layer()
        if layer is None:
            self.joined.set()
            return
        channel = await live.retrying(layer.new_channel, forever=True)
        try:
            try:
                await live.retrying(layer.group_add, self.group, channel)
            except Exception as error:
                # The layer is down: the phones go on without notices until it is back.
                log.warning("Salle %s hors du groupe pour l'instant : %r", self.group, error)
                self.joined.set()
                await live.retrying(layer.group_add, self.group, channel, forever=True)
            self.joined.set()
            while True:
                message = await live.retrying(layer.receive, channel, forever=True)
                if message.get("type") == "activities.changed":
                    await self.tell_all(message)
        finally:
            with contextlib.suppress(Exception):
                await layer.group_discard(self.group, channel)

    async def tell_all(self, message: dict[str, Any]) -> None:
        results = await asyncio.gather(
            *(phone.activities_changed(message) for phone in list(self.phones)),
            return_exceptions=True,
        )
        for result in results:
            if isinstance(result, Exception):
                log.debug("Avis non transmis à un téléphone : %r", result)


_rooms: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[int, Room]] = (
    weakref.WeakKeyDictionary()
)


async def enter(workshop_pk: int, phone: Phone) -> None:
    """`phone` hears the workshop's notices from now on (once its room has joined)."""
    rooms = _rooms.setdefault(asyncio.get_running_loop(), {})
    room = rooms.get(workshop_pk)
    if room is None:
        room = rooms[workshop_pk] = Room(workshop_pk)
    room.phones.add(phone)
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(room.joined.wait(), JOIN_WAIT_S)


def leave(workshop_pk: int, phone: Phone) -> None:
    rooms = _rooms.get(asyncio.get_running_loop(), {})
    room = rooms.get(workshop_pk)
    if room is None:
        return
    room.phones.discard(phone)
    if not room.phones:
        del rooms[workshop_pk]
        room.task.cancel()
