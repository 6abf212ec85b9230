"""Governance services: the actor map, the interest × influence grid, MACTOR matrices in and
results out (computed by `ressort.analysis.mactor`, never stored)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from django.db import transaction
from django.db.models import QuerySet

from ressort.analysis import actor_drawing as drawing
from ressort.analysis import mactor as mc
from ressort.approaches.method import STEPS
from ressort.approaches.models import Approach, GovernanceBody
from ressort.governance.models import (
    Actor,
    ActorCategory,
    ActorLink,
    Agreement,
    DiagnosisCriterion,
    GovernanceDiagnosis,
    Level,
    LinkKind,
    MactorInfluence,
    MactorObjective,
    MactorParticipant,
    MactorPosition,
    MactorStudy,
    RaciAssignment,
    Scale,
)

CATEGORY_ORDER = [value for value, _ in ActorCategory.choices]
LINK_ORDER = [value for value, _ in LinkKind.choices]
LINK_STYLES = {
    LinkKind.COOPERATION: drawing.EdgeStyle("Coopération", "#2e6b30"),
    LinkKind.FUNDING: drawing.EdgeStyle("Financement", "#1f4e9c", "6 3"),
    LinkKind.CONFLICT: drawing.EdgeStyle("Conflit", "#b3261e", "2 3"),
    LinkKind.HIERARCHY: drawing.EdgeStyle("Hiérarchie ou tutelle", "#495057", "8 3 2 3"),
    LinkKind.CONTRACT: drawing.EdgeStyle("Contrat ou convention", "#8c4a00", "10 4"),
}


# --- Actor map -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One actor of the register, with its labels resolved (read once, shown many times)."""

    pk: int
    name: str
    category: str
    category_label: str
    scale_label: str
    contact_name: str
    contact_email: str
    bodies: str
    interest: int
    influence: int
    interest_label: str
    influence_label: str
    links: int


@dataclass(frozen=True, slots=True)
class LinkEntry:
    pk: int
    source: str
    target: str
    kind: str
    kind_label: str
    notes: str


@dataclass(frozen=True, slots=True)
class Register:
    actors: list[ActorEntry]
    links: list[LinkEntry]


def actors_of(approach: Approach) -> QuerySet[Actor]:
    return Actor.objects.filter(approach=approach)


def register(approach: Approach) -> Register:
    """The actors and their links as plain rows, in two queries whatever their number."""
    links_raw = list(
        ActorLink.objects.filter(approach=approach)
        .order_by("source__name", "target__name", "kind")
        .values_list("pk", "source_id", "target_id", "kind", "notes")
    )
    degree: dict[int, int] = {}
    for _, source, target, _, _ in links_raw:
        degree[source] = degree.get(source, 0) + 1
        degree[target] = degree.get(target, 0) + 1
    categories, scales = dict(ActorCategory.choices), dict(Scale.choices)
    levels, bodies = dict(Level.choices), dict(GovernanceBody.choices)
    actors = [
        ActorEntry(
            pk=pk,
            name=name,
            category=category,
            category_label=str(categories.get(category, category)),
            scale_label=str(scales.get(scale, scale)),
            contact_name=contact_name,
            contact_email=contact_email,
            bodies=", ".join(str(bodies[code]) for code in codes if code in bodies),
            interest=interest,
            influence=influence,
            interest_label=str(levels.get(interest, interest)),
            influence_label=str(levels.get(influence, influence)),
            links=degree.get(pk, 0),
        )
        for pk, name, category, scale, contact_name, contact_email, codes, interest, influence in (
            actors_of(approach).values_list(
                "pk",
                "name",
                "category",
                "scale",
                "contact_name",
                "contact_email",
                "bodies",
                "interest",
                "influence",
            )
        )
    ]
    names = {actor.pk: actor.name for actor in actors}
    kinds = dict(LinkKind.choices)
    links = [
        LinkEntry(pk, names[source], names[target], kind, str(kinds[kind]).lower(), notes)
        for pk, source, target, kind, notes in links_raw
    ]
    return Register(actors, links)


@dataclass(frozen=True, slots=True)
class CategoryGroup:
    label: str
    actors: list[str]


