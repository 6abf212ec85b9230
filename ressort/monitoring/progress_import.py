"""Action progress as a table (CSV, XLSX, ODS): export of the current state, import back.

One schema for both ways (ressort/tables.py): the whole file is checked — actions found by
their title in this démarche, statuses by code or label, progress 0–100, amounts ≥ 0 —
then every row is written through strategy.services.record_progress in one transaction.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from ressort import tables
from ressort.approaches.models import Approach
from ressort.territories.text import normalize

SCHEMA = tables.TableSchema(
    name="avancement des actions",
    columns=(
        tables.Column("action", "Action", help="Intitulé exact de l'action."),
        tables.Column("status", "Statut", required=False, aliases=("statut",)),
        tables.Column(
            "progress", "Avancement (%)", kind="integer", required=False, aliases=("avancement",)
        ),
        tables.Column(
            "spent",
            "Dépensé dans l'année (€)",
            kind="decimal",
            required=False,
            aliases=("depense", "dépensé"),
        ),
        tables.Column("year", "Année", kind="year", required=False, aliases=("annee",)),
    ),
)


def _statuses() -> dict[str, str]:
    """Code or label (normalised) → status code."""
    from ressort.strategy.models import SheetStatus

    known = {}
    for value, label in SheetStatus.choices:
        known[normalize(value)] = value
        known[normalize(str(label))] = value
    return known


def export_csv(approach: Approach, rows: list[dict[str, Any]]) -> str:
    from ressort.strategy.models import SheetStatus

    labels = dict(SheetStatus.choices)
    year = timezone.localdate().year
    return tables.write_csv(
        SCHEMA,
        [
            {
                "action": r["action"].title,
                "status": labels.get(r["status"], r["status"]),
                "progress": r["progress"],
                "spent": None,
                "year": year,
            }
            for r in rows
        ],
    )


def read(
    approach: Approach, data: bytes, filename: str, rows: list[dict[str, Any]]
) -> list[tuple[Any, dict[str, Any]]]:
    """Every change asked by the file, or TableError naming each fault by line and column."""
    parsed = tables.parse(tables.read_rows(data, filename), SCHEMA)
    by_title: dict[str, list[Any]] = {}
    for r in rows:
        by_title.setdefault(normalize(r["action"].title), []).append(r["action"])
    statuses = _statuses()
    faults: list[tables.Fault] = []
    changes: list[tuple[Any, dict[str, Any]]] = []
    seen: dict[int, int] = {}
    for row in parsed:
        line = row["_line"]
        found = by_title.get(normalize(row["action"] or ""), [])
        if not found:
            faults.append(
                tables.Fault(
                    line,
                    "Action",
                    f"« {row['action']} » : aucune fiche action de ce nom dans la démarche.",
                )
            )
            continue
        if len(found) > 1:
            faults.append(
                tables.Fault(
                    line,
                    "Action",
                    f"« {row['action']} » : plusieurs actions portent ce nom ; renommez-les.",
                )
            )
            continue
        action = found[0]
        if action.pk in seen:
            faults.append(
                tables.Fault(line, "Action", f"action déjà mise à jour ligne {seen[action.pk]}.")
            )
            continue
        seen[action.pk] = line
        wanted: dict[str, Any] = {}
        if row["status"]:
            status = statuses.get(normalize(row["status"]))
            if status is None:
                faults.append(
                    tables.Fault(
                        line,
                        "Statut",
                        f"« {row['status']} » inconnu "
                        "(idée, planifiée, engagée, réalisée, abandonnée).",
                    )
                )
            else:
                wanted["status"] = status
        if row["progress"] is not None:
            if not 0 <= row["progress"] <= 100:
                faults.append(tables.Fault(line, "Avancement (%)", "entre 0 et 100."))
            else:
                wanted["progress"] = row["progress"]
        if row["spent"] is not None:
            if row["spent"] < 0:
                faults.append(tables.Fault(line, "Dépensé dans l'année (€)", "un montant positif."))
            else:
                wanted["spent"] = Decimal(str(row["spent"]))
                wanted["year"] = row["year"] or timezone.localdate().year
        if wanted:
            changes.append((action, wanted))
    if faults:
        raise tables.TableError(faults)
    return changes


@transaction.atomic
def write(approach: Approach, changes: list[tuple[Any, dict[str, Any]]], user: Any) -> int:
    from ressort.strategy import services as strategy

    for action, wanted in changes:
        strategy.record_progress(approach, action, user=user, **wanted)
    return len(changes)
