"""The brique « Transition écologique juste » in the portrait and strategy documents, as
blocks of the document engine (ressort.documents.engine: ("h2"|"h3"|"p"|"bullet"|"note",
text), ("table", (caption, header, rows))). Only when the brique is active for the démarche
and something was recorded."""

from __future__ import annotations

from typing import Any

from ressort.analysis.typography import number, percent
from ressort.approaches.models import Approach
from ressort.justice import services

Block = tuple[str, Any]


def _active(approach: Approach) -> bool:
    return services.MODULE in (approach.modules or [])


def _size(value: int | None) -> str:
    return "inconnu" if value is None else number(value, 0)


def _representation(what: str, gaps: list[services.Gap], unanswered: int) -> list[Block]:
    caption = f"Participation par {what}"
    if unanswered:
        caption += f" ({unanswered} sans réponse, non comptée{'s' if unanswered > 1 else ''})"
    blocks: list[Block] = [
        (
            "table",
            (
                caption,
                ["", "Population", "Participants", "Part dans la population", "Part parmi eux"],
                [
                    [
                        g.row.category + (" (sous-représenté)" if g.row.under_represented else ""),
                        number(g.row.population, 0),
                        str(g.row.participants),
                        percent(g.row.population_share, ratio=True),
                        percent(g.row.participant_share, ratio=True),
                    ]
                    for g in gaps
                ],
            ),
        )
    ]
    for gap in gaps:
        if gap.outreach:
            blocks.append(
                (
                    "bullet",
                    f"Aller vers {gap.row.category} ({gap.outreach.label.lower()}) : "
                    + " ; ".join(gap.outreach.suggestions)
                    + ".",
                )
            )
    return blocks


def portrait_blocks(approach: Approach) -> list[Block]:
    """« Qui vit ici »: the population groups with their sizes, and who took part."""
    if not _active(approach):
        return []
    groups = services.groups_of(approach)
    taking_part = services.participation_view(approach)
    if not (groups or taking_part.total):
        return []
    blocks: list[Block] = [("h2", "Qui vit ici : les groupes de population")]
    if groups:
        blocks.append(
            (
                "table",
                (
                    f"Groupes de population ({len(groups)})",
                    ["Groupe", "Critère", "Vulnérable", "Effectif dans le périmètre", "Source"],
                    [
                        [
                            g.name + (" [illustratif]" if g.illustrative else ""),
                            g.get_dimension_display(),
                            "oui" if g.vulnerable else "non",
                            _size(g.total),  # type: ignore[attr-defined]
                            g.source or "—",
                        ]
                        for g in groups
                    ],
                ),
            )
        )
    if taking_part.total:
        blocks.append(("h3", "Qui a participé"))
        blocks.append(
            (
                "p",
                f"{taking_part.total} participation{'s' if taking_part.total > 1 else ''} aux "
                "ateliers et consultations, comparées à la population du périmètre ; un groupe "
                "est sous-représenté quand sa part parmi les participants est inférieure aux "
                "quatre cinquièmes de sa part dans la population.",
            )
        )
        if taking_part.by_age:
            blocks += _representation(
                "tranche d'âge", taking_part.by_age, taking_part.unanswered_age
            )
        if taking_part.by_commune:
            blocks += _representation(
                "commune", taking_part.by_commune, taking_part.unanswered_commune
            )
    return blocks


def strategy_blocks(approach: Approach) -> list[Block]:
    """« Une transition juste »: what the plan does to each group, the actions that weigh on
    a vulnerable group with the remedies adopted, and how acceptable each measure is."""
    if not _active(approach):
        return []
    view = services.justice_view(approach)
    touched = [b for b in view.balances if b.actions]
    if not (touched or view.flags or view.acceptability):
        return []
    blocks: list[Block] = [("h2", "Une transition juste")]
    if touched:
        blocks.append(
            (
                "table",
                (
                    "Ce que le plan fait à chaque groupe (gains et coûts de 0 à 3, sommés)",
                    ["Groupe", "Bilan", "Gains", "Coûts", "Risque d'être laissé de côté"],
                    [
                        [
                            b.group.name + (" (vulnérable)" if b.group.vulnerable else ""),
                            b.verdict_label,
                            str(b.gains),
                            str(b.costs),
                            " ; ".join(b.exclusion_risks) or "—",
                        ]
                        for b in touched
                    ],
                ),
            )
        )
    if view.flags:
        blocks.append(("h3", "Actions qui pèsent sur un groupe vulnérable"))
        for row in view.flags:
            remedies = (
                " Remède adopté : "
                + " ; ".join(f"{r.kind_label()} — {r.description}" for r in row.remedies)
                + "."
                if row.remedies
                else " Aucun remède adopté pour l'instant."
            )
            blocks.append(
                (
                    "bullet",
                    f"{row.flag.action} → {row.flag.group} : "
                    + ", ".join(row.flag.reasons)
                    + "."
                    + remedies,
                )
            )
    if view.acceptability:
        blocks.append(("h3", "Acceptabilité des mesures"))
        blocks.append(
            (
                "table",
                (
                    "Réponses des habitants, moyennes de 1 (pas du tout) à 4 (tout à fait)",
                    [
                        "Action",
                        "Groupe",
                        "Réponses",
                        "Acceptable",
                        "Abordable",
                        "La trouvent acceptable",
                    ],
                    [
                        [
                            r.action,
                            r.group,
                            str(r.answers),
                            number(r.acceptable, 1),
                            number(r.affordable, 1),
                            percent(r.share_acceptable, ratio=True),
                        ]
                        for rows in view.acceptability.values()
                        for r in rows
                    ],
                ),
            )
        )
    return blocks
