"""History of the strategy: who changed what and when, across every tracked model, and revert.

The rows themselves are django-simple-history's historical records; this module scopes them
to one démarche, computes the field-by-field change of each record against the previous
record of the same object, and restores an object to the state of a chosen record.
"""

from __future__ import annotations

import heapq
import itertools
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.apps import apps
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.formats import date_format

from ressort.approaches.models import Approach
from ressort.strategy.versioning import display_value

Scope = Callable[[Approach, Any], Any]


@dataclass(frozen=True)
class Tracked:
    key: str
    label: str
    model: type[models.Model]
    scope: Scope  # filters the model's historical queryset to one démarche
    parent_checks: tuple[tuple[str, str], ...] = ()  # (fk attname, label) that must exist


def _by_approach(approach: Approach, qs: Any) -> Any:
    return qs.filter(approach_id=approach.pk)


def _by_parent(model: str, fk: str) -> Scope:
    """Rows whose parent (`fk`, a `model` "app.Model" with a history) is the démarche's, its
    deleted parents included: the parent's history knows them."""

    def scope(approach: Approach, qs: Any) -> Any:
        history = apps.get_model(model).history  # type: ignore[attr-defined]
        return qs.filter(**{f"{fk}__in": history.filter(approach_id=approach.pk).values("id")})

    return scope


def tracked() -> list[Tracked]:
    """Every model whose history the démarche's history page shows and can revert."""
    from ressort.actions import models as actions
    from ressort.monitoring import models as monitoring
    from ressort.portrait import models as portrait
    from ressort.strategy import models as m
    from ressort.systems import models as systems

    in_sheet = (("sheet_id", "sa fiche"),)
    in_action = (("action_id", "son action"),)
    in_indicator = (("indicator_id", "son indicateur"),)
    by_sheet = _by_parent("strategy.ActionSheet", "sheet_id")
    by_indicator = _by_parent("portrait.Indicator", "indicator_id")
    return [
        Tracked("cadre", "Cadre de la stratégie", m.StrategyStatement, _by_approach),
        Tracked("vision", "Vision partagée", systems.Vision, _by_approach),
        Tracked("axe", "Axe", m.Axis, _by_approach),
        Tracked(
            "objectif",
            "Objectif",
            m.Objective,
            _by_parent("strategy.Axis", "axis_id"),
            (("axis_id", "son axe"),),
        ),
        Tracked("fiche", "Fiche action", m.ActionSheet, _by_approach, in_action),
        Tracked("budget", "Ligne de budget", m.BudgetLine, by_sheet, in_sheet),
        Tracked("financement", "Financement", m.Funding, by_sheet, in_sheet),
        Tracked("jalon", "Jalon", m.Milestone, by_sheet, in_sheet),
        Tracked("indicateur-fiche", "Indicateur de fiche", m.SheetIndicator, by_sheet, in_sheet),
        Tracked("action", "Action", actions.Action, _by_approach),
        Tracked(
            "effet",
            "Effet d'une action",
            actions.Evaluation,
            _by_parent("actions.Action", "action_id"),
            in_action,
        ),
        Tracked("indicateur", "Indicateur", portrait.Indicator, _by_approach),
        Tracked(
            "valeur", "Valeur d'indicateur", portrait.IndicatorValue, by_indicator, in_indicator
        ),
        Tracked("trajectoire", "Trajectoire", monitoring.Trajectory, _by_approach, in_indicator),
        Tracked("reunion", "Réunion de pilotage", monitoring.Meeting, _by_approach),
        Tracked(
            "decision",
            "Décision",
            monitoring.Decision,
            _by_approach,
            (("meeting_id", "sa réunion"),),
        ),
    ]


# The history page's filter: a group's slug, its label, the kinds it shows.
GROUPS: dict[str, tuple[str, frozenset[str]]] = {
    "strategie": (
        "Stratégie et fiches action",
        frozenset(
            {"cadre", "vision", "axe", "objectif", "fiche", "budget", "financement", "jalon"}
            | {"indicateur-fiche"}
        ),
    ),
    "actions": ("Actions et leurs effets", frozenset({"action", "effet"})),
    "indicateurs": (
        "Indicateurs, valeurs et trajectoires",
        frozenset({"indicateur", "valeur", "trajectoire"}),
    ),
    "pilotage": ("Réunions et décisions", frozenset({"reunion", "decision"})),
}


