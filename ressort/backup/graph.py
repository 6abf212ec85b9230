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
    """Models in an order where each comes after the models it points to. Required keys
    must be satisfied; nullable ones are followed too where they make no cycle, so that a
    row whose check constraint needs one of its nullable keys (a comment on a sheet or on
    an axis) is inserted with it rather than patched afterwards."""
    required: dict[Model, set[Model]] = defaultdict(set)
    preferred: dict[Model, set[Model]] = defaultdict(set)
    for model in found:
        for field in relations(model):
            target = field.related_model
            if target in found and target is not model:
                preferred[model].add(target)
                if not field.null:
                    required[model].add(target)
        original = history_of(model)
        if original in found:
            required[model].add(original)
            preferred[model].add(original)
    ordered: list[Model] = []
    done: set[Model] = set()
    pending = sorted(found, key=lambda m: m._meta.label)
    while pending:
        ready = [m for m in pending if (required[m] | preferred[m]) <= done]
        if not ready:  # nullable keys make a cycle: break it on required keys only
            ready = [m for m in pending if required[m] <= done][:1]
        if not ready:  # a cycle of required keys: should not exist in a schema
            raise RuntimeError(f"Cycle de clés obligatoires : {[m._meta.label for m in pending]}")
        ordered.extend(ready)
        done.update(ready)
        pending = [m for m in pending if m not in done]
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