@dataclass(frozen=True, slots=True)
class ActorMap:
    svg: str
    groups: list[CategoryGroup]
    link_lines: list[str]  # « A → B : coopération », the links in words
    actors: list[ActorEntry]


def actor_map(approach: Approach) -> ActorMap:
    """The network drawn by category, and the same content as lists (its text alternative)."""
    data = register(approach)
    by_category: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    for actor in data.actors:
        by_category.setdefault(actor.category, []).append(actor.name)
        labels[actor.category] = actor.category_label
    groups = [
        CategoryGroup(labels[code], by_category[code])
        for code in CATEGORY_ORDER
        if code in by_category
    ]
    nodes = [
        drawing.NetworkNode(str(a.pk), a.name, CATEGORY_ORDER.index(a.category))
        for a in data.actors
    ]
    pk_of = {a.name: a.pk for a in data.actors}
    edges = [
        drawing.NetworkEdge(
            str(pk_of[link.source]), str(pk_of[link.target]), LINK_ORDER.index(link.kind)
        )
        for link in data.links
    ]
    svg = drawing.network_svg(
        nodes,
        edges,
        [str(label) for _, label in ActorCategory.choices],
        [LINK_STYLES[LinkKind(kind)] for kind in LINK_ORDER],
        title="Carte des acteurs du territoire",
        desc=(
            f"{len(data.actors)} acteurs regroupés par catégorie autour d'un cercle et "
            f"{len(data.links)} liens entre eux, tracés selon leur nature (voir la légende). "
            "La liste qui suit la carte donne le même contenu."
        ),
    )
    lines = [f"{link.source} → {link.target}\u00a0: {link.kind_label}" for link in data.links]
    return ActorMap(svg=svg, groups=groups, link_lines=lines, actors=data.actors)


@dataclass(frozen=True, slots=True)
class Quadrant:
    key: str
    title: str
    advice: str
    actors: list[Scored]


class Scored(Protocol):
    name: str
    interest: int
    influence: int


def interest_grid(actors: Sequence[Scored]) -> list[Quadrant]:
    """The interest × influence grid (Mendelow's matrix): split between 2 and 3 on each scale.

    Returned in reading order: high influence row first (low interest, high interest), then
    low influence.
    """
    cells: dict[tuple[bool, bool], list[Scored]] = {
        (i, j): [] for i in (True, False) for j in (False, True)
    }
    for actor in actors:
        cells[actor.influence >= 3, actor.interest >= 3].append(actor)
    return [
        Quadrant(
            "satisfaire",
            "Influence forte, intérêt faible",
            "À tenir satisfaits : consulter sur ce qui les touche.",
            cells[True, False],
        ),
        Quadrant(
            "associer",
            "Influence forte, intérêt fort",
            "Acteurs clés : associer étroitement à chaque étape.",
            cells[True, True],
        ),
        Quadrant(
            "surveiller",
            "Influence faible, intérêt faible",
            "À suivre : informer simplement.",
            cells[False, False],
        ),
        Quadrant(
            "informer",
            "Influence faible, intérêt fort",
            "À tenir informés et à impliquer : leur donner les moyens de participer.",
            cells[False, True],
        ),
    ]


# --- MACTOR ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StudyMatrices:
    participants: list[MactorParticipant]
    objectives: list[MactorObjective]
    influences: list[list[int]]  # n × n, 0 on the diagonal
    positions: list[list[int]]  # n × m


def matrices(study: MactorStudy) -> StudyMatrices:
    participants = list(study.participants.select_related("actor"))
    objectives = list(study.objectives.all())
    p_index = {p.pk: i for i, p in enumerate(participants)}
    o_index = {o.pk: j for j, o in enumerate(objectives)}
    influences = [[0] * len(participants) for _ in participants]
    for source, target, value in study.influences.values_list("source_id", "target_id", "value"):
        influences[p_index[source]][p_index[target]] = value
    positions = [[0] * len(objectives) for _ in participants]
    for participant, objective, value in study.positions.values_list(
        "participant_id", "objective_id", "value"
    ):
        positions[p_index[participant]][o_index[objective]] = value
    return StudyMatrices(participants, objectives, influences, positions)


