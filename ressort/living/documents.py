"""The brique « Lecture du vivant » in the portrait and strategy documents, as blocks of the
document engine (ressort.documents.engine: ("h2"|"h3"|"p"|"bullet"|"note", text),
("table", (caption, header, rows))). Only when the brique is active for the démarche and
something was recorded; the voices of the living are printed apart from humans'."""

from __future__ import annotations

from typing import Any

from ressort.approaches.models import Approach
from ressort.living import services
from ressort.living.models import Position, Statement

Block = tuple[str, Any]


def _lines(values: list[str]) -> str:
    return " ; ".join(values) or "—"


def portrait_blocks(approach: Approach) -> list[Block]:
    """« Le vivant du territoire »: milieux, species, protected areas, with their evidence."""
    if not services.is_active(approach):
        return []
    milieux = services.milieux_of(approach)
    species = services.species_of(approach)
    areas = services.areas_of(approach)
    if not (milieux or species or areas):
        return []
    blocks: list[Block] = [
        ("h2", "Le vivant du territoire"),
        (
            "p",
            "Les milieux et les espèces du territoire, leur état, ce qui pèse sur eux et ce que "
            "le territoire en reçoit.",
        ),
    ]
    if milieux:
        blocks.append(
            (
                "table",
                (
                    f"Milieux ({len(milieux)})",
                    ["Milieu", "Nature", "État et tendance", "Pressions", "Services rendus"],
                    [
                        [
                            m.name + (" [illustratif]" if m.illustrative else ""),
                            m.get_kind_display(),
                            f"{m.get_state_display()}, {m.get_trend_display().lower()}",
                            _lines(m.pressure_lines()),
                            ", ".join(m.service_labels()) or "—",
                        ]
                        for m in milieux
                    ],
                ),
            )
        )
    if species:
        blocks.append(
            (
                "table",
                (
                    f"Espèces suivies ({len(species)})",
                    ["Espèce", "Statut", "État et tendance", "Milieux de vie", "Pressions"],
                    [
                        [
                            s.name
                            + (f" ({s.scientific_name})" if s.scientific_name else "")
                            + (" [illustratif]" if s.illustrative else ""),
                            s.get_status_display(),
                            f"{s.get_state_display()}, {s.get_trend_display().lower()}",
                            ", ".join(m.name for m in s.milieux.all()) or "—",
                            _lines(s.pressure_lines()),
                        ]
                        for s in species
                    ],
                ),
            )
        )
    evidence = [(m.name, m.evidence_lines()) for m in milieux] + [
        (s.name, s.evidence_lines()) for s in species
    ]
    if any(lines for _, lines in evidence):
        blocks.append(("h3", "Éléments de preuve"))
        for name, lines in evidence:
            for line in lines:
                blocks.append(("bullet", f"{name} : {line}"))
    chains = [
        (m.name, node.chain.name, node.label) for m in milieux for node in m.chain_nodes.all()
    ]
    if chains:
        blocks.append(
            (
                "p",
                "Dans les chaînes d'impacts : "
                + " ; ".join(f"{m} (« {label} », chaîne « {chain} »)" for m, chain, label in chains)
                + ".",
            )
        )
    if areas:
        blocks.append(
            ("p", "Espaces protégés ou inventoriés : " + ", ".join(a.name for a in areas) + ".")
        )
    return blocks


def voices(approach: Approach) -> list[Statement]:
    """The spokespeople's statements that take a position on an action or a conflict of use."""
    return list(
        Statement.objects.filter(spokesperson__parliament__approach=approach)
        .exclude(position=Position.NONE, grade=None)
        .exclude(action=None, resource=None)
        .select_related("spokesperson__parliament", "action", "resource")
        .order_by("action__title", "resource__name", "spokesperson__entity", "pk")
    )


def strategy_blocks(approach: Approach) -> list[Block]:
    """« Le vivant dans le plan »: what the plan does to each milieu, the ERC sequence of each
    harm, and the voices of the living on the actions, apart from humans'."""
    if not services.is_active(approach):
        return []
    plan = services.plan_view(approach)
    spoken = voices(approach)
    touched = [b for b in plan.balances if b.helped_by or b.harmed_by]
    if not (touched or plan.harms or spoken):
        return []
    blocks: list[Block] = [("h2", "Le vivant dans le plan d'actions")]
    if touched:
        blocks.append(
            (
                "table",
                (
                    "Ce que le plan fait aux milieux (effets de −2 à +2)",
                    ["Milieu", "Bilan", "Aidé par", "Atteint par"],
                    [
                        [
                            b.milieu,
                            f"{b.verdict_label} ({b.net:+d})".replace("-", "−"),
                            _lines([f"{a} (+{v})" for a, v in b.helped_by]),
                            _lines([f"{a} ({v})".replace("-", "−") for a, v in b.harmed_by]),
                        ]
                        for b in touched
                    ],
                ),
            )
        )
    if plan.harms:
        blocks.append(("h3", "Éviter, réduire, compenser"))
        blocks.append(
            (
                "table",
                (
                    "Éviter, réduire, compenser : les actions qui portent atteinte à un milieu",
                    ["Action → milieu", "Séquence", "Éviter", "Réduire", "Compenser"],
                    [
                        [
                            f"{e.action.title} → {e.milieu.name} ({e.effect})".replace("-", "−"),
                            e.erc().label,
                            e.avoid or "—",
                            e.reduce or "—",
                            e.compensate
                            or ("pas d'atteinte résiduelle" if not e.residual_harm else "—"),
                        ]
                        for e in plan.harms
                    ],
                ),
            )
        )
    if spoken:
        blocks.append(("h3", "Les voix du vivant"))
        blocks.append(
            (
                "p",
                "Ce que les porte-parole des milieux et des espèces ont dit au parlement du "
                "vivant. Ces voix sont rapportées à part : elles ne sont comptées ni dans les "
                "votes des participants ni dans les décisions.",
            )
        )
        blocks.append(
            (
                "table",
                (
                    "Positions des porte-parole du vivant",
                    ["Sur", "Porte-parole de", "Position", "Mention", "Déclaration"],
                    [
                        [
                            s.subject(),
                            s.spokesperson.entity,
                            s.get_position_display(),
                            s.grade_label() or "—",
                            s.text,
                        ]
                        for s in spoken
                    ],
                ),
            )
        )
    return blocks
