"""Start a démarche from another's reusable parts (issue 18, « the facilitator's portfolio »).

What a team builds once and may reuse elsewhere is method, not territory: the briques and
depths chosen, the calendar's shape, the co-built grids and their questions, the list of
indicators followed, the prioritisation criteria, the workshops as templates. Each part is
copied without any of the source's people or data: no member, author, value, score,
answer, participant, target or date of its own; the copies are the new démarche's
creator's. The source is only read.

The other apps' models are looked up by name (as in `progress`): they depend on this app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.apps import apps
from django.db import transaction
from django.db.models import QuerySet

from ressort.approaches.access import RIGHTS, Right
from ressort.approaches.models import Approach, Membership, MethodStep


@dataclass
class Copying:
    """One reuse under way: what it copies from and into, and what the parts copied so far
    made, for the later parts' references (a workshop's grid → the grid's copy)."""

    source: Approach
    target: Approach
    user: Any
    start: date
    grids: dict[int, Any] = field(default_factory=dict)  # source grid's id → its copy
    notes: list[str] = field(default_factory=list)  # what was left out, for the user


@dataclass(frozen=True, slots=True)
class Copied:
    counts: dict[str, int]  # part's code → how many things it copied
    notes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Part:
    code: str
    label: str
    copy: Callable[[Copying], int]  # returns how many things copied


def sources_for(user: Any) -> QuerySet[Approach]:
    """The démarches a user may copy from: those they are a member of, wholly (a partner
    limited to some parts does not see the rest), with the right to contribute."""
    if not getattr(user, "is_authenticated", False):
        return Approach.objects.none()
    memberships = Membership.objects.filter(
        user=user, scope=[], role__in=[str(role) for role in RIGHTS[Right.CONTRIBUTE]]
    )
    return Approach.objects.filter(pk__in=memberships.values("approach")).order_by("name")


def _contract(c: Copying) -> int:
    source, target = c.source, c.target
    target.modules = list(source.modules)
    target.save(update_fields=["modules"])
    depths = dict(source.steps.values_list("code", "depth"))
    steps = list(target.steps.all())
    for step in steps:
        step.depth = depths.get(step.code, step.depth)
    MethodStep.objects.bulk_update(steps, ["depth"])
    return len(target.modules) + len(steps)


def _calendar(c: Copying) -> int:
    """The steps' planned lengths and gaps, moved so that the first starts on `start`."""
    source, target, start = c.source, c.target, c.start
    planned = {s.code: s for s in source.steps.all()}
    first = min((s.start_date for s in planned.values() if s.start_date), default=None)
    if first is None:
        return 0
    shift = start - first
    steps = list(target.steps.all())
    copied = 0
    for step in steps:
        model = planned.get(step.code)
        if model is None:
            continue
        step.start_date = model.start_date + shift if model.start_date else None
        step.end_date = model.end_date + shift if model.end_date else None
        copied += 1
    MethodStep.objects.bulk_update(steps, ["start_date", "end_date"])
    return copied


def _grids(c: Copying) -> int:
    from ressort.frameworks import services as grids  # frameworks depends on approaches

    source, target = c.source, c.target
    framework = apps.get_model("frameworks", "Framework")
    copies = {
        grid.pk: grids.copy_grid(grid, target, c.user)
        for grid in framework.objects.filter(approach=source).order_by("pk")
    }
    c.grids.update(copies)
    choice_model = apps.get_model("actions", "GridChoice")
    choice = choice_model.objects.filter(approach=source).first()
    if choice and choice.grid_id in copies:
        choice_model.objects.create(approach=target, grid=copies[choice.grid_id])
    return len(copies)


INDICATOR_FIELDS = (
    "code",
    "name",
    "unit",
    "source",
    "source_url",
    "direction",
    "social_floor",
    "ecological_ceiling",
    "preindustrial",
    "dimension_codes",
    "description",
    "catalogue_code",
    "threshold_source",
    "level",
    "aggregation",
    "update_rhythm",
)


