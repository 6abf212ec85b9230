"""Where a démarche stands: each step's checklist computed from its content.

A step is done when its checklist is complete or when the team closed it by hand (with a
reason); under way when something of it is done; to come otherwise. What each item counts
is read here once; the minimums per depth are data (data/method/offre.yaml, `thresholds`).
The other apps' models are looked up by name: they depend on this one, not the reverse.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.apps import apps
from django.db.models import Count
from django.urls import reverse

from ressort.analysis.typography import agree, plural
from ressort.approaches.method import STEP_BY_CODE, Step
from ressort.approaches.models import Approach, MethodStep, StepStatus
from ressort.approaches.offer import load_offer
from ressort.web import freshness, kept


@dataclass(frozen=True, slots=True)
class Check:
    label: str
    done: bool
    url_name: str  # where to do it, a page of the démarche
    slug: str
    detail: str = ""  # what was counted: « 4 dimensions renseignées »

    @property
    def url(self) -> str:
        return reverse(self.url_name, args=[self.slug])


@dataclass(frozen=True, slots=True)
class StepProgress:
    method_step: MethodStep
    step: Step
    checks: tuple[Check, ...]
    status: str  # a StepStatus value
    late: bool  # the planned end is past and the step is not done

    @property
    def code(self) -> str:
        return self.step.code

    @property
    def done_count(self) -> int:
        return sum(1 for c in self.checks if c.done)

    @property
    def status_label(self) -> str:
        return StepStatus(self.status).label

    @property
    def closed_by_hand(self) -> bool:
        return bool(self.method_step.closed_reason)

    @property
    def next_check(self) -> Check | None:
        return next((c for c in self.checks if not c.done), None)


@dataclass(slots=True)
class Facts:
    """What the checklists count in one démarche."""

    exercises: int = 0
    self_assessments: int = 0
    dimensions: int = 0
    scoring_sessions: int = 0
    testimonies: int = 0
    uncoded: int = 0
    exported: set[str] = field(default_factory=set)
    vision: bool = False
    scenarios: int = 0
    actions: int = 0
    evaluated: bool = False
    axes: int = 0
    trajectories: int = 0
    meetings: int = 0
    evaluations: int = 0


def _model(label: str) -> Any:
    return apps.get_model(label)


def _counts(label: str, ids: list[int], **lookup: Any) -> dict[int, int]:
    model = _model(label)
    path = getattr(model, "demarche_path", "approach")
    rows = (
        model._default_manager.filter(**{f"{path}__in": ids}, **lookup)
        .order_by()
        .values(path)
        .annotate(n=Count("pk"))
        .values_list(path, "n")
    )
    return dict(rows)


def _dimensions(ids: list[int]) -> dict[int, int]:
    dims: dict[int, set[str]] = {}
    for pk, codes in (
        _model("portrait.Indicator")
        .objects.filter(approach__in=ids)
        .values_list("approach_id", "dimension_codes")
    ):
        dims.setdefault(pk, set()).update(codes or [])
    return {pk: len(codes) for pk, codes in dims.items()}


def _uncoded(ids: list[int]) -> dict[int, int]:
    coded = (
        _model("fieldwork.Quote")
        .objects.filter(testimony__approach__in=ids)
        .exclude(dimensions=[])
        .values("testimony_id")
    )
    return dict(
        _model("fieldwork.Testimony")
        .objects.filter(approach__in=ids)
        .exclude(pk__in=coded)
        .order_by()
        .values("approach")
        .annotate(n=Count("pk"))
        .values_list("approach", "n")
    )


def _exported(ids: list[int]) -> dict[int, set[str]]:
    kinds: dict[int, set[str]] = {}
    for pk, kind in (
        _model("documents.DocumentJob")
        .objects.filter(approach__in=ids, state="pret")
        .values_list("approach_id", "kind")
        .distinct()
    ):
        kinds.setdefault(pk, set()).add(kind)
    return kinds


def _vision(ids: list[int]) -> dict[int, bool]:
    written = _model("systems.Vision").objects.filter(approach__in=ids).exclude(text="")
    return dict.fromkeys(written.values_list("approach_id", flat=True), True)


def _evaluated(ids: list[int]) -> dict[int, bool]:
    evaluated = _model("actions.Evaluation").objects.filter(action__approach__in=ids)
    return dict.fromkeys(evaluated.values_list("action__approach_id", flat=True), True)


def _counter(label: str) -> Callable[[list[int]], dict[int, int]]:
    return lambda ids: _counts(label, ids)


# Each fact of Facts, counted for many démarches in one query.
FACT_QUERIES: dict[str, Callable[[list[int]], dict[int, Any]]] = {
    "exercises": _counter("frameworks.PriorityExercise"),
    "self_assessments": _counter("frameworks.SelfAssessment"),
    "dimensions": _dimensions,
    "scoring_sessions": _counter("portrait.ScoringSession"),
    "testimonies": _counter("fieldwork.Testimony"),
    "uncoded": _uncoded,
    "exported": _exported,
    "vision": _vision,
    "scenarios": _counter("systems.Scenario"),
    "actions": _counter("actions.Action"),
    "evaluated": _evaluated,
    "axes": _counter("strategy.Axis"),
    "trajectories": _counter("monitoring.Trajectory"),
    "meetings": _counter("monitoring.Meeting"),
    "evaluations": _counter("monitoring.Evaluation"),
}


def gather(ids: list[int], skip: frozenset[str] = frozenset()) -> dict[int, Facts]:
    """The facts of many démarches in a fixed number of queries (one per kind of content);
    those named in `skip` are left at their default."""
    facts = {pk: Facts() for pk in ids}
    for name, query in FACT_QUERIES.items():
        if name in skip:
            continue
        for pk, value in query(ids).items():
            setattr(facts[pk], name, value)
    return facts


class LazyFacts:
    """One démarche's facts, each counted when a checklist first reads it: a step's page
    draws only its own step's checklist, which reads two or three of them."""

    def __init__(self, pk: int) -> None:
        self._pk = pk
        self._known: dict[str, Any] = {}

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or name not in FACT_QUERIES:
            raise AttributeError(name)
        if name not in self._known:
            found = FACT_QUERIES[name]([self._pk])
            self._known[name] = found.get(self._pk, getattr(Facts(), name))
        return self._known[name]


