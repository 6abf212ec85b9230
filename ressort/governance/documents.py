"""The brique « Gouvernance et coopération » in the portrait and strategy documents, as
blocks of the document engine (ressort.documents.engine: ("h2"|"h3"|"p"|"note", text),
("table", (caption, header, rows)), ("svg", (svg, alternative text))). Which parts go into
which document is the team's choice (`DocumentSections`); by default the portrait takes
the diagnosis side: the actors, the internal governance diagnosis, the balance of power of
each MACTOR study, the conflicts worked through; the strategy takes all of it with the
cooperation agreements. Only when the brique is active for the démarche and something was
recorded."""

from __future__ import annotations

from typing import Any

from ressort.analysis import typography
from ressort.approaches.models import Approach
from ressort.governance import services
from ressort.governance.models import (
    Actor,
    ActorCategory,
    Conflict,
    DocumentPart,
    DocumentSections,
    MactorStudy,
)

Block = tuple[str, Any]
MODULE = "gouvernance"


def active(approach: Approach) -> bool:
    return MODULE in (approach.modules or [])


def _records(approach: Approach) -> dict[str, Any]:
    return {
        "actors": list(Actor.objects.filter(approach=approach).order_by("name")),
        "studies": list(MactorStudy.objects.filter(approach=approach).order_by("title")),
        "diagnosis": [
            d for d in services.diagnosis_rows(approach) if d.pk and (d.score or d.recommendation)
        ],
        "conflicts": list(
            Conflict.objects.filter(approach=approach).prefetch_related("parties__actor")
        ),
        "agreements": list(services.agreements_of(approach)),
    }


def portrait_blocks(approach: Approach) -> list[Block]:
    """The parts the team put in the portrait (by default the diagnosis side: who the actors
    are and how they weigh, how the authority governs itself, which conflicts are at work).
    Nothing when the brique is off or nothing chosen was recorded."""
    if not active(approach):
        return []
    body = _chosen_blocks(approach, DocumentSections.of(approach).portrait)
    if not body:
        return []
    return [
        ("h2", "Gouvernance et coopération : les acteurs et leurs jeux"),
        (
            "p",
            "Les acteurs du territoire, la gouvernance interne de la collectivité, les rapports "
            "de force et les conflits à l'œuvre, tels que l'équipe les a retenus pour ce "
            "portrait.",
        ),
        *body,
    ]


def strategy_blocks(approach: Approach) -> list[Block]:
    """The parts the team put in the strategy (by default all of them), or nothing when the
    brique is off or nothing chosen was recorded."""
    if not active(approach):
        return []
    body = _chosen_blocks(approach, DocumentSections.of(approach).strategy)
    if not body:
        return []
    return [("h2", "Gouvernance et coopération"), *body]


def _chosen_blocks(approach: Approach, parts: list[str]) -> list[Block]:
    r = _records(approach)
    blocks: list[Block] = []
    if DocumentPart.ACTORS in parts:
        blocks += _actor_blocks(r["actors"])
    if DocumentPart.DIAGNOSIS in parts:
        blocks += _diagnosis_blocks(r["diagnosis"])
    if DocumentPart.MACTOR in parts:
        for study in r["studies"]:
            blocks += _study_blocks(study)
    if DocumentPart.CONFLICTS in parts:
        blocks += _conflict_blocks(r["conflicts"])
    if DocumentPart.AGREEMENTS in parts:
        blocks += _agreement_blocks(r["agreements"])
    return blocks


def _actor_blocks(actors: list[Actor]) -> list[Block]:
    if not actors:
        return []
    living = [a for a in actors if a.category == ActorCategory.LIVING]
    blocks: list[Block] = [
        (
            "table",
            (
                f"Acteurs du territoire ({len(actors)})",
                ["Acteur", "Catégorie", "Échelle", "Intérêt", "Influence"],
                [
                    [
                        a.name,
                        a.get_category_display(),
                        a.get_scale_display(),
                        a.get_interest_display(),
                        a.get_influence_display(),
                    ]
                    for a in actors
                ],
            ),
        )
    ]
    if living:
        blocks.append(
            (
                "note",
                f"{len(living)} acteur{'s' if len(living) > 1 else ''} de la catégorie "
                f"« {living[0].get_category_display()} » porte"
                f"{'nt' if len(living) > 1 else ''} la voix d'entités non humaines au parlement "
                "du vivant : ce ne sont pas des personnes.",
            )
        )
    return blocks