@transaction.atomic
def save_influences(study: MactorStudy, cells: Mapping[tuple[int, int], int]) -> None:
    """Replace the influences matrix: `cells[(source pk, target pk)]` = 0–4 (validated)."""
    study.influences.all().delete()
    MactorInfluence.objects.bulk_create(
        MactorInfluence(study=study, source_id=s, target_id=t, value=v)
        for (s, t), v in cells.items()
        if v and s != t
    )
    study.save(update_fields=["updated_at"])


@transaction.atomic
def save_positions(study: MactorStudy, cells: Mapping[tuple[int, int], int]) -> None:
    """Replace the positions matrix: `cells[(participant pk, objective pk)]` = −4…4."""
    study.positions.all().delete()
    MactorPosition.objects.bulk_create(
        MactorPosition(study=study, participant_id=p, objective_id=o, value=v)
        for (p, o), v in cells.items()
        if v
    )
    study.save(update_fields=["updated_at"])


@transaction.atomic
def set_participants(study: MactorStudy, actors: Sequence[Actor]) -> None:
    """Keep the chosen actors (with their scores), drop the others, add the new ones."""
    chosen = {a.pk for a in actors}
    study.participants.exclude(actor_id__in=chosen).delete()
    present = set(study.participants.values_list("actor_id", flat=True))
    start = len(present)
    MactorParticipant.objects.bulk_create(
        MactorParticipant(study=study, actor=actor, order=start + i)
        for i, actor in enumerate(a for a in actors if a.pk not in present)
    )


def next_objective_order(study: MactorStudy) -> int:
    last = study.objectives.order_by("-order").values_list("order", flat=True).first()
    return 0 if last is None else last + 1


@dataclass(frozen=True, slots=True)
class ActorRow:
    name: str
    category: str
    score: mc.ActorResult
    quadrant: str


@dataclass(frozen=True, slots=True)
class LabelledMatrix:
    labels: list[str]
    rows: list[tuple[str, list[float]]]


@dataclass(frozen=True, slots=True)
class MactorView:
    result: mc.MactorResult
    actors: list[ActorRow]
    objectives: list[mc.ObjectiveResult]
    weighted: LabelledMatrix  # 3MAO, actors × objectives
    convergence: LabelledMatrix  # 3CAA
    divergence: LabelledMatrix  # 3DAA
    map_svg: str
    convergence_svg: str
    divergence_svg: str


def mactor_view(study: MactorStudy) -> MactorView | None:
    """The results of a study, or None while it lacks two actors or an objective."""
    data = matrices(study)
    if len(data.participants) < 2 or not data.objectives:
        return None
    names = [p.actor.name for p in data.participants]
    result = mc.mactor(names, [o.name for o in data.objectives], data.influences, data.positions)
    mean_i = float(result.influence.mean())
    mean_d = float(result.dependence.mean())
    quadrant = {
        (True, False): "dominant",
        (True, True): "relais",
        (False, True): "dominé",
        (False, False): "autonome",
    }
    rows = [
        ActorRow(
            name=score.name,
            category=participant.actor.get_category_display(),
            score=score,
            quadrant=quadrant[score.influence >= mean_i, score.dependence >= mean_d],
        )
        for participant, score in zip(data.participants, result.actors, strict=True)
    ]
    objective_names = [o.name for o in data.objectives]

    def labelled(values: object, columns: list[str]) -> LabelledMatrix:
        return LabelledMatrix(
            columns,
            [(n, [float(v) for v in row]) for n, row in zip(names, values, strict=True)],  # type: ignore[call-overload]
        )

    points = [
        drawing.ScatterPoint(a.name, float(a.dependence), float(a.influence)) for a in result.actors
    ]
    graph_desc = (
        "Chaque acteur est un point du cercle ; un trait relie deux acteurs dont la valeur est "
        "non nulle, d'autant plus épais qu'elle est forte (tiers de la plus forte : faible, "
        "moyenne, forte). Les valeurs sont dans le tableau qui suit."
    )
    return MactorView(
        result=result,
        actors=rows,
        objectives=list(result.objectives),
        weighted=labelled(result.mao3, objective_names),
        convergence=labelled(result.convergence.third, names),
        divergence=labelled(result.divergence.third, names),
        map_svg=drawing.influence_dependence_svg(points),
        convergence_svg=drawing.pair_graph_svg(
            names,
            result.convergence.third.tolist(),
            colour="#2e6b30",
            ident="convergences",
            title="Graphe des convergences entre acteurs (ordre 3)",
            desc=graph_desc,
        ),
        divergence_svg=drawing.pair_graph_svg(
            names,
            result.divergence.third.tolist(),
            colour="#b3261e",
            ident="divergences",
            title="Graphe des divergences entre acteurs (ordre 3)",
            desc=graph_desc,
        ),
    )


