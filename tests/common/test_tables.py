"""Table imports: CSV, XLSX and ODS read alike; every fault named by line and column."""

import io
import zipfile
from typing import Any

import openpyxl
import pytest

from ressort.tables import Column, TableError, TableSchema, parse, read_rows, write_csv

SCHEMA = TableSchema(
    columns=(
        Column("code", "Code INSEE", "insee"),
        Column("year", "Année", "year"),
        Column("value", "Valeur", "decimal"),
        Column("unit", "Unité", "text", required=False),
    ),
    validators=(lambda row: "unité inconnue « kg »." if row.get("unit") == "kg" else None,),
)


def ods(rows: list[list[str]]) -> bytes:
    """A minimal OpenDocument spreadsheet, as LibreOffice would save it."""
    cells = "".join(
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{c}</text:p></table:table-cell>'
            for c in row
        )
        + "</table:table-row>"
        for row in rows
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="Feuille1">{cells}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)
    return buffer.getvalue()


def xlsx(rows: list[list[Any]]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


GOOD = [["Code INSEE", "Année", "Valeur"], ["38053", "2022", "12,5"], ["2A004", "2021", "3"]]


@pytest.mark.parametrize(
    ("data", "name"),
    [
        ("\n".join(";".join(r) for r in GOOD).encode("utf-8-sig"), "valeurs.csv"),
        (
            "\n".join(",".join(r) for r in [GOOD[0], ["38053", "2022", "12.5"], GOOD[2]]).encode(),
            "v.csv",
        ),
        (xlsx([GOOD[0], ["38053", 2022, 12.5], ["2A004", 2021, 3]]), "valeurs.xlsx"),
        (ods(GOOD), "valeurs.ods"),
    ],
)
def test_the_same_table_reads_alike_from_each_format(data: bytes, name: str) -> None:
    rows = parse(read_rows(data, name), SCHEMA)
    assert [(r["code"], r["year"], r["value"]) for r in rows] == [
        ("38053", 2022, 12.5),
        ("2A004", 2021, 3.0),
    ]


def test_every_fault_is_named_by_line_and_column() -> None:
    data = "Code INSEE;Année;Valeur;Unité\n38053;2022;abc;\n99;1700;4;kg\n;2020;;\n"
    with pytest.raises(TableError) as error:
        parse(read_rows(data.encode(), "f.csv"), SCHEMA)
    messages = [str(f) for f in error.value.faults]
    assert messages == [
        "Ligne 2, colonne «\u00a0Valeur\u00a0»\u00a0: «\u00a0abc\u00a0» n'est pas un nombre "
        "(exemples\u00a0: 12,5 ou 12.5).",
        "Ligne 3, colonne «\u00a0Année\u00a0»\u00a0: «\u00a01700\u00a0» n'est pas une année "
        "plausible (1800 à 2200).",
        "Ligne 3\u00a0: unité inconnue « kg ».",
        "Ligne 4, colonne «\u00a0Code INSEE\u00a0»\u00a0: valeur manquante.",
        "Ligne 4, colonne «\u00a0Valeur\u00a0»\u00a0: valeur manquante.",
    ]


def test_missing_columns_and_empty_files() -> None:
    with pytest.raises(
        TableError, match="colonne «\u00a0Valeur\u00a0»\u00a0: colonne obligatoire absente"
    ):
        parse([["code insee", "annee"], ["38053", "2020"]], SCHEMA)
    with pytest.raises(TableError, match="Le fichier est vide"):
        parse([], SCHEMA)
    with pytest.raises(TableError, match="aucune ligne de données"):
        parse([GOOD[0], ["", "", ""]], SCHEMA)
    with pytest.raises(TableError, match="Format non pris en charge"):
        read_rows(b"x", "valeurs.pdf")
    with pytest.raises(TableError, match="ne peut pas être lu comme classeur"):
        read_rows(b"not a zip", "valeurs.xlsx")


def test_a_leading_zero_eaten_by_a_spreadsheet_is_restored() -> None:
    rows = parse([GOOD[0], ["1001", "2020", "1"]], SCHEMA)
    assert rows[0]["code"] == "01001"


def test_export_mirrors_import() -> None:
    text = write_csv(SCHEMA, [{"code": "38053", "year": 2022, "value": 12.5, "unit": "%"}])
    assert text.startswith("\ufeffCode INSEE;Année;Valeur;Unité")
    rows = parse(read_rows(text.encode("utf-8"), "export.csv"), SCHEMA)
    assert rows[0]["value"] == 12.5 and rows[0]["unit"] == "%"


def test_corsica_codes_are_accepted() -> None:
    """Corsica's départements are 2A and 2B, its communes 2A004 (Ajaccio), 2B033 (Bastia);
    lower case as typed is accepted too."""
    rows = parse(
        [
            GOOD[0],
            ["2A", "2020", "1"],
            ["2b", "2020", "1"],
            ["2A004", "2020", "1"],
            ["2b033", "2020", "1"],
        ],
        SCHEMA,
    )
    assert [r["code"] for r in rows] == ["2A", "2B", "2A004", "2B033"]
    with pytest.raises(TableError, match="«\u00a02C\u00a0» n'est pas un code INSEE"):
        parse([GOOD[0], ["2C", "2020", "1"]], SCHEMA)