def _indicators(c: Copying) -> int:
    """The indicators' definitions and reference thresholds; never their values, the year
    of the source's data, nor the target the source's authority set itself."""
    source, target, user = c.source, c.target, c.user
    model = apps.get_model("portrait", "Indicator")
    taken = set(model.objects.filter(approach=target).values_list("code", flat=True))
    rows = [
        model(approach=target, created_by=user, **{f: getattr(i, f) for f in INDICATOR_FIELDS})
        for i in model.objects.filter(approach=source).order_by("pk")
        if i.code not in taken
    ]
    model.objects.bulk_create(rows)
    return len(rows)


CRITERION_FIELDS = ("name", "weight", "direction", "function", "q", "p", "s", "from_grid", "order")


def _criteria(c: Copying) -> int:
    """The prioritisation criteria and their settings; never the actions' values."""
    source, target = c.source, c.target
    model = apps.get_model("actions", "Criterion")
    rows = [
        model(approach=target, **{f: getattr(c, f) for f in CRITERION_FIELDS})
        for c in model.objects.filter(approach=source).order_by("order", "pk")
    ]
    model.objects.bulk_create(rows)
    return len(rows)


def _workshops(c: Copying) -> int:
    """The workshops as templates (ressort.workshops.reuse): their activities and questions,
    pointing at the grids copied just before; never participants, answers, codes or dates."""
    from ressort.workshops import reuse as workshops  # workshops depends on approaches
    from ressort.workshops.kinds.base import Copies

    model = apps.get_model("workshops", "Workshop")
    copied = workshops.copy_workshops(
        model.objects.filter(approach=c.source).order_by("created_at", "pk"),
        c.target,
        c.user,
        Copies(versions=workshops.versions_of_copied_grids(c.grids)),
    )
    c.notes.extend(copied.notes)
    return len(copied.workshops)


PARTS: tuple[Part, ...] = (
    Part("briques", "Les briques activées et la profondeur de chaque étape", _contract),
    Part("calendrier", "Le calendrier type : durée et enchaînement des étapes", _calendar),
    Part("grilles", "Les grilles co-construites et leurs questions", _grids),
    Part("indicateurs", "La liste des indicateurs suivis (sans leurs valeurs)", _indicators),
    Part("criteres", "Les critères de priorisation des actions", _criteria),
    Part(
        "ateliers",
        "Les ateliers comme modèles\u00a0: leurs activités et questions (sans participant, "
        "réponse ni date)",
        _workshops,
    ),
)
# How the message after copying names what came (counted parts: singular, plural).
COUNTED = {
    "grilles": ("grille co-construite", "grilles co-construites"),
    "indicateurs": ("indicateur", "indicateurs"),
    "criteres": ("critère de priorisation", "critères de priorisation"),
    "ateliers": ("atelier", "ateliers"),
}
FIXED = {"briques": "les briques et les profondeurs", "calendrier": "le calendrier type"}


def summary(copied: dict[str, int]) -> str:
    """« les briques et les profondeurs, 2 grilles co-construites, 0 indicateur »."""
    said = []
    for code, count in copied.items():
        if code in COUNTED:
            one, many = COUNTED[code]
            said.append(f"{count}\u00a0{one if count < 2 else many}")
        else:
            said.append(FIXED[code])
    return ", ".join(said)


def next_month(today: date | None = None) -> date:
    today = today or date.today()
    return (today.replace(day=1) + timedelta(days=32)).replace(day=1)


@transaction.atomic
def copy_parts(
    source: Approach, target: Approach, codes: list[str], user: Any, start: date | None = None
) -> Copied:
    """Copy the chosen parts of `source` into `target` (in the order of PARTS: the grids
    before the workshops that score them); how many things each part copied, and notes."""
    copying = Copying(source, target, user, start or next_month())
    counts = {part.code: part.copy(copying) for part in PARTS if part.code in codes}
    return Copied(counts, tuple(copying.notes))
