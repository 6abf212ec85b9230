"""The monitoring dashboard: indicators against their trajectories, actions late or over
budget, and what changed since the last steering meeting.

Action progress comes from the strategy app (`strategy.services.action_progress`); the
history of changes from django-simple-history records (the strategy's, this app's).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.utils import timezone

from ressort.approaches.models import Approach
from ressort.monitoring import tracking
from ressort.monitoring.models import Decision, Meeting, Trajectory


def action_rows(approach: Approach, today: date | None = None) -> list[dict[str, Any]]:
    """The action sheets' progress, from the strategy app."""
    from ressort.strategy import services as strategy

    return strategy.action_progress(approach, today)


@dataclass
class ActionSummary:
    total: int = 0
    by_status: Counter[str] = field(default_factory=Counter)
    late: list[dict[str, Any]] = field(default_factory=list)
    over_budget: list[dict[str, Any]] = field(default_factory=list)
    planned: Decimal = Decimal(0)
    spent: Decimal = Decimal(0)
    done: int = 0
    abandoned: int = 0

    @property
    def realisation_rate(self) -> float | None:
        """Share of the actions kept in the plan (not abandoned) that are done, in %."""
        kept = self.total - self.abandoned
        return round(self.done / kept * 100, 1) if kept else None

    @property
    def spending_rate(self) -> float | None:
        return round(float(self.spent / self.planned * 100), 1) if self.planned else None


def summarise_actions(rows: list[dict[str, Any]]) -> ActionSummary:
    summary = ActionSummary(total=len(rows))
    for row in rows:
        summary.by_status[row["status"]] += 1
        summary.planned += Decimal(row["planned"] or 0)
        summary.spent += Decimal(row["spent"] or 0)
        if row["late"]:
            summary.late.append(row)
        if row["over_budget"]:
            summary.over_budget.append(row)
    summary.done = summary.by_status.get("realisee", 0)
    summary.abandoned = summary.by_status.get("abandonnee", 0)
    summary.late.sort(key=lambda r: (r["end"] or date.max, r["action"].title))
    summary.over_budget.sort(key=lambda r: r["planned"] - r["spent"])
    return summary


def last_meeting(approach: Approach, today: date) -> Meeting | None:
    return approach.meetings.filter(date__lte=today).order_by("-date", "-pk").first()


@dataclass
class Changes:
    since: date | None
    strategy: list[Any]  # strategy.history.Entry items
    new_values: int
    trajectories: list[Any]
    decisions: list[Decision]


def changes_since(approach: Approach, since: date | None, limit: int = 10) -> Changes:
    """What changed after the day of `since` (the last meeting); everything if None."""
    start = timezone.make_aware(datetime.combine(since, time.max)) if since is not None else None
    from ressort.portrait.models import IndicatorValue
    from ressort.strategy import history as strategy_history

    def after(kind: Any, qs: Any) -> Any:
        if kind.key in SHOWN_APART:
            return None
        return qs.filter(history_date__gt=start) if start is not None else qs

    entries = strategy_history.entries(approach, limit=limit, only=after)

    values = IndicatorValue.objects.filter(indicator__approach=approach)
    trajectories = Trajectory.history.filter(approach_id=approach.pk)  # type: ignore[attr-defined]
    decisions = Decision.objects.filter(approach=approach).select_related("meeting")
    if start is not None:
        values = values.filter(created_at__gt=start)
        trajectories = trajectories.filter(history_date__gt=start)
        decisions = decisions.filter(meeting__date__gte=since)
    return Changes(
        since=since,
        strategy=entries,
        new_values=values.count(),
        trajectories=list(
            trajectories.select_related("history_user").order_by("-history_date")[:limit]
        ),
        decisions=list(decisions.order_by("-meeting__date", "pk")[:limit]),
    )


# History kinds the "what changed" block counts or lists on their own (new values, trajectories,
# decisions), or that belong to the steering log itself.
SHOWN_APART = frozenset({"valeur", "trajectoire", "reunion", "decision"})


@dataclass
class Dashboard:
    today: date
    tracks: list[tracking.IndicatorTrack]
    track_counts: Counter[str]
    actions: ActionSummary
    last_meeting: Meeting | None
    changes: Changes


def build(approach: Approach, today: date | None = None) -> Dashboard:
    today = today or timezone.localdate()
    tracks = tracking.indicator_tracks(approach, with_trajectory_only=True)
    order = {"off_track": 0, "no_data": 1, "on_track": 2, "reached": 3}
    tracks.sort(key=lambda t: (order.get(t.status, 4), t.indicator.name))
    rows = action_rows(approach, today)
    meeting = last_meeting(approach, today)
    return Dashboard(
        today=today,
        tracks=tracks,
        track_counts=Counter(t.status for t in tracks),
        actions=summarise_actions(rows),
        last_meeting=meeting,
        changes=changes_since(approach, meeting.date if meeting else None),
    )
