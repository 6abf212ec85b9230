"""Deleting a démarche: everything of it, its history and its files, or a French refusal.

A démarche's content spans every app, and some links between its own objects are protected
(an appropriation exercise protects the version of the co-built grid it used): Django's
cascade from the démarche alone refuses with ProtectedError (a 500 before). The démarche's
direct dependents are therefore deleted in rounds, each round deleting what nothing protects
any more, until nothing is left; the history rows of every deleted object go with it, and
its files (photos) are removed from storage once the transaction is committed. If something
outside the démarche still depends on it (another démarche's grid derived from one of its
grids), nothing is deleted and `ApproachInUse` says what, in French.
"""

from __future__ import annotations

from typing import Any

from django.core.files.storage import Storage
from django.db import models, router, transaction
from django.db.models.deletion import Collector, ProtectedError, RestrictedError

from ressort.approaches.models import Approach


class ApproachInUse(ValueError):
    """Something outside the démarche depends on it; the message names it in French."""


def delete_approach(approach: Approach) -> None:
    files: list[tuple[Storage, str]] = []
    with transaction.atomic():
        # Hidden relations too: history rows point at the démarche without a reverse name.
        dependents = [
            (rel.related_model, rel.field.name)
            for rel in Approach._meta.get_fields(include_hidden=True)
            if rel.auto_created and not rel.concrete and (rel.one_to_many or rel.one_to_one)
        ]
        while True:
            deleted_any, blocked = False, []
            for model, field in dependents:
                rows = model._base_manager.filter(**{field: approach})
                if not rows.exists():
                    continue
                try:
                    files += _delete(rows)
                except (ProtectedError, RestrictedError) as error:
                    blocked.append(error)
                else:
                    deleted_any = True
            if not deleted_any:
                break
        if blocked:
            raise ApproachInUse(_refusal(blocked))
        files += _delete(Approach.objects.filter(pk=approach.pk))
    transaction.on_commit(lambda: _remove(files))


def _delete(rows: models.QuerySet[Any]) -> list[tuple[Storage, str]]:
    """Delete `rows` and their cascade, and the history rows of every object deleted;
    returns the files they referenced."""
    collector = Collector(using=router.db_for_write(rows.model), origin=rows)
    collector.collect(rows)  # raises ProtectedError before anything is deleted
    files: list[tuple[Storage, str]] = []
    histories: list[tuple[Any, list[Any]]] = []
    for model, instances in collector.data.items():
        files += _files(model, instances)
        history = _history_model(model)
        if history is not None:
            histories.append((history, [obj.pk for obj in instances]))
    for query in collector.fast_deletes:
        files += _files(query.model, list(query))
    collector.delete()
    for history, pks in histories:
        history._base_manager.filter(id__in=pks).delete()
    return files


def _files(model: Any, instances: Any) -> list[tuple[Storage, str]]:
    fields = [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
    return [
        (field.storage, name)
        for obj in instances
        for field in fields
        if (name := getattr(obj, field.attname).name)
    ]


def _history_model(model: Any) -> Any:
    """The django-simple-history model of `model`, if it keeps one."""
    manager = getattr(model._meta, "simple_history_manager_attribute", None)
    return getattr(model, manager).model if manager else None


def _remove(files: list[tuple[Storage, str]]) -> None:
    for storage, name in files:
        storage.delete(name)


def _refusal(errors: list[Exception]) -> str:
    blocking: list[str] = []
    for error in errors:
        for obj in getattr(error, "protected_objects", None) or getattr(
            error, "restricted_objects", ()
        ):
            approach = getattr(obj, "approach", None)
            where = f" (démarche «\u00a0{approach}\u00a0»)" if approach is not None else ""
            blocking.append(f"{obj._meta.verbose_name} «\u00a0{obj}\u00a0»{where}")
    listed = ", ".join(sorted(set(blocking))[:5]) or "d'autres données"
    return (
        "La démarche n'a pas été supprimée\u00a0: des données hors de cette démarche s'appuient "
        f"sur elle ({listed}). Supprimez-les ou détachez-les d'abord, puis recommencez."
    )