def tracked_by_key() -> dict[str, Tracked]:
    return {t.key: t for t in tracked()}


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class Entry:
    kind: Tracked
    record: Any
    object_label: str
    change_type: str  # "+", "~", "-"
    user: Any
    at: datetime
    reason: str
    changes: list[Change] = field(default_factory=list)

    @property
    def verb(self) -> str:
        return {"+": "création", "~": "modification", "-": "suppression"}[self.change_type]


def _fields(model: type[models.Model]) -> list[Any]:
    return [
        f
        for f in model._meta.concrete_fields
        if f.editable and not f.primary_key and f.name != "version"
    ]


def _field_label(f: Any) -> str:
    """A field's name as the page says it: its verbose name, or for a relation left with
    Django's default (the English field name), the related model's verbose name."""
    label = str(f.verbose_name)
    if f.is_relation and label == f.name.replace("_", " ") and f.related_model is not None:
        return str(f.related_model._meta.verbose_name)
    return label


def _diff(
    model: type[models.Model],
    record: Any,
    previous: Any,
    labels: dict[tuple[Any, Any], str],
) -> list[Change]:
    changes = []
    for f in _fields(model):
        new = getattr(record, f.attname)
        old = getattr(previous, f.attname) if previous is not None else None
        if previous is None:
            if new in (None, "", [], False):
                continue
        elif new == old:
            continue
        if f.name == "approach":
            continue  # a record never changes démarche; its name says nothing here
        changes.append(
            Change(
                label=_field_label(f),
                before=display_value(record, f, old, labels) if previous is not None else "",
                after=display_value(record, f, new, labels),
            )
        )
    return changes


def entries(
    approach: Approach,
    *,
    limit: int = 50,
    offset: int = 0,
    only: Callable[[Tracked, Any], Any] | None = None,
) -> list[Entry]:
    """The latest history records of a démarche, newest first, with their changes.

    `only(kind, queryset)` narrows each model's records (e.g. to one action sheet).
    """
    streams = []
    for kind in tracked():
        qs = kind.scope(approach, kind.model.history.all())  # type: ignore[attr-defined]
        if only is not None:
            qs = only(kind, qs)
            if qs is None:
                continue
        rows = list(
            qs.select_related("history_user").order_by("-history_date", "-history_id")[
                : offset + limit
            ]
        )
        streams.append([(r.history_date, r.history_id, kind.key, kind, r) for r in rows])
    merged = heapq.merge(*streams, key=lambda t: (t[0], t[1]), reverse=True)
    page = list(merged)[offset : offset + limit]
    previous = _previous_records([(t[3], t[4]) for t in page])
    records = [(t[3], t[4]) for t in page] + [
        (kind, previous[(kind.key, record.history_id)])
        for _d, _i, _k, kind, record in page
        if (kind.key, record.history_id) in previous
    ]
    labels = _related_labels(records)
    result = []
    for _date, _id, _key, kind, record in page:
        prev = previous.get((kind.key, record.history_id))
        result.append(
            Entry(
                kind=kind,
                record=record,
                object_label=_label(kind, record, labels),
                change_type=record.history_type,
                user=record.history_user,
                at=record.history_date,
                reason=record.history_change_reason or "",
                changes=(
                    [] if record.history_type == "-" else _diff(kind.model, record, prev, labels)
                ),
            )
        )
    return result


def _related_labels(records: list[tuple[Tracked, Any]]) -> dict[tuple[Any, Any], str]:
    """Labels of every object the records point at, one query per related model."""
    wanted: dict[Any, set[Any]] = defaultdict(set)
    for kind, record in records:
        for f in kind.model._meta.concrete_fields:
            if isinstance(f, models.ForeignKey) and f.editable:
                value = getattr(record, f.attname)
                if value is not None:
                    wanted[f.related_model].add(value)
    labels: dict[tuple[Any, Any], str] = {}
    for model, pks in wanted.items():
        for obj in model._default_manager.select_related().filter(pk__in=pks):
            labels[(model, obj.pk)] = str(obj)
    return labels


