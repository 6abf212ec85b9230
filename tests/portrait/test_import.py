"""Importing values: every row checked first, one fault rejects the whole file."""

import io
from typing import Any

import openpyxl
import pytest

from ressort import tables
from ressort.portrait import imports
from ressort.portrait.models import IndicatorValue, Scope

HEADER = "Indicateur;Code INSEE;Année;Valeur;Unité\n"


@pytest.fixture
def indicator(approach: Any, make_indicator: Any) -> Any:
    return make_indicator("chomage", name="Taux de chômage", unit="%")


def faults(approach: Any, text: str, name: str = "valeurs.csv") -> list[str]:
    with pytest.raises(tables.TableError) as error:
        imports.import_values(approach, text.encode(), name)
    assert IndicatorValue.objects.count() == 0
    return [str(f) for f in error.value.faults]


def test_valid_csv_imports_every_place(approach: Any, indicator: Any, territories: Any) -> None:
    text = HEADER + (
        "chomage;38053;2021;7,5;%\n"
        "Taux de chômage;243800604;2021;8.1;%\n"
        "chomage;38;2021;8,3;\n"
        "chomage;FR;2021;7,9;%\n"
        "chomage;périmètre;2022;8,0;%\n"
    )
    result = imports.import_values(approach, text.encode(), "valeurs.csv")
    assert (result.created, result.updated) == (5, 0)
    assert IndicatorValue.objects.get(territory=territories["bourgoin"]).value == 7.5
    assert IndicatorValue.objects.get(territory=territories["dep"]).value == 8.3
    assert IndicatorValue.objects.get(scope=Scope.FRANCE).value == 7.9
    again = imports.import_values(approach, text.encode(), "valeurs.csv")
    assert (again.created, again.updated) == (0, 5)


def test_unknown_insee_code_rejects_the_file(approach: Any, indicator: Any) -> None:
    found = faults(approach, HEADER + "chomage;38053;2021;7,5;%\nchomage;99999;2021;7;%\n")
    assert found == [
        "Ligne 3, colonne «\u00a0Code INSEE\u00a0»\u00a0: code « 99999 » inconnu (commune) "
        "dans les territoires officiels."
    ]


def test_value_not_a_number_rejects_the_file(approach: Any, indicator: Any) -> None:
    found = faults(approach, HEADER + "chomage;38053;2021;7,5;%\nchomage;38553;2021;beaucoup;%\n")
    assert len(found) == 1
    assert found[0].startswith(
        "Ligne 3, colonne «\u00a0Valeur\u00a0»\u00a0: «\u00a0beaucoup\u00a0» n'est pas un nombre"
    )


def test_unit_mismatch_rejects_the_file(approach: Any, indicator: Any) -> None:
    found = faults(approach, HEADER + "chomage;38053;2021;750;‰\n")
    assert found[0].startswith("Ligne 2, colonne «\u00a0Unité\u00a0»\u00a0: unité « ‰ » différente")


def test_every_fault_is_listed(approach: Any, indicator: Any) -> None:
    text = HEADER + (
        "inconnu;38053;2021;1;%\n"
        "chomage;38053;2021;x;%\n"
        "chomage;12345;2021;1;%\n"
        "chomage;38053;2021;1;km\n"
        "chomage;38553;2021;1;%\n"
        "chomage;38553;2021;2;%\n"
    )
    found = faults(approach, text)
    assert any(f.startswith("Ligne 2, colonne «\u00a0Indicateur\u00a0»") for f in found)
    assert any(f.startswith("Ligne 3, colonne «\u00a0Valeur\u00a0»") for f in found)
    assert any(f.startswith("Ligne 4, colonne «\u00a0Code INSEE\u00a0»") for f in found)
    assert any(f.startswith("Ligne 5, colonne «\u00a0Unité\u00a0»") for f in found)
    assert any(f.startswith("Ligne 7\u00a0: même indicateur") for f in found)


def test_missing_column(approach: Any, indicator: Any) -> None:
    found = faults(approach, "Indicateur;Année;Valeur\nchomage;2021;1\n")
    assert (
        found[0]
        == "Ligne 1, colonne «\u00a0Code INSEE\u00a0»\u00a0: colonne obligatoire absente de la "
        "ligne d'en-tête."
    )


def test_xlsx(approach: Any, indicator: Any, territories: Any) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Indicateur", "Code INSEE", "Année", "Valeur", "Niveau"])
    sheet.append(["chomage", "84", 2021, 7.1, "région"])
    sheet.append(["chomage", "38553", 2021, "n/a", ""])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(tables.TableError) as error:
        imports.import_values(approach, out.getvalue(), "valeurs.xlsx")
    assert [str(f)[:32] for f in error.value.faults] == [
        "Ligne 3, colonne «\u00a0Valeur\u00a0»\u00a0: «\u00a0"
    ]
    sheet.delete_rows(3)
    out = io.BytesIO()
    book.save(out)
    imports.import_values(approach, out.getvalue(), "valeurs.xlsx")
    assert IndicatorValue.objects.get().territory == territories["reg"]


def test_ods(approach: Any, indicator: Any) -> None:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name="Valeurs")
    for row in (
        ["Indicateur", "Code INSEE", "Année", "Valeur"],
        ["chomage", "38053", "2020", "6,9"],
    ):
        tr = TableRow()
        for cell in row:
            tc = TableCell(valuetype="string")
            tc.addElement(P(text=cell))
            tr.addElement(tc)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    out = io.BytesIO()
    doc.write(out)
    imports.import_values(approach, out.getvalue(), "valeurs.ods")
    assert IndicatorValue.objects.get().value == 6.9