def checks_for(facts: Facts | LazyFacts, code: str, depth: str, slug: str) -> tuple[Check, ...]:
    """A step's checklist at its depth, from the démarche's facts."""
    minimum = load_offer().thresholds[depth]
    deep = depth != "leger"
    f = facts
    found: list[Check] = []

    def check(label: str, done: bool, url_name: str, detail: str = "") -> None:
        found.append(Check(label, done, url_name, slug, detail))

    if code == "1":
        check(
            "Un exercice d'appropriation des référentiels", f.exercises > 0, "grids:appropriation"
        )
        if deep:
            check(
                "L'auto-évaluation des conditions de réussite",
                f.self_assessments > 0,
                "grids:conditions",
            )
    elif code == "2":
        need = minimum["dimensions"]
        check(
            f"Des indicateurs dans au moins {need} dimensions",
            f.dimensions >= need,
            "portrait:indicators",
            f"{plural(f.dimensions, 'dimension')} {agree(f.dimensions, 'renseignée')}",
        )
        check("Au moins une séance de cotation", f.scoring_sessions > 0, "portrait:sessions")
        need = minimum["testimonies"]
        check(
            f"Au moins {need} témoignages, tous codés",
            f.testimonies >= need and f.uncoded == 0,
            "fieldwork:testimony_list",
            f"{plural(f.testimonies, 'témoignage')}, {f.uncoded} à coder",
        )
        check("Un portrait exporté", "portrait" in f.exported, "portrait:portrait")
    elif code == "3A":
        check("Une vision partagée rédigée", f.vision, "systems:vision")
        if deep:
            check("Au moins un scénario prospectif", f.scenarios > 0, "systems:scenarios")
    elif code == "3B":
        need = minimum["actions"]
        check(
            f"Au moins {need} actions",
            f.actions >= need,
            "actions:action_list",
            plural(f.actions, "action"),
        )
        check("Des actions évaluées au regard de la résilience", f.evaluated, "actions:action_list")
        check("Des axes de stratégie", f.axes > 0, "strategy:overview")
        check("Une stratégie exportée", "strategie" in f.exported, "strategy:overview")
    elif code == "3C":
        check("Une trajectoire suivie", f.trajectories > 0, "monitoring:trajectory_list")
        check("Un comité de pilotage tenu", f.meetings > 0, "monitoring:meeting_list")
        if depth == "approfondi":
            check("Une évaluation", f.evaluations > 0, "monitoring:evaluation_list")
    return tuple(found)


