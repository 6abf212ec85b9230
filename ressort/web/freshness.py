"""Computed pages kept per démarche until its data changes.

The portrait and the dashboard each gather dozens of queries and a long template; they are
kept in the cache (Redis when REDIS_URL is set, the process's memory otherwise) under a key
that holds the démarche's *version*: a counter in the database (`DemarcheVersion`) raised
after every write to the démarche's data. The version is read from the database on every
page, so no process serves a page computed before a write that it can see, whatever cache it
holds; an entry under an old version is never read again and expires.

The counter is raised once the write is committed. A reader between the commit and the raise
stores fresh data under the old version, which the raise then retires: harmless. A page read
before the commit and stored under the old version is retired the same way.

What raises it:
- any non-read request of a démarche page (`demarche_view`, after the view): forms, imports
  and bulk writes that send no signal alike;
- outside those requests (live workshops, background tasks, commands, the admin), every
  saved row of a Ressort model leading to a démarche (its `approach`, or a parent's up to
  three links away), and every deleted row that holds its démarche itself, through Django's
  signals; a row that leads to no démarche (a shared framework, a territory) raises the
  shared counter (row 0), part of every key.
Rows that no computed page shows are left out (document jobs, tasks, history rows: the change
that wrote them raised the counter already); an account's change (a name shown wherever the
person takes part) raises the shared counter, a sign-in nothing. Raises in one transaction
are merged.
"""

from __future__ import annotations

import contextvars
import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection, models, transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save

from ressort.web.models import DemarcheVersion

T = TypeVar("T")
SHARED = 0  # the row of writes that belong to no démarche
TIMEOUT = 6 * 3600  # an entry no longer read leaves memory after this
# Apps whose rows no computed page shows, or that write on every request.
IGNORED_APPS = frozenset(
    {"accounts", "documents", "background", "operations", "backup", "web", "legal"}
)
_covered: contextvars.ContextVar[int | None] = contextvars.ContextVar("covered", default=None)
_paths: dict[type[models.Model], tuple[str, ...] | None] = {}


def version(approach_id: int) -> tuple[int, int]:
    """(shared version, the démarche's version): one indexed query."""
    rows = dict(
        DemarcheVersion.objects.filter(demarche_id__in=(SHARED, approach_id)).values_list(
            "demarche_id", "version"
        )
    )
    return rows.get(SHARED, 0), rows.get(approach_id, 0)


def pin(approach: Any) -> None:
    """A reading request: the versions are read once for all its cached parts (the layout's
    and the page's), the first time one of them asks."""
    approach._versions_pinned = True


def versions_of(approach: Any) -> tuple[int, int]:
    """`version(approach.pk)`, read once per reading request (see `pin`)."""
    found: tuple[int, int] | None = getattr(approach, "_versions", None)
    if found is None:
        found = version(approach.pk)
        if getattr(approach, "_versions_pinned", False):
            approach._versions = found
    return found


def cached(approach: Any, name: str, build: Callable[[], T], *vary: object) -> T:
    """`build()`'s result for this démarche, computed again only after one of its writes.

    `vary` adds what else the result depends on (the reader's role, the day)."""
    shared, own = versions_of(approach)
    return _kept(("calcul", name, approach.pk, shared, own, *vary), build)


def cached_for(ids: list[int], name: str, build: Callable[[], T], *vary: object) -> T:
    """`cached` for several démarches at once (a portfolio): computed again after a write
    to any of them; one query for their versions."""
    ids = sorted(set(ids))
    rows = dict(
        DemarcheVersion.objects.filter(demarche_id__in=(SHARED, *ids)).values_list(
            "demarche_id", "version"
        )
    )
    versions = ",".join(f"{pk}.{rows.get(pk, 0)}" for pk in (SHARED, *ids))
    digest = hashlib.sha256(versions.encode()).hexdigest()  # hundreds of démarches: short
    return _kept(("calcul", name, digest, *vary), build)


def _kept(parts: tuple[object, ...], build: Callable[[], T]) -> T:
    key = ":".join(str(p) for p in parts)
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value


def _raise_now(ids: set[int]) -> None:
    for approach_id in sorted(ids):
        with transaction.atomic():
            updated = DemarcheVersion.objects.filter(demarche_id=approach_id).update(
                version=F("version") + 1
            )
            if not updated:
                DemarcheVersion.objects.get_or_create(
                    demarche_id=approach_id, defaults={"version": 1}
                )


class _Pending:
    """The démarches to raise once the current transaction commits (one callback each)."""

    def __init__(self) -> None:
        self.ids: set[int] = set()

    def __call__(self) -> None:
        _raise_now(self.ids)


