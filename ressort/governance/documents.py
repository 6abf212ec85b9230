"""The brique « Gouvernance et coopération » in the strategy document: the actors, the
balance of power of each MACTOR study, the internal governance diagnosis, the conflicts
worked through and the cooperation agreements — as blocks of the strategy document's
outline (ressort.strategy.documents: ("h2"|"h3"|"p"|"note", text), ("table", (caption,
header, rows)), ("svg", (svg, alternative text))). Only when the brique is active for the
démarche and something was recorded."""

from __future__ import annotations

from typing import Any

from ressort.approaches.models import Approach
from ressort.documents import typography
from ressort.governance import services
from ressort.governance.models import Actor, Conflict, MactorStudy

Block = tuple[str, Any]
MODULE = "gouvernance"


def _decimal(value: float, digits: int = 2) -> str:
    return typography.number(value, digits)  # the one French number formatter


def _date(value: Any) -> str:
    return f"{value:%d/%m/%Y}" if value else "…"


def active(approach: Approach) -> bool:
    return MODULE in (approach.modules or [])


def strategy_blocks(approach: Approach) -> list[Block]:
    """The section, or nothing when the brique is off or nothing was recorded."""
    if not active(approach):
        return []
    actors = list(Actor.objects.filter(approach=approach).order_by("name"))
    studies = list(MactorStudy.objects.filter(approach=approach).order_by("title"))
    diagnosis = [
        d for d in services.diagnosis_rows(approach) if d.pk and (d.score or d.recommendation)
    ]
    conflicts = list(Conflict.objects.filter(approach=approach).prefetch_related("parties__actor"))
    agreements = list(services.agreements_of(approach))
    if not (actors or studies or diagnosis or conflicts or agreements):
        return []
    blocks: list[Block] = [("h2", "Gouvernance et coopération")]
    if actors:
        blocks.append(
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
        )
    if diagnosis:
        blocks.append(("h3", "Gouvernance interne : diagnostic et recommandations"))
        blocks.append(
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
            )
        )
    for study in studies:
        view = services.mactor_view(study)
        if view is None:
            continue
        blocks.append(("h3", f"Jeux d'acteurs : {study.title}"))
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
                            _decimal(float(row.score.influence), 0),
                            _decimal(float(row.score.dependence), 0),
                            _decimal(float(row.score.r_star)),
                            _decimal(float(row.score.ambivalence)),
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
                            _decimal(float(o.for_)),
                            _decimal(float(o.against)),
                            _decimal(float(o.mobilisation)),
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
                    f"Source : étude MACTOR « {study.title} » de la démarche, "
                    f"{study.updated_at.year}.",
                ),
            )
        )
    if conflicts:
        blocks.append(("h3", "Conflits mis au travail"))
        blocks.append(
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
            )
        )
    if agreements:
        blocks.append(("h3", "Coopérations"))
        blocks.append(
            (
                "table",
                (
                    "Accords de coopération",
                    ["Accord", "Parties", "Période", "Actions partagées"],
                    [
                        [
                            a.title,
                            ", ".join(p.name for p in a.parties.all()) or "—",
                            f"{_date(a.start_date)} → {_date(a.end_date)}",
                            "; ".join(x.title for x in a.actions.all()) or "—",
                        ]
                        for a in agreements
                    ],
                ),
            )
        )
    return blocks
