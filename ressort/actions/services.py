"""Services of actions (contracts with other apps: docs/contracts.md) and the
operations the views share: the analysis grid's dimensions, ideas, evaluations, ballots.

Every function that writes validates everything first and writes in one transaction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from ressort.analysis.majority_judgment import DEFAULT_GRADES
from ressort.analysis.typography import french
from ressort.approaches.models import Approach

SOCIAL_RING = "plancher_social"
ECOLOGICAL_RING = "plafond_ecologique"


# --- The analysis grid ------------------------------------------------------------------


@dataclass(frozen=True)
class GridDimension:
    code: str
    label: str
    short_label: str
    ring: str  # "social", "ecological" or "" (a grid that is not the Doughnut)
    definition: str = ""


@dataclass(frozen=True)
class AnalysisGrid:
    name: str
    framework_code: str  # "donut" for the Doughnut or a grid derived from it
    dimensions: tuple[GridDimension, ...]
    is_default: bool

    def codes(self) -> set[str]:
        return {d.code for d in self.dimensions}

    def label(self, code: str) -> str:
        return next((d.label for d in self.dimensions if d.code == code), code)


def _dimensions(version: Any) -> tuple[GridDimension, ...]:
    from ressort.frameworks.models import Dimension

    nodes = list(Dimension.objects.filter(version=version).select_related("parent"))
    for kind in ("dimension", "levier"):
        chosen = [n for n in nodes if n.kind == kind]
        if chosen:
            break
    else:
        chosen = [n for n in nodes if n.parent_id is None]
    rings = {SOCIAL_RING: "social", ECOLOGICAL_RING: "ecological"}
    chosen.sort(key=lambda n: n.order)
    return tuple(
        GridDimension(
            n.code,
            n.label,
            n.short_label or n.label,
            rings.get(n.parent.code, "") if n.parent else "",
            n.definition,
        )
        for n in chosen
    )


def analysis_grid(approach: Approach) -> AnalysisGrid:
    """The grid actions are evaluated with: the démarche's chosen co-built grid, else the
    current shipped Doughnut (empty if the frameworks are not loaded)."""
    from ressort.actions.models import GridChoice
    from ressort.frameworks import services as frameworks

    choice = GridChoice.objects.filter(approach=approach).select_related("grid").first()
    if choice is not None and choice.grid is not None:
        grid = choice.grid
        version = frameworks.grid_version(grid)
        base = grid.derived_from.framework.code if grid.derived_from else grid.code
        return AnalysisGrid(grid.name, base, _dimensions(version), False)
    version = frameworks.shipped_current("donut")
    if version is None:
        return AnalysisGrid("Le Donut (référentiel non chargé)", "donut", (), True)
    return AnalysisGrid(version.name, "donut", _dimensions(version), True)


def effects_of(action: Any) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    """An action's effects today and by scenario: ({code: effect}, {scenario: {code: effect}})."""
    today: dict[str, int] = {}
    scenarios: dict[str, dict[str, int]] = {}
    for row in action.evaluations.all():
        if row.scenario:
            scenarios.setdefault(row.scenario, {})[row.dimension_code] = row.effect
        else:
            today[row.dimension_code] = row.effect
    return today, scenarios


def scenario_names(approach: Approach) -> list[str]:
    """Scenario names to evaluate under: the systems app's scenarios, plus
    those already used in evaluations."""
    from ressort.actions.models import Evaluation
    from ressort.systems.models import Scenario

    names = list(Scenario.objects.filter(approach=approach).values_list("name", flat=True))
    used = (
        Evaluation.objects.filter(action__approach=approach)
        .exclude(scenario="")
        .values_list("scenario", flat=True)
        .distinct()
    )
    for name in used:
        if name not in names:
            names.append(name)
    return names


def answer_suggestions(approach: Approach) -> list[str]:
    """What an idea may answer: the démarche's vulnerabilities (fieldwork) and scenarios
    (systems), for the idea form's suggestions."""
    from ressort.fieldwork.models import Vulnerability

    vulnerabilities = [str(v) for v in Vulnerability.objects.filter(approach=approach)]
    return sorted(set(vulnerabilities)) + scenario_names(approach)


def portrait_gaps(approach: Approach) -> dict[str, str]:
    """The portrait's Doughnut gaps (dimension code → shortfall, overshoot, within, missing)."""
    from ressort.portrait import services as portrait

    return portrait.doughnut_gaps(approach)