def bump(approach_id: int) -> None:
    """Raise a démarche's version (SHARED: every démarche's) once the transaction commits."""
    if not connection.in_atomic_block or connection.atomic_blocks[0]._from_testcase:
        # Autocommit, or a test's transaction that never commits: raised at once (a test's
        # savepoint rolled back takes the raise with it).
        _raise_now({approach_id})
        return
    for _savepoints, callback, _robust in connection.run_on_commit:
        if isinstance(callback, _Pending):
            callback.ids.add(approach_id)
            return
    pending = _Pending()
    pending.ids.add(approach_id)
    transaction.on_commit(pending)


@contextmanager
def covering(approach_id: int) -> Iterator[None]:
    """A write request of a démarche: its rows raise nothing one by one, the démarche's
    version is raised once at the end (even if the view failed half-way)."""
    token = _covered.set(approach_id)
    try:
        yield
    finally:
        _covered.reset(token)
        bump(approach_id)


def _path_to_approach(model: type[models.Model]) -> tuple[str, ...] | None:
    """Field names from `model` to its démarche's id: ("approach_id",), ("indicator",
    "approach_id")…; None when it leads to no démarche within three links."""
    if model in _paths:
        return _paths[model]
    approach_model = apps.get_model("approaches", "Approach")
    found: tuple[str, ...] | None = ("pk",) if model is approach_model else None
    frontier: list[tuple[type[models.Model], tuple[str, ...]]] = [(model, ())]
    for _depth in range(3):
        if found:
            break
        following = []
        for current, path in frontier:
            for field in current._meta.concrete_fields:
                if not field.many_to_one or field.related_model is None:
                    continue
                if field.related_model is approach_model:
                    found = (*path, field.attname)
                    break
                following.append((field.related_model, (*path, field.name)))
            if found:
                break
        frontier = following
    _paths[model] = found
    return found


def approach_of(instance: models.Model) -> int | None:
    """The démarche a row belongs to (one query for a row under a parent), None for none."""
    path = _path_to_approach(type(instance))
    if path is None:
        return None
    if len(path) == 1:
        return getattr(instance, path[0])
    first = instance._meta.get_field(path[0])
    parent_id = getattr(instance, first.attname)
    if parent_id is None:
        return None
    lookup = "__".join((*path[1:-1], path[-1].removesuffix("_id")))
    rows = first.related_model._default_manager.filter(pk=parent_id).values_list(lookup, flat=True)
    return next(iter(rows), None)


def watched(model: type[models.Model]) -> bool:
    """Whether the rows of `model` raise a version when they are saved."""
    meta = model._meta
    return (
        meta.app_config is not None
        and meta.app_config.name.startswith("ressort.")
        and meta.app_label not in IGNORED_APPS
        and not meta.object_name.startswith("Historical")
        and not meta.proxy
    )


def _saved(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    if kwargs.get("created") and _path_to_approach(sender) == ("pk",):
        # A new démarche may get the id of a deleted one (SQLite): never its cached pages.
        bump(instance.pk)
        return
    if _covered.get() is not None:
        return
    approach_id = approach_of(instance)
    bump(SHARED if approach_id is None else approach_id)


def _deleted(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if _covered.get() is not None:
        return
    path = _path_to_approach(sender)
    if path == ("pk",):
        return  # a deleted démarche has no page left to show
    approach_id = getattr(instance, path[0]) if path else None
    bump(SHARED if approach_id is None else approach_id)


def _account_saved(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    # A name shown in the pages of every démarche the person takes part in, or took part in.
    fields = kwargs.get("update_fields")
    if kwargs.get("raw") or (fields is not None and set(fields) <= {"last_login"}):
        return  # a sign-in changes nothing shown
    bump(SHARED)


def _account_deleted(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    bump(SHARED)


def connect() -> None:
    """Called once, when the apps are ready (ressort.web.apps). Deletions are followed for
    rows holding their démarche only: a receiver makes Django load every row it deletes, and
    the children of those rows go with them."""
    account = get_user_model()
    post_save.connect(_account_saved, sender=account, dispatch_uid="freshness-account-save")
    post_delete.connect(_account_deleted, sender=account, dispatch_uid="freshness-account-delete")
    for model in apps.get_models():
        if not watched(model):
            continue
        post_save.connect(_saved, sender=model, dispatch_uid=f"freshness-save-{model._meta}")
        path = _path_to_approach(model)
        if path is None or len(path) == 1:
            post_delete.connect(
                _deleted, sender=model, dispatch_uid=f"freshness-delete-{model._meta}"
            )
