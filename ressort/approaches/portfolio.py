"""The facilitator's portfolio: every démarche a person follows, where it stands.

Built for a team that follows hundreds of territories: a fixed number of queries whatever
the number of démarches (the checklists' facts are gathered in one query per kind of
content, see `progress.gather`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db.models import Max, Min, Sum

from ressort.approaches import progress
from ressort.approaches.access import Right, role_has
from ressort.approaches.models import (
    AccompanimentSession,
    Approach,
    ContractedDays,
    Membership,
    MethodStep,
    StepStatus,
)
from ressort.territories.models import Territory, TerritoryType
from ressort.web import freshness

LATE = "en_retard"
AWAITING = "a_adopter"
STATUS_FILTERS = (
    (StepStatus.TODO.value, "À venir"),
    (StepStatus.ONGOING.value, "En cours"),
    (StepStatus.DONE.value, "Terminée"),
    (LATE, "En retard"),
    (AWAITING, "Documents à adopter"),
)
# The deliverables an assembly adopts (documents.AdoptedVersion.Kind), in the method's order.
ADOPTABLE = ("portrait", "strategie", "evaluation", "recit")


@dataclass(frozen=True, slots=True)
class Row:
    membership: Membership
    steps: list[progress.StepProgress]
    region: str  # the région's code, "" if unknown
    next_session: date | None
    last_activity: date
    days_spent: Decimal
    days_contracted: Decimal | None
    follows: bool = True  # may see the accompaniment's days (Right.CONTRIBUTE)
    awaiting: tuple[str, ...] = ()  # deliverables drafted since their last adoption, if any

    @property
    def approach(self) -> Approach:
        return self.membership.approach

    @property
    def current(self) -> progress.StepProgress | None:
        return progress.next_of(self.steps)

    @property
    def late(self) -> list[progress.StepProgress]:
        return [s for s in self.steps if s.late]

    @property
    def checks_done(self) -> int:
        return sum(s.done_count for s in self.steps)

    @property
    def checks_total(self) -> int:
        return sum(len(s.checks) for s in self.steps)

    @property
    def percent(self) -> int:
        total = self.checks_total
        return round(self.checks_done * 100 / total) if total else 0

    @property
    def status(self) -> str:
        if all(s.status == StepStatus.DONE for s in self.steps):
            return StepStatus.DONE
        if any(s.status != StepStatus.TODO for s in self.steps):
            return StepStatus.ONGOING
        return StepStatus.TODO

    @property
    def status_label(self) -> str:
        return StepStatus(self.status).label


def rows_for(user: Any, today: date | None = None) -> list[Row]:
    """Every démarche the user is a member of, with its progress and its follow-up."""
    today = today or date.today()
    memberships = list(
        Membership.objects.filter(user=user)
        .select_related("approach", "approach__territory")
        .order_by("approach__name")
    )
    ids = [m.approach_id for m in memberships]
    # Kept under the versions of the démarches (ressort.web.freshness), and the day.
    facts, steps, upcoming, held, contracted, custom_regions = freshness.cached_for(
        ids, "portefeuille", lambda: _followed(ids, today), today.isoformat()
    )
    for pk, kinds in progress.FACT_QUERIES["exported"](ids).items():  # read afresh
        facts[pk].exported = kinds
    waiting = awaiting_adoption(ids)
    rows = []
    for m in memberships:
        approach = m.approach
        territory = approach.territory
        if territory is None:
            region = custom_regions.get(approach.pk) or ""
        elif territory.type == TerritoryType.REGION:
            region = territory.code
        else:
            region = territory.region_code or ""
        last = approach.updated_at.date()
        # The days contracted and spent are on the accompaniment page, for contributors only:
        # a partner does not read them here either (the sessions' dates are on the calendar).
        follows = role_has(m.role, Right.CONTRIBUTE)
        session_info = held.get(approach.pk)
        if session_info and session_info["last"] > last:
            last = session_info["last"]
        rows.append(
            Row(
                membership=m,
                steps=progress.steps_of(
                    approach.slug, steps[approach.pk], facts[approach.pk], today
                ),
                region=region,
                next_session=upcoming.get(approach.pk),
                last_activity=last,
                days_spent=session_info["days"] if session_info and follows else Decimal(0),
                days_contracted=contracted.get(approach.pk) if follows else None,
                follows=follows,
                awaiting=waiting.get(approach.pk, ()),
            )
        )
    return rows


def _followed(ids: list[int], today: date) -> tuple[Any, ...]:
    """What the rows show of the démarches' own data (their versions follow it)."""
    facts = progress.gather(ids, skip=progress.UNVERSIONED)
    steps: dict[int, list[MethodStep]] = {pk: [] for pk in ids}
    for step in MethodStep.objects.filter(approach__in=ids).order_by("approach", "code"):
        steps[step.approach_id].append(step)
    sessions = AccompanimentSession.objects.filter(approach__in=ids).order_by()
    upcoming = dict(
        sessions.filter(held_on__gt=today)
        .values("approach")
        .annotate(d=Min("held_on"))
        .values_list("approach", "d")
    )
    held = {
        row["approach"]: row
        for row in sessions.filter(held_on__lte=today)
        .values("approach")
        .annotate(last=Max("held_on"), days=Sum("days_spent"))
    }
    contracted = dict(
        ContractedDays.objects.filter(approach__in=ids)
        .order_by()
        .values("approach")
        .annotate(days=Sum("days"))
        .values_list("approach", "days")
    )
    custom_regions = dict(
        Approach.communes.through.objects.filter(approach__in=ids, approach__territory=None)
        .values_list("approach_id", "territory__region_code")
        .distinct()
    )
    return facts, steps, upcoming, held, contracted, custom_regions


