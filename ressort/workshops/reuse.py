"""Workshops copied as templates into another démarche (issue 18, « the facilitator's
portfolio »: start from another's reusable parts, never copying another authority's data).

A copy keeps what a facilitator prepared: the workshop's title, form and participant
categories, its activities in order with their instructions and configuration, as each
activity kind declares it (`ActivityKind.as_template`). Never its participants, answers,
join code, date, place or closing time, nor any activity's state or delivery: the copy is a
new workshop in preparation, the copier's. A kind that pointed at the source démarche's
objects (its grids, actions, population groups, actor analyses) points at their copies made
by the same reuse, or drops them with a note the copier reads.

Who may copy: a member of both démarches, with the whole of each (not a partner limited to
some parts) and the right to contribute; any other démarche, or another démarche's
workshop, is a 404.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from ressort.approaches import reuse as approach_reuse
from ressort.approaches.models import Approach
from ressort.workshops.kinds import REGISTRY
from ressort.workshops.kinds.base import Copies
from ressort.workshops.models import Activity, Workshop


@dataclass(frozen=True, slots=True)
class Copied:
    workshops: tuple[Workshop, ...]
    activities: int
    notes: tuple[str, ...]  # what was left out, one sentence each, naming the activity


def sources_for(user: Any, besides: Approach) -> QuerySet[Approach]:
    """The other démarches whose workshops a user may copy (`approaches.reuse.sources_for`:
    wholly a member, with the right to contribute)."""
    return approach_reuse.sources_for(user).exclude(pk=besides.pk)


def versions_of_copied_grids(grids: dict[int, Any]) -> dict[int, int]:
    """Every version of each source grid → the current version of its copy (the copy is
    made from the current version, with the same question codes)."""
    from ressort.frameworks.models import FrameworkVersion

    current = {
        source: version.pk
        for source, copy in grids.items()
        if (version := copy.current_version()) is not None
    }
    return {
        pk: current[framework]
        for pk, framework in FrameworkVersion.objects.filter(
            framework_id__in=list(current)
        ).values_list("pk", "framework_id")
    }


@transaction.atomic
def copy_workshops(
    workshops: Iterable[Workshop], target: Approach, user: Any, copies: Copies | None = None
) -> Copied:
    copies = copies or Copies()
    made: list[Workshop] = []
    rows: list[Activity] = []
    notes: list[str] = []
    for source in workshops:
        if source.approach_id == target.pk:  # pragma: no cover - the callers never ask it
            raise ValueError("Un atelier se reprend dans une autre démarche.")
        copy = Workshop(
            approach=target,
            title=source.title,
            mode=source.mode,
            ask_category=source.ask_category,
            categories=source.categories,
            created_by=user,
        )
        copy.code_expires_at = copy.default_expiry()
        copy.save()
        made.append(copy)
        for activity in source.activities.order_by("order", "pk"):
            kind = REGISTRY.get(activity.kind)
            if kind is None:
                notes.append(
                    f"Atelier «\u00a0{source.title}\u00a0», activité «\u00a0{activity.title}"
                    "\u00a0»\u00a0: type d'activité inconnu, non reprise."
                )
                continue
            template = kind.as_template(activity.config, copies)
            rows.append(
                Activity(
                    workshop=copy,
                    kind=activity.kind,
                    title=activity.title,
                    config=template.config,
                    order=activity.order,
                )
            )
            notes += [
                f"Atelier «\u00a0{source.title}\u00a0», activité «\u00a0{activity.title}"
                f"\u00a0»\u00a0: {note}"
                for note in template.notes
            ]
    Activity.objects.bulk_create(rows)
    return Copied(tuple(made), len(rows), tuple(notes))
