"""Deployment checks: what works on one process but breaks on two."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.compatibility, deploy=True)
def shared_state(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    if settings.DEBUG:
        return []
    warnings = []
    layer = settings.CHANNEL_LAYERS.get("default", {}).get("BACKEND", "")
    if layer.endswith("InMemoryChannelLayer"):
        warnings.append(
            Warning(
                "La couche de canaux des ateliers en direct est en mémoire : avec plusieurs "
                "processus web, un·e participant·e et l'écran de projection ne se voient pas.",
                hint="Définissez REDIS_URL (redis://hôte:6379/0).",
                id="ressort.W101",
            )
        )
    cache = settings.CACHES.get("default", {}).get("BACKEND", "")
    if cache.endswith(("LocMemCache", "DummyCache")):
        warnings.append(
            Warning(
                "Le cache est dans la mémoire de chaque processus : les limites de tentatives "
                "(connexion, codes d'atelier) ne sont pas partagées entre processus web.",
                hint="Définissez REDIS_URL (redis://hôte:6379/0).",
                id="ressort.W102",
            )
        )
    if not settings.RESSORT_STATIC_COLLECTED:
        warnings.append(
            Warning(
                "Les fichiers statiques sont servis depuis les sources, sans empreinte ni "
                "compression.",
                hint="Lancez « ressort collectstatic » puis définissez RESSORT_STATIC_COLLECTED=1 "
                "(l'image Docker le fait).",
                id="ressort.W103",
            )
        )
    return warnings
