"""The model graph of a démarche: every model that reaches Approach by foreign keys.

Nothing is listed by hand: a new app whose models point (directly or through other models)
to a démarche is exported and restored without a change here. Many-to-many tables are
models too (Django's auto-created `through` models), so their rows travel like any other;
django-simple-history's historical models point to the same rows as the models they follow,
so a démarche's history travels with it.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache

from django.apps import apps
from django.db import models

from ressort.approaches.models import Approach

Model = type[models.Model]


def relations(model: Model) -> list[models.ForeignKey]:  # type: ignore[type-arg]
    return [
        f for f in model._meta.concrete_fields if f.is_relation and (f.many_to_one or f.one_to_one)
    ]  # type: ignore[misc]


@cache
def demarche_models() -> tuple[Model, ...]:
    """Approach and every model reaching it, in an order where a model comes after the
    models its required foreign keys point to (and a historical model after its model)."""
    everything = [m for m in apps.get_models(include_auto_created=True) if not m._meta.proxy]
    reached: set[Model] = {Approach}
    grew = True
    while grew:
        grew = False
        for model in everything:
            if model not in reached and any(f.related_model in reached for f in relations(model)):
                reached.add(model)
                grew = True
    return tuple(_ordered(reached))


def history_of(model: Model) -> Model | None:
    """The model a django-simple-history historical model follows."""
    return getattr(model, "instance_type", None) if hasattr(model, "history_object") else None


def _ordered(found: set[Model]) -> list[Model]:
    needs: dict[Model, set[Model]] = defaultdict(set)
    for model in found:
        for field in relations(model):
            target = field.related_model
            if target in found and target is not model and not field.null:
                needs[model].add(target)
        original = history_of(model)
        if original in found:
            needs[model].add(original)
    ordered: list[Model] = []
    pending = sorted(found, key=lambda m: m._meta.label)
    while pending:
        ready = [m for m in pending if needs[m] <= set(ordered)]
        if not ready:  # a cycle of required keys: should not exist in a schema
            raise RuntimeError(f"Cycle de clés obligatoires : {[m._meta.label for m in pending]}")
        ordered.extend(ready)
        pending = [m for m in pending if m not in ready]
    return ordered


def rows_of(approach: Approach) -> dict[Model, set[int]]:
    """The primary keys of every row of the démarche: those whose foreign keys reach it,
    followed to a fixed point (a framework co-built in the démarche, its versions, their
    dimensions…); rows shared by all démarches (the shipped frameworks) are not its rows."""
    selected: dict[Model, set[int]] = {model: set() for model in demarche_models()}
    selected[Approach] = {approach.pk}
    grew = True
    while grew:
        grew = False
        for model in demarche_models():
            if model is Approach:
                continue
            query = models.Q()
            for field in relations(model):
                keys = selected.get(field.related_model)  # type: ignore[arg-type]
                if keys:
                    query |= models.Q(**{f"{field.attname}__in": keys})
            if not query:
                continue
            found = set(model._default_manager.filter(query).values_list("pk", flat=True))
            found -= selected[model]
            if found:
                selected[model] |= found
                grew = True
    return selected
