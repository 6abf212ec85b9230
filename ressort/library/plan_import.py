"""Import an existing action plan (a PCAET's action table, in XLSX, ODS or CSV) into the
démarche's ideas or actions, and export them in the same columns.

The table is declared once (`PLAN_SCHEMA`, ressort.tables): every fault is located by line
and column in French, and nothing is written unless the whole file is valid.
"""

from __future__ import annotations

import io
from typing import Any

from django.db import transaction

from ressort import tables
from ressort.approaches.models import Approach

MAX_ROWS = 2_000


def _title_fits(row: dict[str, Any]) -> str | None:
    title = row.get("title") or ""
    if len(title) > 200:
        return f"l'intitulé fait {len(title)} caractères\u00a0: 200 au plus."
    return None


PLAN_SCHEMA = tables.TableSchema(
    columns=(
        tables.Column(
            "number", "Numéro", required=False, aliases=("n°", "no", "num", "code", "référence")
        ),
        tables.Column(
            "title",
            "Intitulé",
            aliases=("action", "titre", "nom de l'action", "intitulé de l'action", "libellé"),
        ),
        tables.Column(
            "description",
            "Description",
            required=False,
            aliases=("descriptif", "contenu", "détail", "objectif"),
        ),
        tables.Column(
            "theme", "Thème", required=False, aliases=("axe", "orientation", "thématique")
        ),
    ),
    name="plan d'actions",
    validators=(_title_fits,),
)


def read_plan(data: bytes, filename: str) -> list[dict[str, Any]]:
    """The plan's rows, cleaned, or TableError with every located fault."""
    rows = tables.parse(tables.read_rows(data, filename), PLAN_SCHEMA)
    if len(rows) > MAX_ROWS:
        raise tables.TableError(
            [tables.Fault(None, None, f"{len(rows)} lignes\u00a0: {MAX_ROWS} au plus par import.")]
        )
    return rows


def import_plan(approach: Approach, rows: list[dict[str, Any]], *, into: str, source: str) -> int:
    """Create one idea or action per row (all or nothing); returns how many."""
    from ressort.actions.models import Action, Idea, Theme

    label = (source or "Plan d'actions importé")[:200]
    themes: dict[str, Theme] = {}

    def theme_of(name: str | None) -> Theme | None:
        if not name:
            return None
        name = name[:120]
        if name not in themes:
            themes[name], _ = Theme.objects.get_or_create(approach=approach, name=name)
        return themes[name]

    with transaction.atomic():
        for row in rows:
            title = row["title"]
            number = row.get("number") or ""
            description = row.get("description") or ""
            if into == "idees":
                text = f"{number} {title}".strip()
                if description:
                    text += f"\n{description}"
                Idea.objects.create(
                    approach=approach,
                    text=text,
                    source=Idea.Source.TEAM,
                    source_label=label,
                    theme=theme_of(row.get("theme")),
                )
            else:
                kind = Action.Kind.POLICY if into == "politiques" else Action.Kind.ACTION
                Action.objects.create(
                    approach=approach,
                    kind=kind,
                    title=(f"{number} {title}".strip() if number else title)[:200],
                    description=description,
                    theme=theme_of(row.get("theme")),
                )
    return len(rows)


def export_rows(approach: Approach, what: str) -> list[dict[str, Any]]:
    """The démarche's actions (or ideas) in PLAN_SCHEMA's columns: the file imports back."""
    from ressort.actions.models import Action, Idea

    if what == "idees":
        ideas = Idea.objects.filter(approach=approach).select_related("theme")
        result = []
        for i, idea in enumerate(ideas, start=1):
            title, _, rest = idea.text.partition("\n")
            result.append(
                {
                    "number": str(i),
                    "title": title[:200],
                    "description": rest.strip(),
                    "theme": idea.theme.name if idea.theme else "",
                }
            )
        return result
    kinds = [Action.Kind.POLICY] if what == "politiques" else [Action.Kind.ACTION]
    actions = Action.objects.filter(approach=approach, kind__in=kinds).select_related("theme")
    return [
        {
            "number": str(i),
            "title": action.title,
            "description": action.description,
            "theme": action.theme.name if action.theme else "",
        }
        for i, action in enumerate(actions.order_by("pk"), start=1)
    ]


def export_xlsx(rows: list[dict[str, Any]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Plan d'actions"
    sheet.append(PLAN_SCHEMA.headers)
    for row in rows:
        sheet.append(tables.safe_row([row.get(c.key) or "" for c in PLAN_SCHEMA.columns]))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