def _diagnosis_blocks(diagnosis: list[Any]) -> list[Block]:
    if not diagnosis:
        return []
    return [
        ("h3", "Gouvernance interne : diagnostic et recommandations"),
        (
            "table",
            (
                "Diagnostic de la gouvernance interne",
                ["Critère", "Appréciation", "Recommandation", "Suivi"],
                [
                    [
                        d.get_criterion_display(),
                        d.get_score_display() if d.score else "—",
                        d.recommendation or "—",
                        d.get_status_display(),
                    ]
                    for d in diagnosis
                ],
            ),
        ),
    ]


def _study_blocks(study: MactorStudy) -> list[Block]:
    view = services.mactor_view(study)
    if view is None:
        return []
    blocks: list[Block] = [("h3", f"Jeux d'acteurs : {study.title}")]
    if study.question:
        blocks.append(("p", study.question))
    blocks.append(
        (
            "table",
            (
                "Rapport de forces (r*), influence, dépendance et ambivalence",
                ["Acteur", "Influence", "Dépendance", "r*", "Ambivalence", "Position"],
                [
                    [
                        row.name,
                        typography.number(float(row.score.influence), 0),
                        typography.number(float(row.score.dependence), 0),
                        typography.number(float(row.score.r_star)),
                        typography.number(float(row.score.ambivalence)),
                        row.quadrant,
                    ]
                    for row in view.actors
                ],
            ),
        )
    )
    blocks.append(
        (
            "table",
            (
                "Mobilisation sur les objectifs (positions pondérées par le rapport de forces)",
                ["Objectif", "Pour", "Contre", "Mobilisation"],
                [
                    [
                        o.name,
                        typography.number(float(o.for_)),
                        typography.number(float(o.against)),
                        typography.number(float(o.mobilisation)),
                    ]
                    for o in view.objectives
                ],
            ),
        )
    )
    blocks.append(
        (
            "svg",
            (
                view.map_svg,
                f"Plan influence × dépendance des acteurs de « {study.title} » ; "
                "les valeurs sont dans le tableau du rapport de forces.",
                "acteurs",
                f"Source : étude MACTOR « {study.title} » de la démarche, {study.updated_at.year}.",
            ),
        )
    )
    return blocks


def _conflict_blocks(conflicts: list[Conflict]) -> list[Block]:
    if not conflicts:
        return []
    return [
        ("h3", "Conflits mis au travail"),
        (
            "table",
            (
                "Conflits entre acteurs",
                ["Conflit", "Parties", "Démarche suivie", "État", "Issue"],
                [
                    [
                        c.title,
                        ", ".join(p.label for p in c.parties.all()) or "—",
                        c.get_process_display() or "—",
                        c.get_status_display(),
                        c.outcome or "—",
                    ]
                    for c in conflicts
                ],
            ),
        ),
    ]


def _agreement_blocks(agreements: list[Any]) -> list[Block]:
    if not agreements:
        return []
    return [
        ("h3", "Coopérations"),
        (
            "table",
            (
                "Accords de coopération",
                ["Accord", "Parties", "Période", "Actions partagées"],
                [
                    [
                        a.title,
                        ", ".join(p.name for p in a.parties.all()) or "—",
                        f"{typography.short_day(a.start_date) if a.start_date else '…'} → "
                        f"{typography.short_day(a.end_date) if a.end_date else '…'}",
                        "; ".join(x.title for x in a.actions.all()) or "—",
                    ]
                    for a in agreements
                ],
            ),
        ),
    ]
