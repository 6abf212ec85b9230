"""Services of portrait (contracts with other apps: docs/contracts.md).

The rules live in the pure analysis package (ressort/analysis/doughnut.py for the Doughnut
status, ressort/analysis/grids.py for the aggregation of grid scores); this module only
gathers the démarche's rows and hands them over.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q, Sum

from ressort.analysis import doughnut as dn
from ressort.analysis import grids
from ressort.analysis.typography import percent
from ressort.approaches.models import Approach
from ressort.frameworks.models import Dimension, FrameworkVersion
from ressort.portrait.models import (
    Direction,
    GridAnswer,
    Indicator,
    IndicatorValue,
    Scope,
    ScoringSession,
)
from ressort.territories.models import Territory, TerritoryType


@dataclass
class DoughnutDimension:
    code: str
    label: str
    ring: dn.Ring
    status: dn.DimensionStatus
    indicators: list[tuple[Indicator, IndicatorValue | None, dn.IndicatorStatus]] = field(
        default_factory=list
    )
    without_threshold: list[Indicator] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return dn.STATUS_LABELS[self.status.status]

    @property
    def contract_status(self) -> str:
        return str(self.status.status)

    @property
    def gap_label(self) -> str:
        """The worst gap in %, in French notation ("—" when missing, "0 %" when safe)."""
        gap = self.status.gap
        if gap is None:
            return "—"
        return percent(gap, ratio=True)


def doughnut_dimensions() -> list[tuple[str, str, dn.Ring]]:
    """(code, label, ring) of the 21 Doughnut dimensions, labels from the framework."""
    from ressort.frameworks.services import doughnut_dimensions as dimensions

    rings = {"plancher_social": dn.Ring.SOCIAL, "plafond_ecologique": dn.Ring.ECOLOGICAL}
    return [(d.code, d.short_label, rings[d.ring]) for d in dimensions()]


def own_values(indicators: Iterable[Indicator], approach: Approach) -> Q:
    """The values that describe the démarche itself: its perimeter, or its own territory."""
    query = Q(scope=Scope.PERIMETER)
    if approach.territory_id:
        query |= Q(scope=Scope.TERRITORY, territory_id=approach.territory_id)
    return query & Q(indicator__in=list(indicators))


def latest_values(
    approach: Approach, indicators: list[Indicator], year: int | None = None
) -> dict[int, IndicatorValue]:
    """Indicator pk → its latest own value (at or before `year`); perimeter before territory."""
    query = own_values(indicators, approach)
    if year is not None:
        query &= Q(year__lte=year)
    result: dict[int, IndicatorValue] = {}
    rows = IndicatorValue.objects.filter(query).order_by("indicator_id", "-year", "scope")
    for value in rows:
        # "perimetre" sorts before "territoire": the perimeter wins within a year
        result.setdefault(value.indicator_id, value)
    return result


def doughnut_report(approach: Approach, year: int | None = None) -> list[DoughnutDimension]:
    """The 21 dimensions with their status and the indicators behind it."""
    dimensions = doughnut_dimensions()
    rings = {code: ring for code, _, ring in dimensions}
    indicators = [
        i for i in approach.indicators.all() if any(c in rings for c in i.dimension_codes)
    ]
    values = latest_values(approach, indicators, year)
    rows = {
        code: DoughnutDimension(
            code, label, ring, dn.DimensionStatus(code, ring, dn.Status.MISSING, None, 0, 0, None)
        )
        for code, label, ring in dimensions
    }
    inputs: list[dn.IndicatorStatus] = []
    for indicator in indicators:
        value = values.get(indicator.pk)
        for code in indicator.dimension_codes:
            if code not in rings:
                continue
            ring = rings[code]
            threshold = (
                indicator.social_floor if ring == dn.Ring.SOCIAL else indicator.ecological_ceiling
            )
            if threshold is None or threshold == 0:
                rows[code].without_threshold.append(indicator)
                continue
            status = dn.indicator_status(
                dn.IndicatorInput(
                    code=indicator.code,
                    dimension=code,
                    ring=ring,
                    direction=dn.Direction.HIGHER_IS_BETTER
                    if indicator.direction == Direction.HIGHER
                    else dn.Direction.LOWER_IS_BETTER,
                    threshold=threshold,
                    value=value.value if value is not None else None,
                    preindustrial=indicator.preindustrial
                    if ring == dn.Ring.ECOLOGICAL and indicator.preindustrial != threshold
                    else None,
                )
            )
            inputs.append(status)
            rows[code].indicators.append((indicator, value, status))
    for status in dn.dimension_statuses(inputs, rings):
        rows[status.dimension].status = status
    return list(rows.values())


def doughnut_gaps(approach: Approach, year: int | None = None) -> dict[str, str]:
    """Doughnut dimension code → an `analysis.doughnut.Status` value (shortfall, overshoot,
    safe, missing)."""
    return {row.code: row.contract_status for row in doughnut_report(approach, year)}


# --- Official figures that come for free --------------------------------------------------

OFFICIAL_SOURCE = (
    "INSEE, Code officiel géographique et populations légales, via le paquet "
    "@etalab/decoupage-administratif 6.0.0 (Licence Ouverte 2.0)"
)
# The legal populations shipped by that package version (millésime 2022, geography 2024,
# as stated in its changelog "Pop 2022 geo 2024"). Change with data/territories/source.json.
OFFICIAL_YEAR = 2022
OFFICIAL = {
    "population": ("population", "Population municipale", "hab.", Direction.HIGHER),
    "density": ("densite", "Densité de population", "hab./km²", Direction.HIGHER),
    "communes": ("nombre-communes", "Nombre de communes", "communes", Direction.HIGHER),
    "area": ("superficie", "Superficie", "km²", Direction.HIGHER),
}


def _figures(communes: Any) -> dict[str, float | None]:
    totals = communes.aggregate(population=Sum("population"), area=Sum("area_km2"))
    count = communes.count()
    population, area = totals["population"], totals["area"]
    return {
        "population": float(population) if population is not None else None,
        "area": float(area) if area else None,
        "communes": float(count) if count else None,
        "density": float(population) / float(area) if population and area else None,
    }


def comparison_territories(approach: Approach) -> list[Territory]:
    """The département and région of the démarche (of its territory or first commune)."""
    base = approach.territory or approach.communes.order_by("code").first()
    if base is None:
        return []
    found = []
    if base.department_code and base.type != TerritoryType.DEPARTMENT:
        dep = Territory.objects.filter(
            type=TerritoryType.DEPARTMENT, code=base.department_code
        ).first()
        if dep is not None:
            found.append(dep)
    if base.region_code and base.type != TerritoryType.REGION:
        reg = Territory.objects.filter(type=TerritoryType.REGION, code=base.region_code).first()
        if reg is not None:
            found.append(reg)
    return found


@transaction.atomic
def sync_official_indicators(approach: Approach) -> list[Indicator]:
    """Create or refresh the indicators computed from the official territory data, for the
    démarche's perimeter, its département, its région and France."""
    current = Territory.objects.filter(type=TerritoryType.COMMUNE, is_current=True)
    places: list[tuple[str, Territory | None, dict[str, float | None]]] = [
        (Scope.PERIMETER, None, _figures(approach.communes.all()))
    ]
    for territory in comparison_territories(approach):
        places.append((Scope.TERRITORY, territory, _figures(territory.members())))
    france = _figures(current)
    if france["communes"]:
        places.append((Scope.FRANCE, None, france))
    result = []
    for key, (code, name, unit, direction) in OFFICIAL.items():
        indicator, _ = Indicator.objects.update_or_create(
            approach=approach,
            code=code,
            defaults={
                "name": name,
                "unit": unit,
                "source": OFFICIAL_SOURCE,
                "source_url": "https://www.insee.fr/fr/information/2008354",
                "year": OFFICIAL_YEAR,
                "direction": direction,
                "computed_from": key,
                "description": "Calculé par Ressort depuis les données territoriales officielles.",
            },
        )
        for scope, territory, figures in places:
            value = figures[key]
            if value is None:
                continue
            IndicatorValue.objects.update_or_create(
                indicator=indicator,
                scope=scope,
                territory=territory,
                year=OFFICIAL_YEAR,
                defaults={"value": round(value, 2), "source_note": "Calcul Ressort"},
            )
        result.append(indicator)
    return result