def _label(kind: Tracked, record: Any, labels: dict[tuple[Any, Any], str]) -> str:
    """The object's name without following relations one by one."""
    from ressort.actions.models import Action
    from ressort.strategy.models import ActionSheet, Axis

    if kind.key == "objectif":
        axis = labels.get((Axis, record.axis_id), "")
        if not axis.startswith("Axe "):  # its axis was deleted
            return str(record.title)
        return f"{axis.split(' ')[1]}.{record.order} {record.title}"
    if kind.key == "fiche":
        return labels.get((Action, record.action_id), f"fiche n° {record.id}")
    if kind.key == "effet":
        from ressort.actions.models import Action as ActionModel

        where = f", {record.scenario}" if record.scenario else ""
        action = labels.get((ActionModel, record.action_id), "action supprimée")
        return f"{record.dimension_code}{where} ({action})"
    if kind.key in ("valeur", "trajectoire"):
        from ressort.portrait.models import Indicator, Scope
        from ressort.territories.models import Territory

        indicator = labels.get((Indicator, record.indicator_id), "indicateur supprimé")
        if kind.key == "trajectoire":
            return indicator
        place = ""
        if record.scope == Scope.TERRITORY:
            place = f", {labels.get((Territory, record.territory_id), 'territoire')}"
        elif record.scope == Scope.FRANCE:
            place = ", France"
        return f"{indicator}, {record.year}{place}"
    if kind.key == "indicateur-fiche":
        from ressort.portrait.models import Indicator

        name = record.label or labels.get((Indicator, record.indicator_id), "indicateur")
        return f"{name} ({labels.get((ActionSheet, record.sheet_id), 'fiche supprimée')})"
    if hasattr(record, "sheet_id"):
        own = str(record.instance)
        return f"{own} ({labels.get((ActionSheet, record.sheet_id), 'fiche supprimée')})"
    return str(record.instance)


def _previous_records(page: list[tuple[Tracked, Any]]) -> dict[tuple[str, int], Any]:
    """For each record of the page, the record just before it of the same object."""
    wanted: dict[str, tuple[Tracked, set[int], datetime]] = {}
    for kind, record in page:
        if kind.key not in wanted:
            wanted[kind.key] = (kind, set(), record.history_date)
        ids = wanted[kind.key][1]
        ids.add(record.id)
        latest = max(wanted[kind.key][2], record.history_date)
        wanted[kind.key] = (kind, ids, latest)
    out: dict[tuple[str, int], Any] = {}
    for key, (kind, ids, latest) in wanted.items():
        by_object: dict[int, list[Any]] = defaultdict(list)
        rows = kind.model.history.filter(  # type: ignore[attr-defined]
            id__in=ids, history_date__lte=latest
        ).order_by("history_date", "history_id")
        for row in rows:
            by_object[row.id].append(row)
        for rows_of in by_object.values():
            for before, after in itertools.pairwise(rows_of):
                out[(key, after.history_id)] = before
    return out


class RevertError(Exception):
    pass


def find_record(approach: Approach, key: str, history_id: int) -> tuple[Tracked, Any] | None:
    kind = tracked_by_key().get(key)
    if kind is None:
        return None
    record = (
        kind.scope(approach, kind.model.history.all())  # type: ignore[attr-defined]
        .filter(history_id=history_id)
        .first()
    )
    return (kind, record) if record is not None else None


@transaction.atomic
def revert(kind: Tracked, record: Any, user: Any) -> models.Model:
    """Bring the object back to the state of `record` (re-creating it if it was deleted).

    The revert is itself a new history record, with its reason; the version number moves
    on so that forms opened before the revert are refused rather than overwrite it.
    """
    model = kind.model
    for attname, label in kind.parent_checks:
        parent_field = model._meta.get_field(attname.removesuffix("_id"))
        parent_model = parent_field.related_model
        if not parent_model._default_manager.filter(pk=getattr(record, attname)).exists():  # type: ignore[union-attr]
            raise RevertError(
                f"Impossible de rétablir cet état : {label} n'existe plus. "
                "Rétablissez-la ou rétablissez-le d'abord."
            )
    current = model._default_manager.select_for_update().filter(pk=record.id).order_by("pk").first()
    restored = record.instance
    if hasattr(restored, "version"):
        last_version = (
            model.history.filter(id=record.id)  # type: ignore[attr-defined]
            .order_by("-version")
            .values_list("version", flat=True)
            .first()
        )
        restored.version = max(last_version or 0, getattr(current, "version", 0)) + 1
    when = date_format(timezone.localtime(record.history_date), "DATETIME_FORMAT")
    restored._change_reason = f"Retour à l'état du {when}"
    if user is not None and getattr(user, "is_authenticated", False):
        restored._history_user = user
    try:
        with transaction.atomic():  # a savepoint: the clash leaves nothing half-saved
            restored.save(force_insert=current is None)
    except IntegrityError as exc:
        raise RevertError(
            "Impossible de rétablir cet état : un autre élément occupe déjà sa place "
            "(même code, même année ou même lien). Modifiez ou supprimez-le d'abord."
        ) from exc
    return restored
