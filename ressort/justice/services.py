"""The justice brique's pages ask here: groups with sizes, the plan's justice view,
participation against the population, acceptability per group. The arithmetic is
ressort.analysis.justice's."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, F, Sum

from ressort.analysis import justice as rule
from ressort.approaches.models import Approach
from ressort.justice.catalogue import Outreach
from ressort.justice.catalogue import load as catalogue
from ressort.justice.models import (
    AcceptabilityAnswer,
    Dimension,
    DistributiveEffect,
    Participation,
    PopulationGroup,
    Remedy,
)

MODULE = "transition-juste"


# What makes two rows « the same people giving the same answers »: rows alike on these
# fields are one row with a count.
IDENTITY = {
    Participation: ("event", "age_group", "commune", "category"),
    AcceptabilityAnswer: ("consultation", "action", "group", "acceptable", "affordable"),
}


def add_participations(approach: Approach, row: Participation) -> int:
    """Adds `row.count` people to the identical participations already recorded (same event,
    age band, commune and category) or records them; returns how many were added."""
    return _merge(approach, row)


def add_answers(approach: Approach, row: AcceptabilityAnswer) -> int:
    """Adds `row.count` identical acceptability answers, as `add_participations` does."""
    return _merge(approach, row)


def _merge(approach: Approach, row: Participation | AcceptabilityAnswer) -> int:
    model = type(row)
    alike = {name: getattr(row, name) for name in IDENTITY[model]}
    with transaction.atomic():
        existing = (
            model.objects.filter(approach=approach, **alike)
            .select_for_update()
            .order_by("pk")
            .first()
        )
        if existing is None:
            row.approach = approach
            row.save()
        else:
            model.objects.filter(pk=existing.pk).update(count=F("count") + row.count)
    return row.count


def groups_of(approach: Approach) -> list[PopulationGroup]:
    """The groups, each with `total` (its size summed over the communes, None if unknown)."""
    return list(
        PopulationGroup.objects.filter(approach=approach)
        .annotate(total=Sum("sizes__count"), communes=Count("sizes"))
        .order_by("dimension", "name")
    )


@dataclass(frozen=True, slots=True)
class FlagRow:
    flag: rule.Flag
    action_pk: int
    group_pk: int
    remedies: list[Remedy]  # adopted for this action (this group's, or the action's)


@dataclass(frozen=True, slots=True)
class JusticeView:
    balances: list[rule.GroupBalance]
    effects: list[DistributiveEffect]
    flags: list[FlagRow]
    acceptability: dict[str, list[rule.Acceptability]]  # by action title


def justice_view(approach: Approach) -> JusticeView:
    groups = groups_of(approach)
    effects = list(
        DistributiveEffect.objects.filter(action__approach=approach).select_related(
            "action", "group"
        )
    )
    analysed = [
        rule.GroupEffect(
            e.action.title, e.group.name, e.gain, e.cost, e.exclusion, rule.Confidence(e.confidence)
        )
        for e in effects
    ]
    plain = [rule.Group(g.name, g.vulnerable, g.total) for g in groups]
    pks = {(e.action.title, e.group.name): (e.action_id, e.group_id) for e in effects}
    remedies = list(Remedy.objects.filter(action__approach=approach).select_related("group"))
    flags = []
    for flag in rule.regressive_flags(plain, analysed):
        action_pk, group_pk = pks[flag.action, flag.group]
        mine = [r for r in remedies if r.action_id == action_pk and r.group_id in (group_pk, None)]
        flags.append(FlagRow(flag, action_pk, group_pk, mine))
    answers = AcceptabilityAnswer.objects.filter(approach=approach).select_related(
        "action", "group"
    )
    by_action: dict[str, list[rule.Acceptability]] = {}
    for row in rule.acceptability(
        (
            a.action.title,
            a.group.name if a.group else "Sans groupe déclaré",
            a.acceptable,
            a.affordable,
            a.count,
        )
        for a in answers
    ):
        by_action.setdefault(row.action, []).append(row)
    return JusticeView(rule.portfolio_justice(plain, analysed), effects, flags, by_action)


@dataclass(frozen=True, slots=True)
class Gap:
    row: rule.Representation
    outreach: Outreach | None


@dataclass(frozen=True, slots=True)
class ParticipationView:
    total: int
    events: list[tuple[str, int]]
    by_age: list[Gap]
    by_commune: list[Gap]
    by_category: list[tuple[str, int]]
    unanswered_age: int
    unanswered_commune: int


def _age_outreach(name: str) -> str:
    """The outreach for an age band, by the first age in its name (« 60 à 74 ans » → 60)."""
    found = re.search(r"\d+", name)
    first = int(found.group()) if found else 30
    if first < 30:
        return "age-jeunes"
    if first >= 60:
        return "age-ages"
    return "age-actifs"


def participation_view(approach: Approach) -> ParticipationView:
    rows = list(
        Participation.objects.filter(approach=approach).select_related(
            "age_group", "commune", "category"
        )
    )
    outreach = catalogue().outreach
    ages = [g for g in groups_of(approach) if g.dimension == Dimension.AGE and g.total]
    age_people = {g.name: g.total or 0 for g in ages}
    age_counts: dict[str, int] = {}
    for r in rows:
        if r.age_group and r.age_group.name in age_people:
            age_counts[r.age_group.name] = age_counts.get(r.age_group.name, 0) + r.count
    by_age = (
        [
            Gap(row, outreach.get(_age_outreach(row.category)) if row.under_represented else None)
            for row in rule.representation(age_people, age_counts)
        ]
        if age_people
        else []
    )
    communes = {c.name: c.population or 0 for c in approach.communes.all()}
    commune_counts: dict[str, int] = {}
    for r in rows:
        if r.commune and r.commune.name in communes:
            commune_counts[r.commune.name] = commune_counts.get(r.commune.name, 0) + r.count
    by_commune = (
        [
            Gap(row, outreach.get("commune") if row.under_represented else None)
            for row in rule.representation(communes, commune_counts)
        ]
        if communes
        else []
    )
    events: dict[str, int] = {}
    categories: dict[str, int] = {}
    for r in rows:
        events[r.event] = events.get(r.event, 0) + r.count
        if r.category:
            categories[r.category.name] = categories.get(r.category.name, 0) + r.count
    return ParticipationView(
        total=sum(r.count for r in rows),
        events=sorted(events.items()),
        by_age=by_age,
        by_commune=by_commune,
        by_category=sorted(categories.items()),
        unanswered_age=sum(r.count for r in rows if not r.age_group_id),
        unanswered_commune=sum(r.count for r in rows if not r.commune_id),
    )
