"""Where a démarche stands: each step's checklist computed from its content.

A step is done when its checklist is complete or when the team closed it by hand (with a
reason); under way when something of it is done; to come otherwise. What each item counts
is read here once; the minimums per depth are data (data/method/offre.yaml, `thresholds`).
The other apps' models are looked up by name: they depend on this one, not the reverse.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.apps import apps
from django.urls import reverse

from ressort.approaches.method import STEP_BY_CODE, Step
from ressort.approaches.models import Approach, MethodStep, StepStatus
from ressort.approaches.offer import load_offer


@dataclass(frozen=True, slots=True)
class Check:
    label: str
    done: bool
    url: str  # where to do it
    detail: str = ""  # what was counted: « 4 dimensions sur 6 »


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


def _model(label: str) -> type:
    return apps.get_model(label)


def _count(label: str, approach: Approach, **lookup: object) -> int:
    model = _model(label)
    path = getattr(model, "demarche_path", "approach")
    return int(model._default_manager.filter(**{path: approach}, **lookup).count())


def _url(name: str, approach: Approach) -> str:
    return reverse(name, args=[approach.slug])


def _exported(approach: Approach, kind: str) -> bool:
    job = _model("documents.DocumentJob")
    return bool(job.objects.filter(approach=approach, kind=kind, state="pret").exists())


def checks_for(approach: Approach, code: str, depth: str) -> tuple[Check, ...]:
    minimum = load_offer().thresholds[depth]
    deep = depth != "leger"
    found: list[Check] = []
    if code == "1":
        found.append(
            Check(
                "Un exercice d'appropriation des référentiels",
                _count("frameworks.PriorityExercise", approach) > 0,
                _url("grids:appropriation", approach),
            )
        )
        if deep:
            found.append(
                Check(
                    "L'auto-évaluation des conditions de réussite",
                    _count("frameworks.SelfAssessment", approach) > 0,
                    _url("grids:conditions", approach),
                )
            )
    elif code == "2":
        codes: set[str] = set()
        indicator = _model("portrait.Indicator")
        for dims in indicator.objects.filter(approach=approach).values_list(
            "dimension_codes", flat=True
        ):
            codes.update(dims or [])
        need = minimum["dimensions"]
        found.append(
            Check(
                f"Des indicateurs dans au moins {need} dimensions",
                len(codes) >= need,
                _url("portrait:indicators", approach),
                f"{len(codes)} dimension{'s' if len(codes) > 1 else ''} renseignée"
                f"{'s' if len(codes) > 1 else ''}",
            )
        )
        found.append(
            Check(
                "Au moins une séance de cotation",
                _count("portrait.ScoringSession", approach) > 0,
                _url("portrait:sessions", approach),
            )
        )
        testimonies = _model("fieldwork.Testimony").objects.filter(approach=approach)
        coded = (
            _model("fieldwork.Quote")
            .objects.filter(testimony__approach=approach)
            .exclude(dimensions=[])
            .values("testimony_id")
        )
        total = testimonies.count()
        uncoded = testimonies.exclude(pk__in=coded).count()
        need = minimum["testimonies"]
        found.append(
            Check(
                f"Au moins {need} témoignages, tous codés",
                total >= need and uncoded == 0,
                _url("fieldwork:testimony_list", approach),
                f"{total} témoignage{'s' if total > 1 else ''}, {uncoded} à coder",
            )
        )
        found.append(
            Check(
                "Un portrait exporté",
                _exported(approach, "portrait"),
                _url("portrait:portrait", approach),
            )
        )
    elif code == "3A":
        vision = _model("systems.Vision")
        found.append(
            Check(
                "Une vision partagée rédigée",
                vision.objects.filter(approach=approach).exclude(text="").exists(),
                _url("systems:vision", approach),
            )
        )
        if deep:
            found.append(
                Check(
                    "Au moins un scénario prospectif",
                    _count("systems.Scenario", approach) > 0,
                    _url("systems:scenarios", approach),
                )
            )
    elif code == "3B":
        actions = _count("actions.Action", approach)
        need = minimum["actions"]
        found.append(
            Check(
                f"Au moins {need} actions",
                actions >= need,
                _url("actions:action_list", approach),
                f"{actions} action{'s' if actions > 1 else ''}",
            )
        )
        evaluation = _model("actions.Evaluation")
        found.append(
            Check(
                "Des actions évaluées au regard de la résilience",
                evaluation.objects.filter(action__approach=approach).exists(),
                _url("actions:action_list", approach),
            )
        )
        found.append(
            Check(
                "Des axes de stratégie",
                _count("strategy.Axis", approach) > 0,
                _url("strategy:overview", approach),
            )
        )
        found.append(
            Check(
                "Une stratégie exportée",
                _exported(approach, "strategie"),
                _url("strategy:overview", approach),
            )
        )
    elif code == "3C":
        found.append(
            Check(
                "Une trajectoire suivie",
                _count("monitoring.Trajectory", approach) > 0,
                _url("monitoring:trajectory_list", approach),
            )
        )
        found.append(
            Check(
                "Un comité de pilotage tenu",
                _count("monitoring.Meeting", approach) > 0,
                _url("monitoring:meeting_list", approach),
            )
        )
        if depth == "approfondi":
            found.append(
                Check(
                    "Une évaluation",
                    _count("monitoring.Evaluation", approach) > 0,
                    _url("monitoring:evaluation_list", approach),
                )
            )
    return tuple(found)


def status_of(method_step: MethodStep, checks: tuple[Check, ...]) -> str:
    if method_step.closed_reason or (checks and all(c.done for c in checks)):
        return StepStatus.DONE
    if any(c.done for c in checks):
        return StepStatus.ONGOING
    return StepStatus.TODO


def progress(approach: Approach, today: date | None = None) -> list[StepProgress]:
    """Every step of the démarche, its checklist, status and lateness."""
    return [_one(approach, method_step, today) for method_step in approach.steps.all()]


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
    steps = list(approach.steps.all())
    for i, method_step in enumerate(steps):
        if method_step.code != code:
            continue
        here = _one(approach, method_step)
        following = None
        if here.status == StepStatus.DONE:
            following = next(
                (
                    p
                    for p in (_one(approach, s) for s in steps[i + 1 :])
                    if p.status != StepStatus.DONE
                ),
                None,
            )
        return Guide(here, following)
    return None


def _one(approach: Approach, method_step: MethodStep, today: date | None = None) -> StepProgress:
    checks = checks_for(approach, method_step.code, method_step.depth)
    status = status_of(method_step, checks)
    late = bool(
        status != StepStatus.DONE
        and method_step.end_date
        and method_step.end_date < (today or date.today())
    )
    return StepProgress(method_step, STEP_BY_CODE[method_step.code], checks, status, late)