@dataclass
class Comparison:
    indicator: Indicator
    year: int | None
    own: IndicatorValue | None
    others: list[tuple[str, IndicatorValue | None]]


def comparisons(approach: Approach, indicators: list[Indicator]) -> list[Comparison]:
    """For each indicator, its latest own value and, the same year, the département's, the
    région's and France's values when they were entered or computed."""
    own = latest_values(approach, indicators)
    places = [(t.name, t.pk) for t in comparison_territories(approach)]
    rows = IndicatorValue.objects.filter(indicator__in=indicators).exclude(scope=Scope.PERIMETER)
    index: dict[tuple[int, int | None, str, int], IndicatorValue] = {
        (v.indicator_id, v.territory_id, v.scope, v.year): v for v in rows
    }
    result = []
    for indicator in indicators:
        value = own.get(indicator.pk)
        year = value.year if value else None
        others: list[tuple[str, IndicatorValue | None]] = []
        for name, pk in places:
            others.append(
                (name, index.get((indicator.pk, pk, Scope.TERRITORY, year)) if year else None)
            )
        others.append(
            ("France", index.get((indicator.pk, None, Scope.FRANCE, year)) if year else None)
        )
        result.append(Comparison(indicator, year, value, others))
    return result


# --- Question grids -------------------------------------------------------------------------

