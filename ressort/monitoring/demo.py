"""Demo content of monitoring for the demo démarche (illustrative, labelled as such).

Runs after the portrait and strategy demos. Real: the shipped experience reports (public
cases, with their sources). Illustrative: the trajectories of five of the portrait's demo
indicators (two derived from national targets, three set by the team), their 2025 values,
one steering committee with its decisions, a year of progress on the action sheets, an
« inspiré de » link and a mid-term evaluation. Every text says it is illustrative.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from ressort.approaches.models import Approach
from ressort.monitoring import library
from ressort.monitoring.models import (
    ActionInspiration,
    Body,
    Decision,
    DecisionKind,
    Evaluation,
    EvaluationKind,
    ExperienceReport,
    Meeting,
    Milestone,
    TargetSource,
    Trajectory,
)

NOTE = "Trajectoire illustrative de la démarche de démonstration."

# indicator code → (source, national reference, milestones {year: value or % change}),
# and the illustrative 2025 value entered « this year ».
TRAJECTORIES: dict[str, tuple[str, str, dict[int, float], float]] = {
    "ges-habitant": (
        TargetSource.NATIONAL,
        "Stratégie nationale bas-carbone : réduire fortement les émissions d'ici 2030 et "
        "atteindre la neutralité en 2050 (pourcentages illustratifs appliqués à la référence)",
        {2030: -40.0, 2050: -80.0},
        6.5,
    ),
    "artificialisation": (
        TargetSource.NATIONAL,
        "Loi Climat et résilience : diviser par deux la consommation d'espaces sur 2021-2031, "
        "zéro artificialisation nette en 2050",
        {2031: -50.0, 2050: -100.0},
        37.0,
    ),
    "bio-sau": (TargetSource.TEAM, "", {2030: 25.0, 2040: 40.0}, 11.8),
    "prelevements-eau": (TargetSource.TEAM, "", {2030: 30.0, 2040: 25.0}, 42.0),
    "no2": (TargetSource.TEAM, "", {2030: 10.0}, 13.1),
}


def _trajectories(approach: Approach) -> list[Any]:
    from ressort.analysis.trajectories import national_target_milestones
    from ressort.portrait.models import Indicator, IndicatorValue, Scope

    indicators = []
    for code, (source, reference, milestones, latest) in TRAJECTORIES.items():
        indicator = Indicator.objects.filter(approach=approach, code=code).first()
        if indicator is None:
            continue
        first = (
            IndicatorValue.objects.filter(indicator=indicator, scope=Scope.PERIMETER)
            .order_by("year")
            .first()
        )
        if first is None:
            continue
        trajectory = Trajectory.objects.create(
            approach=approach,
            indicator=indicator,
            baseline_year=first.year,
            baseline_value=first.value,
            source=source,
            national_reference=reference,
            notes=NOTE,
        )
        for year, target in milestones.items():
            if source == TargetSource.NATIONAL:
                value = national_target_milestones(first.value, [(year, target)])[0][1]
                Milestone.objects.create(
                    trajectory=trajectory, year=year, value=value, percent=target
                )
            else:
                Milestone.objects.create(trajectory=trajectory, year=year, value=target)
        IndicatorValue.objects.get_or_create(
            indicator=indicator,
            scope=Scope.PERIMETER,
            territory=None,
            year=2025,
            defaults={
                "value": latest,
                "illustrative": True,
                "source_note": "Valeur illustrative saisie lors du suivi",
            },
        )
        indicators.append(indicator)
    return indicators


def _committee(approach: Approach, sheets: list[Any]) -> Meeting:
    today = timezone.localdate()
    meeting = Meeting.objects.create(
        approach=approach,
        date=today - timedelta(days=45),
        body=Body.STEERING,
        title="Comité de pilotage annuel (illustratif)",
        attendees="\n".join(
            [
                "Président·e de l'agglomération (illustratif)",
                "Élu·e référent·e de la démarche",
                "Cheffe de projet",
                "Directions de l'eau, de l'aménagement et des solidarités",
                "Partenaires : chambre d'agriculture, syndicat de rivière (illustratif)",
            ]
        ),
        agenda="1. Bilan de l'année\n2. Trajectoires des indicateurs\n3. Arbitrages",
        minutes="Échanges illustratifs de la démarche de démonstration.",
        follow_ups="Présenter au prochain comité le plan de financement des actions en retard.",
    )
    decisions = [
        (DecisionKind.ADOPT, "Lancer les actions prévues pour l'année prochaine.", sheets[:2]),
        (
            DecisionKind.CHANGE,
            "Revoir le calendrier de l'action en retard et renforcer son équipe.",
            [s for s in sheets if s.status in ("planifiee", "engagee")][:1],
        ),
        (DecisionKind.POSTPONE, "Reporter d'un an une action faute de financement.", sheets[-1:]),
    ]
    for kind, text, linked in decisions:
        decision = Decision.objects.create(
            approach=approach,
            meeting=meeting,
            kind=kind,
            text=text + " (Décision illustrative.)",
            owner="Cheffe de projet",
            due=today + timedelta(days=120),
        )
        decision.actions.set([s.action for s in linked])
    return meeting


def _progress(approach: Approach, sheets: list[Any]) -> None:
    """A year of progress, recorded after the committee through the strategy's contract."""
    from ressort.strategy import services as strategy

    year = timezone.localdate().year
    for n, sheet in enumerate(sheets):
        if sheet.status not in ("planifiee", "engagee"):
            continue
        strategy.record_progress(
            approach,
            sheet.action,
            status="engagee",
            progress=min(100, sheet.progress + 15 + 5 * (n % 3)),
            year=year,
        )


@transaction.atomic
def build(approach: Approach) -> None:
    """Add this app's demo content to a freshly created demo démarche."""
    library.load_shipped_cases()
    _trajectories(approach)
    from ressort.strategy.models import ActionSheet

    sheets = list(ActionSheet.objects.filter(approach=approach).select_related("action"))
    if sheets:
        _committee(approach, sheets)
    _progress(approach, sheets)
    biovallee = ExperienceReport.objects.filter(shipped=True, title__startswith="Biovallée").first()
    local_food = next((s for s in sheets if "cantine" in s.action.title.lower()), None)
    if biovallee is not None and local_food is not None:
        ActionInspiration.objects.get_or_create(
            action=local_food.action,
            report=biovallee,
            defaults={"note": "Objectifs chiffrés pour la restauration collective (illustratif)."},
        )
    today = timezone.localdate()
    Evaluation.objects.create(
        approach=approach,
        kind=EvaluationKind.OTHER,
        title="Bilan d'étape de la stratégie (illustratif)",
        date=today,
        reference_year=2016,
        evaluation_year=2025,
        findings="Constats illustratifs : la démarche de démonstration ne décrit pas une "
        "évaluation réelle.",
        lessons="Enseignements illustratifs : associer plus tôt les communes aux actions.",
    )
