"""Channel-layer messages of the live workshops, sent so that no consumer ever dies of them.

Under heavy load the Redis layer can time out or refuse a message (channel full): a send is
retried a few times with a short back-off, then given up with a warning. A lost
notification only delays a projection refresh (the next one carries the fresh state); an
answer itself is never carried by the layer, it is stored before it is acknowledged.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

log = logging.getLogger(__name__)
RETRIES = 4
T = TypeVar("T")


def participants_group(workshop_pk: int) -> str:
    return f"atelier-{workshop_pk}-participants"


def projection_group(workshop_pk: int) -> str:
    return f"atelier-{workshop_pk}-projection"


async def retrying(func: Callable[..., Awaitable[T]], *args: Any, forever: bool = False) -> T:
    """`func(*args)`, tried again after a short, growing pause when the layer fails: RETRIES
    times, or until it succeeds (`forever`)."""
    delay = 0.05
    attempt = 0
    while True:
        attempt += 1
        try:
            return await func(*args)
        except asyncio.CancelledError:
            raise
        except Exception as error:
            if not forever and attempt >= RETRIES:
                raise
            log.warning("Couche de canaux : %r, nouvel essai dans %.2f s", error, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 2.0)


async def safe_group_send(group: str, message: dict[str, Any]) -> bool:
    return await _send_or_give_up("group_send", group, message)


async def safe_send(channel_name: str, message: dict[str, Any]) -> bool:
    return await _send_or_give_up("send", channel_name, message)


async def _send_or_give_up(method: str, to: str, message: dict[str, Any]) -> bool:
    """The layer's `send` or `group_send`, retried; False when given up (or no layer)."""
    layer = get_channel_layer()
    if layer is None:
        return False
    try:
        await retrying(getattr(layer, method), to, message)
    except Exception as error:
        log.warning("Message vers %s abandonné après %s essais : %r", to, RETRIES, error)
        return False
    return True


def notify_workshop(workshop_pk: int) -> None:
    """Activities changed (opened, closed, deleted): participants and projection refresh."""
    async_to_sync(_notify_workshop)(workshop_pk)


async def _notify_workshop(workshop_pk: int) -> None:
    await safe_group_send(participants_group(workshop_pk), {"type": "activities.changed"})
    await safe_group_send(
        projection_group(workshop_pk), {"type": "projection.refresh", "activity": None}
    )


def notify_projection(workshop_pk: int, activity_pk: int, msgs: list[str] | None = None) -> None:
    async_to_sync(safe_group_send)(
        projection_group(workshop_pk),
        {"type": "projection.refresh", "activity": activity_pk, "msgs": msgs or []},
    )


# Projection notices are batched: one group message per workshop every BATCH_S at most,
# carrying the ids of the answers stored meanwhile (500 phones answering at once would
# otherwise flood the projection's channel, whose capacity is bounded).
BATCH_S = 0.1
_pending: dict[int, list[tuple[int, str]]] = {}


def queue_projection_notice(workshop_pk: int, activity_pk: int, msg: str) -> None:
    """Called from a consumer's event loop once an answer is stored."""
    batch = _pending.get(workshop_pk)
    if batch is None:
        _pending[workshop_pk] = [(activity_pk, msg)]
        asyncio.get_running_loop().create_task(_flush_later(workshop_pk))
    else:
        batch.append((activity_pk, msg))


async def _flush_later(workshop_pk: int) -> None:
    await asyncio.sleep(BATCH_S)
    batch = _pending.pop(workshop_pk, [])
    if not batch:
        return
    activities = sorted({a for a, _ in batch})
    await safe_group_send(
        projection_group(workshop_pk),
        {
            "type": "projection.refresh",
            "activity": activities[0] if len(activities) == 1 else None,
            "msgs": [m for _, m in batch],
        },
    )


# Arrivals and departures too: one « connectés » notice per workshop every BATCH_S at most.
_presence_pending: set[int] = set()


def queue_presence_notice(workshop_pk: int) -> None:
    """Called from a consumer's event loop once a socket is counted in or out."""
    if workshop_pk not in _presence_pending:
        _presence_pending.add(workshop_pk)
        asyncio.get_running_loop().create_task(_flush_presence_later(workshop_pk))


async def _flush_presence_later(workshop_pk: int) -> None:
    await asyncio.sleep(BATCH_S)
    _presence_pending.discard(workshop_pk)
    await safe_group_send(projection_group(workshop_pk), {"type": "projection.presence"})
