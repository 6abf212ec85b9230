"""Optimistic concurrency for the forms of the strategy: never overwrite a colleague silently.

A form carries the `version` of the object it was built from. `save_versioned` locks the
row, compares, and either writes (version + 1) or raises `EditConflict` listing field by
field what the other person changed since the form was opened — read from the object's
history (the snapshot saved at that version) against its current state.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models, transaction

from ressort.strategy.models import Versioned


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    label: str
    before: str
    after: str
    mine: str


class EditConflict(Exception):
    def __init__(self, current: Versioned, changes: list[FieldChange], who: str, when: Any):
        self.current = current
        self.changes = changes
        self.who = who
        self.when = when
        super().__init__(f"Conflit d'édition sur {current}")


def display_value(
    instance: models.Model,
    field: models.Field[Any, Any],
    value: Any,
    labels: dict[tuple[Any, Any], str] | None = None,
) -> str:
    """A field's value as a person reads it (choice labels, « oui/non », lists).

    `labels` maps (related model, pk) to a label fetched beforehand in bulk.
    """
    if value is None or value == "":
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or "—"
    if isinstance(field, models.ForeignKey):
        if labels is not None:
            return labels.get((field.related_model, value), f"n° {value} (supprimé)")
        related = field.related_model._default_manager.filter(pk=value).first()  # type: ignore[union-attr]
        return str(related) if related is not None else f"n° {value} (supprimé)"
    return str(value)


def tracked_fields(instance: models.Model, names: list[str] | None = None) -> list[Any]:
    fields = [
        f
        for f in instance._meta.concrete_fields
        if f.editable and not f.primary_key and f.name not in ("version",)
    ]
    if names is not None:
        fields = [f for f in fields if f.name in names]
    return fields


def raw(instance: Any, field: Any) -> Any:
    return getattr(instance, field.attname)


def conflict_changes(
    current: Versioned, base: Any, mine: Versioned, names: list[str] | None
) -> list[FieldChange]:
    """Fields that differ between the version the form was built from and the current one."""
    changes = []
    for field in tracked_fields(current, names):
        before = raw(base, field) if base is not None else None
        now = raw(current, field)
        if base is None or before != now:
            changes.append(
                FieldChange(
                    field=field.name,
                    label=str(field.verbose_name),
                    before=display_value(current, field, before) if base is not None else "?",
                    after=display_value(current, field, now),
                    mine=display_value(current, field, raw(mine, field)),
                )
            )
    return changes


def save_versioned(
    instance: Versioned,
    expected_version: int,
    *,
    user: Any = None,
    fields: list[str] | None = None,
    reason: str = "",
) -> Versioned:
    """Write `instance` (an unsaved edit of a stored row) if nobody saved it meanwhile.

    `fields` limits the conflict report to what the form edits. Raises EditConflict
    (nothing written) when the stored version is not `expected_version`.
    """
    model = type(instance)
    with transaction.atomic():
        current = model._default_manager.select_for_update().get(pk=instance.pk)
        if current.version != expected_version:
            history = current.history  # type: ignore[attr-defined]
            base_record = history.filter(version=expected_version).order_by("history_date").last()
            last = history.order_by("history_date").last()
            changes = conflict_changes(
                current, base_record.instance if base_record else None, instance, fields
            )
            who = (
                last.history_user.display_name
                if last is not None and last.history_user is not None
                else "quelqu'un"
            )
            raise EditConflict(current, changes, who, last.history_date if last else None)
        instance.version = current.version + 1
        if user is not None and getattr(user, "is_authenticated", False):
            instance._history_user = user  # type: ignore[attr-defined]
        if reason:
            instance._change_reason = reason  # type: ignore[attr-defined]
        instance.save()
    return instance