# --- Cooperation -----------------------------------------------------------------------------


def agreements_of(approach: Approach) -> QuerySet[Agreement]:
    return Agreement.objects.filter(approach=approach).prefetch_related("parties", "actions")


# --- Internal governance (RACI) ----------------------------------------------------------------

STEP_CHOICES = [(step.code, step.title) for step in STEPS]


def raci_current(approach: Approach) -> dict[tuple[int, str], str]:
    return {
        (actor, step): role
        for actor, step, role in RaciAssignment.objects.filter(approach=approach).values_list(
            "actor_id", "step", "role"
        )
    }


@transaction.atomic
def save_raci(approach: Approach, cells: Mapping[tuple[int, str], str]) -> None:
    """Replace the RACI of the démarche: `cells[(actor pk, step code)]` = R, A, C or I."""
    RaciAssignment.objects.filter(approach=approach).delete()
    RaciAssignment.objects.bulk_create(
        RaciAssignment(approach=approach, actor_id=actor, step=step, role=role)
        for (actor, step), role in cells.items()
    )


def diagnosis_rows(approach: Approach) -> list[GovernanceDiagnosis]:
    """One row per criterion of the diagnosis grid, saved or blank, in the grid's order."""
    saved = {d.criterion: d for d in GovernanceDiagnosis.objects.filter(approach=approach)}
    return [
        saved.get(code) or GovernanceDiagnosis(approach=approach, criterion=code)
        for code, _ in DiagnosisCriterion.choices
    ]


@transaction.atomic
def record_diagnosis_scores(
    approach: Approach,
    scores: Mapping[str, int],
    comments: Mapping[str, Sequence[str]],
    *,
    source: str,
) -> None:
    """A workshop's scores of the diagnosis grid: each criterion's score replaced, the
    participants' comments added to its findings under the workshop's name."""
    known = {code for code, _ in DiagnosisCriterion.choices}
    for code in [c for c in (*scores, *comments) if c in known]:
        row, _ = GovernanceDiagnosis.objects.get_or_create(approach=approach, criterion=code)
        if code in scores:
            row.score = scores[code]
        said = [c.strip() for c in comments.get(code, []) if c.strip()]
        if said:
            block = f"{source} :\n" + "\n".join(f"– {c}" for c in said)
            row.findings = f"{row.findings.rstrip()}\n\n{block}" if row.findings else block
        row.save()


@transaction.atomic
def merge_workshop_matrix(
    study: MactorStudy, matrix: str, cells: Mapping[tuple[int, int], int]
) -> int:
    """A workshop's medians written into one of the study's matrices: `matrix` is
    "positions" (cells[(participant pk, objective pk)]) or "influences" (cells[(source pk,
    target pk)]). Cells the workshop did not fill keep their value; cells whose actor or
    objective left the study are ignored. Returns the number of cells written."""
    current = matrices(study)
    participants = {p.pk for p in current.participants}
    if matrix == "positions":
        objectives = {o.pk for o in current.objectives}
        merged = {
            (p.pk, o.pk): current.positions[i][j]
            for i, p in enumerate(current.participants)
            for j, o in enumerate(current.objectives)
        }
        kept = {k: v for k, v in cells.items() if k[0] in participants and k[1] in objectives}
        merged.update(kept)
        save_positions(study, merged)
    elif matrix == "influences":
        merged = {
            (p.pk, q.pk): current.influences[i][j]
            for i, p in enumerate(current.participants)
            for j, q in enumerate(current.participants)
        }
        kept = {
            k: v
            for k, v in cells.items()
            if k[0] in participants and k[1] in participants and k[0] != k[1]
        }
        merged.update(kept)
        save_influences(study, merged)
    else:
        raise ValueError(matrix)
    return len(kept)