# --- Contracts --------------------------------------------------------------------------


def add_idea(
    approach: Approach,
    text: str,
    *,
    source: str,
    proposer: str = "",
    dimension_code: str | None = None,
) -> Any:
    """An action idea (e.g. from a workshop's idea wall). `source` is one of « equipe »,
    « atelier », « participant », or a label such as « Atelier du 12 mars » (then the idea
    comes from a workshop, with that label)."""
    from ressort.actions.models import Idea

    text = (text or "").strip()
    if not text:
        raise ValueError("une idée ne peut pas être vide")
    if source in Idea.Source.values:
        kind, label = source, ""
    else:
        kind, label = Idea.Source.WORKSHOP, source
    return Idea.objects.create(
        approach=approach,
        text=text,
        source=kind,
        source_label=label[:200],
        proposer=proposer[:200],
        answers=Idea.Answers.DIMENSION if dimension_code else Idea.Answers.NONE,
        dimension_code=dimension_code or "",
    )


def record_ballots(approach: Approach, ballots: list[dict[int, int]], *, source: str) -> int:
    """Store majority-judgment ballots {Action pk: grade 0..6}; return how many were stored.

    Every ballot is checked before any is written: an action of another démarche or a grade
    outside the scale raises ValueError and nothing is stored. Empty ballots are skipped; an
    action a ballot does not grade counts as « À rejeter » when the vote is counted.
    """
    from ressort.actions.models import Action, Ballot, Grade

    known = set(Action.objects.filter(approach=approach).values_list("pk", flat=True))
    top = len(DEFAULT_GRADES) - 1
    for n, ballot in enumerate(ballots, start=1):
        for pk, grade in ballot.items():
            if int(pk) not in known:
                raise ValueError(f"bulletin {n} : action {pk} inconnue dans cette démarche")
            if isinstance(grade, bool) or not isinstance(grade, int) or not 0 <= grade <= top:
                raise ValueError(f"bulletin {n} : mention {grade!r} hors de l'échelle 0…{top}")
    stored = 0
    with transaction.atomic():
        for ballot in ballots:
            if not ballot:
                continue
            row = Ballot.objects.create(approach=approach, source=source[:200])
            Grade.objects.bulk_create(
                Grade(ballot=row, action_id=int(pk), grade=grade) for pk, grade in ballot.items()
            )
            stored += 1
    return stored


def record_evaluations(
    approach: Approach, action: Any, scores: list[dict[str, int]], *, source: str
) -> None:
    """Store a workshop's evaluation of an action (one {dimension code: −2..+2} per
    participant) as a proposal; the team confirms its average on the action's grid."""
    from ressort.actions.models import EvaluationProposal

    if action.approach_id != approach.pk:
        raise ValueError("cette action n'appartient pas à la démarche")
    codes = analysis_grid(approach).codes()
    for n, participant in enumerate(scores, start=1):
        for code, value in participant.items():
            if codes and code not in codes:
                raise ValueError(f"participant·e {n} : dimension « {code} » absente de la grille")
            if isinstance(value, bool) or not isinstance(value, int) or not -2 <= value <= 2:
                raise ValueError(f"participant·e {n} : effet {value!r} hors de −2…+2")
    EvaluationProposal.objects.create(
        action=action, source=source[:200], scores=[dict(s) for s in scores]
    )


def proposal_average(proposal: Any) -> dict[str, float]:
    """Mean effect by dimension over the participants who scored it."""
    sums: dict[str, list[int]] = {}
    for participant in proposal.scores:
        for code, value in participant.items():
            sums.setdefault(code, []).append(int(value))
    return {code: sum(v) / len(v) for code, v in sums.items()}


# --- Ideas ------------------------------------------------------------------------------


def root_of(idea: Any) -> Any:
    seen = set()
    while idea.merged_into_id is not None and idea.pk not in seen:
        seen.add(idea.pk)
        idea = idea.merged_into
    return idea


@transaction.atomic
def merge_ideas(target: Any, duplicates: Iterable[Any]) -> int:
    """Merge duplicates into `target` (all of one démarche); ideas already merged into a
    duplicate follow it. Returns how many ideas were merged."""
    target = root_of(target)
    merged = 0
    for idea in duplicates:
        if idea.approach_id != target.approach_id:
            raise ValueError("on ne fusionne que des idées de la même démarche")
        if idea.pk == target.pk:
            continue
        idea.duplicates.update(merged_into=target)
        idea.merged_into = target
        idea.save(update_fields=["merged_into"])
        merged += 1
    return merged