QUESTION_KIND = "question"


def grid_questions(version: FrameworkVersion) -> list[Dimension]:
    return list(version.dimensions.filter(kind=QUESTION_KIND).order_by("order"))


def grid_children(version: FrameworkVersion) -> tuple[dict[str, list[str]], dict[str, Dimension]]:
    """Inner node code → children codes, and every node by code."""
    nodes = list(version.dimensions.order_by("order"))
    by_pk = {n.pk: n for n in nodes}
    children: dict[str, list[str]] = {}
    for node in nodes:
        if node.parent_id and node.parent_id in by_pk:
            children.setdefault(by_pk[node.parent_id].code, []).append(node.code)
    return children, {n.code: n for n in nodes}


def _answers_by_question(answers: Iterable[GridAnswer]) -> dict[str, list[int | None]]:
    result: dict[str, list[int | None]] = {}
    for answer in answers:
        result.setdefault(answer.question_code, []).append(answer.score)
    return result


def aggregate_answers(
    version: FrameworkVersion, answers: Iterable[GridAnswer], questions: list[str] | None = None
) -> tuple[dict[str, grids.QuestionScore], dict[str, grids.NodeScore]]:
    """Per question, then per lever and principle (or whatever inner nodes the grid has)."""
    children, nodes = grid_children(version)
    wanted = (
        questions
        if questions is not None
        else [c for c, n in nodes.items() if n.kind == QUESTION_KIND]
    )
    by_question = _answers_by_question(answers)
    scores = {code: grids.score_question(code, by_question.get(code, [])) for code in wanted}
    if questions is not None:
        keep = set(questions)

        def prune(code: str) -> list[str]:
            return [c for c in children.get(code, []) if c in keep or _has(c)]

        def _has(code: str) -> bool:
            return any(c in keep or _has(c) for c in children.get(code, []))

        children = {code: prune(code) for code in children if _has(code)}
    weights = {code: node.weight for code, node in nodes.items()}
    return scores, grids.aggregate_tree(scores, children, weights)


def _version_family(version: FrameworkVersion) -> str:
    framework = version.framework
    if framework.derived_from_id:
        return framework.derived_from.framework.code  # type: ignore[union-attr]
    return framework.code


def boussole_profile(approach: Approach, until: Any = None) -> dict[str, float | None]:
    """Lever/principle code → aggregated median score of the scoring sessions (Boussole or a
    grid derived from it), pooling every answer of the sessions held up to `until`."""
    sessions = [
        s
        for s in approach.scoring_sessions.select_related(
            "version__framework__derived_from__framework"
        )
        if _version_family(s.version) == "boussole"
    ]
    if until is not None:
        if isinstance(until, datetime.datetime):
            until = until.date()
        sessions = [s for s in sessions if (s.held_on or s.created_at.date()) <= until]
    reference = FrameworkVersion.objects.filter(
        framework__code="boussole", framework__approach=None, is_current=True
    ).first()
    if reference is None and sessions:
        reference = sessions[0].version
    if reference is None:
        return {}
    answers = GridAnswer.objects.filter(session__in=sessions)
    _, nodes = aggregate_answers(reference, answers)
    kinds = dict(reference.dimensions.values_list("code", "kind"))
    return {
        code: score.score
        for code, score in nodes.items()
        if kinds.get(code) in ("levier", "principe")
    }


class GridAnswersError(ValueError):
    """Answers that cannot be stored (message in French)."""


