"""`GET /sante/`: is this web process able to serve? For the reverse proxy and Docker.

Each dependency is tried for real (a query, a cache write and read, a message through the
channel layer); the answer is JSON, 200 when all answer, 503 naming those that do not. It
says nothing else about the instance (no version, no data).
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def cache_store() -> None:
    key = f"sante-{uuid.uuid4().hex}"
    cache.set(key, "ok", 10)
    if cache.get(key) != "ok":
        raise RuntimeError("valeur non relue")
    cache.delete(key)


def channel_layer() -> None:
    layer = get_channel_layer()
    if layer is None:
        raise RuntimeError("aucune couche de canaux")

    async def round_trip() -> None:
        channel = await layer.new_channel()
        await layer.send(channel, {"type": "sante"})
        message = await layer.receive(channel)
        if message.get("type") != "sante":
            raise RuntimeError("message non reçu")

    async_to_sync(round_trip)()


CHECKS: dict[str, Callable[[], None]] = {
    "base_de_donnees": database,
    "cache": cache_store,
    "couche_de_canaux": channel_layer,
}


@never_cache
@require_GET
def sante(request: HttpRequest) -> JsonResponse:
    results: dict[str, dict[str, object]] = {}
    for name, check in CHECKS.items():
        start = time.perf_counter()
        try:
            check()
        except Exception as error:
            logger.warning("Santé : %s en échec (%s)", name, error)
            results[name] = {"etat": "en_echec", "erreur": type(error).__name__}
        else:
            results[name] = {"etat": "ok"}
        results[name]["ms"] = round((time.perf_counter() - start) * 1000, 1)
    healthy = all(r["etat"] == "ok" for r in results.values())
    return JsonResponse(
        {"etat": "ok" if healthy else "en_echec", "verifications": results},
        status=200 if healthy else 503,
    )