def awaiting_adoption(ids: list[int]) -> dict[int, tuple[str, ...]]:
    """Per démarche, the deliverables awaiting adoption: a document was produced (portrait,
    strategy, evaluation, story) and never adopted, or produced again since its last adopted
    version. Two queries whatever the number of démarches."""
    job_model = apps.get_model("documents", "DocumentJob")
    adopted_model = apps.get_model("documents", "AdoptedVersion")
    adopted = {
        (row["approach"], row["kind"], row["target"]): row["last"]
        for row in adopted_model.objects.filter(approach__in=ids)
        .order_by()
        .values("approach", "kind", "target")
        .annotate(last=Max("created_at"))
    }
    labels = dict(adopted_model.Kind.choices)
    found: dict[int, set[str]] = {}
    drafts = (
        job_model.objects.filter(approach__in=ids, kind__in=ADOPTABLE, state=job_model.State.DONE)
        .order_by()
        .values("approach", "kind", "target")
        .annotate(last=Max("created_at"))
    )
    for row in drafts:
        last_adopted = adopted.get((row["approach"], row["kind"], row["target"]))
        if last_adopted is None or row["last"] > last_adopted:
            found.setdefault(row["approach"], set()).add(row["kind"])
    return {
        pk: tuple(str(labels[kind]) for kind in ADOPTABLE if kind in kinds)
        for pk, kinds in found.items()
    }


def region_names(codes: set[str]) -> list[tuple[str, str]]:
    return list(
        Territory.objects.filter(type=TerritoryType.REGION, code__in=codes, is_current=True)
        .order_by("name")
        .values_list("code", "name")
    )


def keep(row: Row, *, region: str, module: str, status: str, query: str) -> bool:
    if query and query.casefold() not in row.approach.name.casefold():
        return False
    if region and row.region != region:
        return False
    if module and module not in row.approach.modules:
        return False
    if status == LATE:
        return bool(row.late)
    if status == AWAITING:
        return bool(row.awaiting)
    return not status or row.status == status
