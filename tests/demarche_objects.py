"""Every object of a démarche, in every app, found through the models' foreign keys (not a
hand-kept list): what the public-page and reuse tests scan."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

from django.apps import apps
from django.db import models

from ressort.approaches.models import Approach


def path_to_demarche(model: type[models.Model]) -> str | None:
    """The lookup from a model to its démarche through its foreign keys (3 steps at most)."""
    seen = {model}
    queue: deque[tuple[type[models.Model], str, int]] = deque([(model, "", 0)])
    while queue:
        current, prefix, depth = queue.popleft()
        for field in current._meta.get_fields():
            if not (field.many_to_one or field.one_to_one) or not field.concrete:
                continue
            target = field.related_model
            lookup = f"{prefix}{field.name}"
            if target is Approach:
                return lookup
            if depth < 2 and target not in seen and target is not None:
                seen.add(target)
                queue.append((target, f"{lookup}__", depth + 1))
    return None


def demarche_querysets(approach: Approach) -> Iterator[models.QuerySet]:
    """For each model of the project that belongs to a démarche, its objects of `approach`
    (the démarche itself included)."""
    for model in apps.get_models():
        if not model.__module__.startswith("ressort."):
            continue
        if model is Approach:
            yield Approach.objects.filter(pk=approach.pk)
            continue
        lookup = path_to_demarche(model)
        if lookup is not None:
            yield model._default_manager.filter(**{lookup: approach})