def status_of(method_step: MethodStep, checks: tuple[Check, ...]) -> str:
    if method_step.closed_reason or (checks and all(c.done for c in checks)):
        return StepStatus.DONE
    if any(c.done for c in checks):
        return StepStatus.ONGOING
    return StepStatus.TODO


# Facts read afresh on every page: a document finished in the background raises no version
# of the démarche (ressort.web.freshness ignores the documents' rows), so a kept page that
# shows them is served again only while they are the same (ressort.web.kept).
UNVERSIONED = frozenset({"exported"})
kept.register_value("exported", lambda approach: _exported([approach.pk]).get(approach.pk, set()))


class KeptFacts(LazyFacts):
    """A démarche's facts, each counted once per version of the démarche
    (ressort.web.freshness): every page of a step draws its guide from two or three of
    them, the home and the journey page from all."""

    def __init__(self, approach: Approach) -> None:
        super().__init__(approach.pk)
        self._approach = approach

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or name not in FACT_QUERIES:
            raise AttributeError(name)
        if name in UNVERSIONED:
            if name not in self._known:
                self._known[name] = kept.varying(self._approach, name)
            return self._known[name]
        if name not in self._known:
            self._known[name] = freshness.cached(
                self._approach, f"fait-{name}", lambda: LazyFacts(self._pk).__getattr__(name)
            )
        return self._known[name]


def known(approach: Approach) -> tuple[list[MethodStep], KeptFacts]:
    """The démarche's steps and facts, kept under its version."""
    steps = freshness.cached(approach, "etapes", lambda: list(approach.steps.all()))
    return steps, KeptFacts(approach)


def progress(approach: Approach, today: date | None = None) -> list[StepProgress]:
    """Every step of the démarche, its checklist, status and lateness."""
    steps, facts = known(approach)
    return steps_of(approach.slug, steps, facts, today)


def steps_of(
    slug: str, method_steps: list[MethodStep], facts: Facts | LazyFacts, today: date | None = None
) -> list[StepProgress]:
    return [_one(slug, s, facts, today) for s in method_steps]


def next_of(steps: list[StepProgress]) -> StepProgress | None:
    """The first step not done: where the démarche goes next."""
    return next((s for s in steps if s.status != StepStatus.DONE), None)


@dataclass(frozen=True, slots=True)
class Guide:
    """What a page of one step says: where this step is, and what comes next."""

    here: StepProgress
    following: StepProgress | None  # the next step, when this one is done

    @property
    def next_check(self) -> Check | None:
        if self.here.next_check is not None:
            return self.here.next_check
        return self.following.next_check if self.following else None


def guide(approach: Approach, code: str) -> Guide | None:
    """The guide of one step's pages (its checklist only, and the next step's if done)."""
    steps, facts = known(approach)
    for i, method_step in enumerate(steps):
        if method_step.code != code:
            continue
        here = _one(approach.slug, method_step, facts)
        following = None
        if here.status == StepStatus.DONE:
            following = next(
                (
                    p
                    for p in (_one(approach.slug, s, facts) for s in steps[i + 1 :])
                    if p.status != StepStatus.DONE
                ),
                None,
            )
        return Guide(here, following)
    return None


def _one(
    slug: str, method_step: MethodStep, facts: Facts | LazyFacts, today: date | None = None
) -> StepProgress:
    checks = checks_for(facts, method_step.code, method_step.depth, slug)
    status = status_of(method_step, checks)
    late = bool(
        status != StepStatus.DONE
        and method_step.end_date
        and method_step.end_date < (today or date.today())
    )
    return StepProgress(method_step, STEP_BY_CODE[method_step.code], checks, status, late)
