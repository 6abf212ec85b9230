"""Behaviour change: the diagnosis computed from the stored determinants, and the follow-up
surveys (asynchronous consultations of the workshops app) read back over time."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from ressort.analysis.behaviour_wheel import Determinant as Item
from ressort.analysis.behaviour_wheel import Diagnosis, Kind, suggest
from ressort.behaviour.models import FollowUpSurvey, TargetBehaviour
from ressort.behaviour.questionnaire import KIND, answers_by_question
from ressort.behaviour.wheel import read_wheel
from ressort.workshops.models import Activity, Workshop


def diagnosis(behaviour: TargetBehaviour) -> Diagnosis:
    items = [Item(d.component, Kind(d.kind), d.strength) for d in behaviour.determinants.all()]
    return suggest(read_wheel().wheel, items)


# The follow-up survey's statements: the behaviour itself, then one per COM-B family.
def survey_questions(behaviour: TargetBehaviour) -> list[dict[str, str]]:
    return [
        {"code": "B", "label": f"Je le fais déjà : «\u00a0{behaviour.title}\u00a0»"},
        {"code": "C", "label": "Je sais comment le faire"},
        {"code": "O", "label": "J'en ai la possibilité (temps, lieu, matériel, entourage)"},
        {"code": "M", "label": "J'en ai envie, cela me paraît utile"},
    ]


@transaction.atomic
def start_survey(behaviour: TargetBehaviour, user: Any = None, days: int = 21) -> FollowUpSurvey:
    """A new wave: an open asynchronous consultation with the four statements."""
    last = behaviour.surveys.order_by("-wave").first()
    wave = (last.wave + 1) if last else 1
    workshop = Workshop(
        approach=behaviour.approach,
        title=f"Enquête de suivi n°\u00a0{wave} — {behaviour.title}"[:200],
        mode=Workshop.Mode.ASYNC,
        open_until=timezone.now() + timedelta(days=days),
        created_by=user,
    )
    workshop.code_expires_at = workshop.default_expiry()
    workshop.save()
    Activity.objects.create(
        workshop=workshop,
        kind=KIND,
        title="Où en êtes-vous\u00a0? De 0 (pas du tout) à 4 (tout à fait).",
        config={"questions": survey_questions(behaviour)},
        state=Activity.State.OPEN,
        opened_at=timezone.now(),
    )
    return FollowUpSurvey.objects.create(behaviour=behaviour, workshop=workshop, wave=wave)


@dataclass(frozen=True, slots=True)
class Wave:
    survey: FollowUpSurvey
    answered: int  # participants who answered at least one statement
    means: dict[str, float | None]  # statement code → mean score (0–4)

    @property
    def cells(self) -> list[float | None]:
        return list(self.means.values())


def survey_waves(behaviour: TargetBehaviour) -> list[Wave]:
    waves = []
    for survey in behaviour.surveys.select_related("workshop"):
        by_question = answers_by_question(survey.workshop)
        means = {
            q["code"]: (
                statistics.fmean(s for _, s in by_question[q["code"]])
                if by_question.get(q["code"])
                else None
            )
            for q in survey_questions(behaviour)
        }
        answered = (
            survey.workshop.participants.filter(answers__activity__kind=KIND).distinct().count()
        )
        waves.append(Wave(survey, answered, means))
    return waves


def actions_progress(behaviour: TargetBehaviour) -> list[dict[str, Any]]:
    """The progress of the actions that depend on the behaviour (strategy's contract)."""
    from ressort.strategy import services as strategy

    wanted = set(behaviour.actions.values_list("pk", flat=True))
    wanted |= set(behaviour.interventions.exclude(action=None).values_list("action_id", flat=True))
    return [
        row for row in strategy.action_progress(behaviour.approach) if row["action"].pk in wanted
    ]