@transaction.atomic
def retain_ideas(ideas: Sequence[Any], *, title: str, user: Any = None, kind: str = "") -> Any:
    """Turn retained ideas (and their merged duplicates) into one draft action."""
    from ressort.actions.models import Action, Idea

    if not ideas:
        raise ValueError("choisissez au moins une idée")
    first = ideas[0]
    if any(i.approach_id != first.approach_id for i in ideas):
        raise ValueError("ces idées ne sont pas de la même démarche")
    description = "\n\n".join(
        f"Idée : {i.text}" + (f" (proposée par {i.proposer})" if i.proposer else "") for i in ideas
    )
    action = Action.objects.create(
        approach_id=first.approach_id,
        kind=kind or Action.Kind.ACTION,
        title=title.strip()[:200] or first.text[:200],
        description=description,
        theme=next((i.theme for i in ideas if i.theme_id), None),
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    pks = [i.pk for i in ideas]
    Idea.objects.filter(pk__in=pks).update(retained=True, action=action)
    Idea.objects.filter(merged_into__in=pks).update(action=action)
    return action


# --- Improvement suggestions ------------------------------------------------------------

MEASURES_FILE = Path(__file__).resolve().parents[2] / "data" / "actions" / "mesures.yaml"


@lru_cache(maxsize=1)
def example_measures() -> dict[str, tuple[str, ...]]:
    """Illustrative example measures by Boussole lever (a Ressort proposal)."""
    try:
        doc = yaml.safe_load(MEASURES_FILE.read_text(encoding="utf-8")) or {}
    except OSError:
        return {}
    return {str(k): tuple(str(m) for m in v) for k, v in (doc.get("mesures") or {}).items()}


@dataclass(frozen=True)
class Suggestion:
    lever_code: str
    lever_label: str
    definition: str
    measures: tuple[str, ...]
    to_verify: bool


def suggestions(grid: AnalysisGrid, codes: Iterable[str]) -> dict[str, list[Suggestion]]:
    """For each harmed dimension, the Boussole levers that address it (through the
    frameworks' crosswalks; a Boussole-based grid's lever is its own suggestion), with their
    example measures (the lever's own, else Ressort's illustrative ones)."""
    from ressort.frameworks import services as frameworks
    from ressort.frameworks.models import Dimension

    wanted = list(codes)
    if not wanted:
        return {}
    index = frameworks.crosswalk_index()
    measures = example_measures()
    levers: dict[str, Dimension] = {}
    boussole = frameworks.shipped_current("boussole")
    if boussole is not None:
        levers = {d.code: d for d in Dimension.objects.filter(version=boussole, kind="levier")}
    result: dict[str, list[Suggestion]] = {}
    for code in wanted:
        nodes: list[Dimension] = []
        if grid.framework_code == "boussole" and code in levers:
            nodes.append(levers[code])
        for link in index.get((grid.framework_code, code), []):
            node = link.node
            is_lever = node is not None and node.kind == "levier"
            if link.framework_code == "boussole" and is_lever and node not in nodes:
                nodes.append(node)
        result[code] = [
            Suggestion(
                n.code,
                n.label,
                n.definition,
                tuple((n.extra or {}).get("exemples") or measures.get(n.code, ())),
                n.to_verify,
            )
            for n in nodes
        ]
    return result


# --- Prioritisation ---------------------------------------------------------------------

METHOD_LABELS = {
    "somme-ponderee": "Somme pondérée",
    "topsis": "TOPSIS",
    "promethee2": "PROMETHEE II",
}


def alternative_names(actions: Sequence[Any]) -> dict[int, str]:
    """A unique display name per action (its title, numbered when titles repeat)."""
    counts: dict[str, int] = {}
    for action in actions:
        counts[action.title] = counts.get(action.title, 0) + 1
    return {a.pk: a.title if counts[a.title] == 1 else f"{a.title} (n° {a.pk})" for a in actions}


def grid_effect_total(action: Any) -> int | None:
    """The « effet de résilience » of an action: the sum of its effects today, or None if
    it has not been evaluated."""
    today, _ = effects_of(action)
    return sum(today.values()) if today else None


@dataclass
class DecisionData:
    criteria: list[Any]
    actions: list[Any]  # the actions with a value on every criterion
    incomplete: list[tuple[Any, list[str]]]  # (action, names of the missing criteria)
    names: dict[int, str]
    values: dict[tuple[int, int], float]  # (criterion pk, action pk) → value
    problem: Any  # mcda.Problem, or None when there is nothing to rank
    errors: list[str]


def decision_data(approach: Approach) -> DecisionData:
    """The démarche's prioritisation problem: its criteria, and its actions (not existing
    policies) with a value on every criterion; the others are listed as incomplete."""
    from ressort.actions.models import Action, Criterion, CriterionValue
    from ressort.analysis import mcda

    criteria = list(Criterion.objects.filter(approach=approach))
    actions = list(
        Action.objects.filter(approach=approach, kind=Action.Kind.ACTION)
        .prefetch_related("evaluations")
        .order_by("title", "pk")
    )
    names = alternative_names(actions)
    values: dict[tuple[int, int], float] = {
        (v.criterion_id, v.action_id): v.value
        for v in CriterionValue.objects.filter(criterion__approach=approach)
    }
    for action in actions:
        total = grid_effect_total(action)
        for criterion in criteria:
            if criterion.from_grid:
                values.pop((criterion.pk, action.pk), None)
                if total is not None:
                    values[(criterion.pk, action.pk)] = float(total)
    complete, incomplete = [], []
    for action in actions:
        missing = [c.name for c in criteria if (c.pk, action.pk) not in values]
        (incomplete.append((action, missing)) if missing else complete.append(action))
    problem, errors = None, []
    if criteria and complete:
        try:
            problem = mcda.make_problem(
                [
                    mcda.Criterion(
                        c.name,
                        c.weight,
                        c.direction,
                        mcda.Preference(c.function, c.q, c.p, c.s),
                    )
                    for c in criteria
                ],
                [names[a.pk] for a in complete],
                [[values[(c.pk, a.pk)] for c in criteria] for a in complete],
            )
        except mcda.InvalidProblem as error:
            errors = [message for _, message in error.errors]
    return DecisionData(criteria, complete, incomplete, names, values, problem, errors)


# --- Majority-judgment vote -------------------------------------------------------------


@dataclass
class VoteData:
    actions: list[Any]  # candidates: the actions graded on at least one ballot
    names: dict[int, str]
    ballots: Any  # numpy array, one row per ballot, one column per candidate
    ballot_rows: list[Any]


def vote_data(approach: Approach) -> VoteData:
    """Ballots as a grade array; an action a ballot does not grade counts « À rejeter »."""
    import numpy as np

    from ressort.actions.models import Action, Ballot, Grade

    ballot_rows = list(Ballot.objects.filter(approach=approach))
    grades = list(
        Grade.objects.filter(ballot__approach=approach).values_list(
            "ballot_id", "action_id", "grade"
        )
    )
    graded = {a for _, a, _ in grades}
    actions = list(Action.objects.filter(approach=approach, pk__in=graded).order_by("title", "pk"))
    column = {a.pk: i for i, a in enumerate(actions)}
    row = {b.pk: i for i, b in enumerate(ballot_rows)}
    array = np.zeros((len(ballot_rows), len(actions)), dtype=np.int64)
    for ballot, action, grade in grades:
        array[row[ballot], column[action]] = grade
    return VoteData(actions, alternative_names(actions), array, ballot_rows)


@dataclass
class VoteCounts:
    """Every grade given, typed or imported ballots and paper counts added up."""

    actions: list[Any]  # candidates: the actions graded at least once
    names: dict[int, str]
    counts: Any  # numpy array: one row per candidate, one column per grade
    voters: int  # ballots plus paper ballots counted
    ballots: int  # typed or imported
    paper: int  # counted on paper


def vote_counts(approach: Approach) -> VoteCounts:
    """The tallies of the ballots and of the paper counts, without the absent grades."""
    import numpy as np
    from django.db.models import Sum

    from ressort.actions.models import Action, Ballot, Grade, TallyCount

    typed = list(Grade.objects.filter(ballot__approach=approach).values_list("action_id", "grade"))
    paper = list(
        TallyCount.objects.filter(tally__approach=approach).values_list(
            "action_id", "grade", "count"
        )
    )
    graded = {a for a, _ in typed} | {a for a, _, _ in paper}
    actions = list(Action.objects.filter(approach=approach, pk__in=graded).order_by("title", "pk"))
    row = {a.pk: i for i, a in enumerate(actions)}
    counts = np.zeros((len(actions), len(DEFAULT_GRADES)), dtype=np.int64)
    for action, grade in typed:
        counts[row[action], grade] += 1
    for action, grade, count in paper:
        counts[row[action], grade] += count
    ballots = Ballot.objects.filter(approach=approach).count()
    on_paper = approach.paper_tallies.aggregate(n=Sum("voters"))["n"] or 0  # type: ignore[attr-defined]
    return VoteCounts(
        actions, alternative_names(actions), counts, ballots + on_paper, ballots, on_paper
    )


def vote_result(
    approach: Approach, absence: str = "plus-basse", counted: VoteCounts | None = None
) -> Any:
    """The majority-judgment result, or None when nothing was graded. Typed and imported
    ballots and paper counts add up; an action a ballot does not grade counts, as `absence`
    says: « plus-basse » (the lowest grade, default; any unknown rule too), « exclure » (left
    out of that action's profile) or a grade's name (counted as that grade)."""
    from ressort.analysis.majority_judgment import (
        ABSENCE_EXCLUDE,
        fill_absences,
        majority_judgment,
    )

    data = counted or vote_counts(approach)
    if not data.actions or not data.voters:
        return None
    names = [data.names[a.pk] for a in data.actions]
    if absence == ABSENCE_EXCLUDE:
        return majority_judgment(names, data.counts, DEFAULT_GRADES, unequal=True)
    absent = DEFAULT_GRADES.index(absence) if absence in DEFAULT_GRADES else 0
    filled = fill_absences(data.counts, data.voters, absent)
    return majority_judgment(names, filled, DEFAULT_GRADES)


_NUMBERED = re.compile(r"^(.*) \(n° (\d+)\)$")


def import_ballots(
    approach: Approach, content: bytes, filename: str, *, source: str
) -> tuple[int, list[str]]:
    """Import a ballots CSV (the format of `ressort analyse vote`, header = action titles).
    Returns (ballots stored, faults); with any fault nothing is stored."""
    import tempfile

    from ressort.actions.models import Action
    from ressort.analysis.cli import InputError
    from ressort.analysis.vote_cli import read_ballots

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bulletins.csv"
        path.write_bytes(content)
        try:
            candidates, array = read_ballots(path, DEFAULT_GRADES)
        except InputError as error:
            text = str(error).replace(str(path), filename)
            lines = [line.strip() for line in text.splitlines() if line.strip()]
            # Every fault with French typography (no-break spaces before « : », in « »).
            return 0, [french(line) for line in (lines[1:] if len(lines) > 1 else lines)]
    by_title: dict[str, list[int]] = {}
    titles: dict[int, str] = {}
    for pk, title in Action.objects.filter(approach=approach).values_list("pk", "title"):
        by_title.setdefault(title.strip().casefold(), []).append(pk)
        titles[pk] = title.strip().casefold()
    faults: list[str] = []
    columns: list[int] = []
    for n, name in enumerate(candidates, start=1):
        found = by_title.get(name.strip().casefold(), [])
        numbered = _NUMBERED.match(name.strip())
        if numbered and len(found) != 1:
            # « Titre (n° 12) »: how the export names actions that share a title.
            pk = int(numbered.group(2))
            if titles.get(pk) == numbered.group(1).strip().casefold():
                found = [pk]
        if not found:
            faults.append(f"ligne 1, colonne {n} : action inconnue « {name} » dans cette démarche")
        elif len(found) > 1:
            example = f"{name.strip()} (n° {found[0]})"
            faults.append(
                f"ligne 1, colonne {n} : plusieurs actions s'intitulent « {name} » ; "
                f"renommez-les, ou désignez-les comme l'export : « {example} »"
            )
        else:
            columns.append(found[0])
    if faults:
        return 0, [french(fault) for fault in faults]
    ballots = [{columns[c]: int(row[c]) for c in range(len(columns))} for row in array.tolist()]
    return record_ballots(approach, ballots, source=source), []


def export_ballots(approach: Approach) -> str:
    """The ballots as a CSV (`;`, UTF-8 with BOM, as spreadsheets in France expect) that
    `ressort analyse vote` and `import_ballots` read back."""
    from ressort import tables

    data = vote_data(approach)
    return tables.csv_text(
        [
            [data.names[a.pk] for a in data.actions],
            *([DEFAULT_GRADES[g] for g in row] for row in data.ballots.tolist()),
        ],
    )