@transaction.atomic
def record_grid_answers(
    approach: Approach,
    framework_version: Any,
    answers: list[dict[str, Any]],
    *,
    source: str,
    category: str = "",
) -> ScoringSession:
    """Store one question-grid scoring session (see docs/contracts.md).

    Every answer is checked first (known question of that grid, score 0–4 or None); one bad
    answer stores nothing. A participant answering the same question twice keeps the last.
    """
    version = framework_version
    if version.framework.approach_id not in (None, approach.pk):
        raise GridAnswersError("Cette grille appartient à une autre démarche.")
    questions = {q.code for q in grid_questions(version)}
    faults = []
    clean: dict[tuple[str, str], GridAnswer] = {}
    for number, answer in enumerate(answers, start=1):
        code = str(answer.get("question", ""))
        score = answer.get("score")
        participant = str(answer.get("participant") or "").strip()[:100] or "anonyme"
        if code not in questions:
            faults.append(f"réponse {number} : question « {code} » absente de la grille.")
            continue
        if score is not None and (isinstance(score, bool) or score not in range(0, 5)):
            faults.append(f"réponse {number} : note {score!r} hors de l'échelle 0–4.")
            continue
        clean[(participant, code)] = GridAnswer(
            participant=participant,
            question_code=code,
            score=score,
            comment=str(answer.get("comment") or ""),
        )
    if faults:
        raise GridAnswersError(" ; ".join(faults))
    session = ScoringSession.objects.create(
        approach=approach,
        version=version,
        title=source[:200] or "Séance de cotation",
        category=category[:100],
        held_on=datetime.date.today(),
    )
    for row in clean.values():
        row.session = session
    GridAnswer.objects.bulk_create(clean.values())
    return session


def scorable_versions(approach: Approach) -> list[FrameworkVersion]:
    """The shipped frameworks and the démarche's grids that have questions to score."""
    versions = FrameworkVersion.objects.filter(
        Q(framework__approach=None, is_current=True) | Q(framework__approach=approach),
        dimensions__kind=QUESTION_KIND,
    ).exclude(framework__code="conditions")
    return list(versions.select_related("framework").distinct().order_by("framework__name"))


DEFAULT_LEVELS = [
    (0, "Pas du tout"),
    (1, "Un peu"),
    (2, "Moyennement"),
    (3, "Largement"),
    (4, "Pleinement"),
]


def scale_levels(version: FrameworkVersion) -> list[tuple[int, str]]:
    """The 0–4 labelled levels of the grid's scale, or neutral labels when it has none."""
    raw = version.scale or {}
    levels = {
        int(level["valeur"]): str(level["libelle"])
        for level in raw.get("niveaux", [])
        if isinstance(level.get("valeur"), int) and 0 <= level["valeur"] <= 4
    }
    return [(value, levels.get(value, label)) for value, label in DEFAULT_LEVELS]


@transaction.atomic
def save_participant(
    session: ScoringSession, participant: str, answers: dict[str, tuple[int | None, str]]
) -> int:
    """Replace one participant's answers in a session (question code → (score, comment))."""
    participant = participant.strip()[:100]
    session.answers.filter(participant=participant).delete()
    rows = [
        GridAnswer(session=session, participant=participant, question_code=code, score=s, comment=c)
        for code, (s, c) in answers.items()
    ]
    GridAnswer.objects.bulk_create(rows)
    return len(rows)


@dataclass
class SessionResult:
    questions: list[tuple[Dimension, grids.QuestionScore, list[str]]]
    nodes: list[tuple[Dimension, grids.NodeScore, int]]  # with its depth
    participants: list[str]


def session_result(session: ScoringSession) -> SessionResult:
    """Per question (with comments), then per lever and principle, in the grid's order."""
    from ressort.portrait.focus import filter_questions

    questions = filter_questions(grid_questions(session.version), session.focus)
    answers = list(session.answers.all())
    scores, nodes = aggregate_answers(session.version, answers, [q.code for q in questions])
    comments: dict[str, list[str]] = {}
    for answer in answers:
        if answer.comment.strip():
            comments.setdefault(answer.question_code, []).append(answer.comment.strip())
    all_nodes = list(session.version.dimensions.order_by("order"))
    depth: dict[int, int] = {}
    for node in all_nodes:
        depth[node.pk] = depth.get(node.parent_id or 0, -1) + 1 if node.parent_id else 0
    return SessionResult(
        questions=[(q, scores[q.code], comments.get(q.code, [])) for q in questions],
        nodes=[(n, nodes[n.code], depth[n.pk]) for n in all_nodes if n.code in nodes],
        participants=sorted({a.participant for a in answers}),
    )
