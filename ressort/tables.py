"""Tables that users import and export (CSV, XLSX, ODS), declared once as a schema.

An import reads the whole file, checks every row against the schema, and either returns
all rows cleaned or raises TableError listing every fault by line and column, in French —
nothing is written by the caller until the whole file is valid. Exports use the same
schema (same French headers), so an exported file can be edited and imported back.
Every CSV export of Ressort goes through `csv_text` (and every XLSX/ODS row through
`safe_row`), which neutralise spreadsheet formulas (analysis.spreadsheet_cells).
Pure Python: no Django here.
"""

from __future__ import annotations

import csv
import io
import math
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ressort.analysis import typography
from ressort.analysis.spreadsheet_cells import neutralise, restore
from ressort.territories.text import normalize

MAX_FAULTS = 50
MAX_UNPACKED_BYTES = 60 * 1024 * 1024  # a workbook's content once unzipped (zip bombs)


@dataclass(frozen=True, slots=True)
class Fault:
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.line is not None:
            where.append(f"ligne {self.line}")
        if self.column is not None:
            where.append(f"colonne «\u00a0{self.column}\u00a0»")
        prefix = ", ".join(where)
        return f"{prefix[:1].upper()}{prefix[1:]}\u00a0: {self.message}" if prefix else self.message


class TableError(ValueError):
    def __init__(self, faults: Sequence[Fault]) -> None:
        self.faults = list(faults)
        super().__init__("\n".join(str(f) for f in self.faults))


def _text(raw: str) -> str:
    return raw


def _decimal(raw: str) -> float:
    value = float(typography.read_number(raw))
    if not math.isfinite(value):
        raise ValueError(f"{typography.quoted(raw)} n'est pas un nombre fini.")
    return value


def _integer(raw: str) -> int:
    number = _decimal(raw)
    if number != int(number):
        raise ValueError(f"«\u00a0{raw}\u00a0» n'est pas un nombre entier.")
    return int(number)


def _year(raw: str) -> int:
    year = _integer(raw)
    if not 1800 <= year <= 2200:
        raise ValueError(f"«\u00a0{raw}\u00a0» n'est pas une année plausible (1800 à 2200).")
    return year


_INSEE = re.compile(r"^(\d{5}|2[AB]\d{3}|\d{9}|\d{2,3}|2[AB])$")  # Corsica: 2A, 2B, 2A004


def _insee(raw: str) -> str:
    code = raw.strip().upper()
    if code.isdigit() and len(code) == 4:  # a spreadsheet ate the leading zero: 1001 → 01001
        code = "0" + code
    if not _INSEE.match(code):
        raise ValueError(
            f"«\u00a0{raw}\u00a0» n'est pas un code INSEE (5 caractères), un SIREN d'EPCI "
            "(9 chiffres) ou un code de département ou de région."
        )
    return code


PARSERS: dict[str, Callable[[str], Any]] = {
    "text": _text,
    "decimal": _decimal,
    "integer": _integer,
    "year": _year,
    "insee": _insee,
}


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    label: str
    kind: str = "text"
    required: bool = True
    help: str = ""
    aliases: tuple[str, ...] = ()

    def matches(self, header: str) -> bool:
        wanted = {normalize(self.label), normalize(self.key), *map(normalize, self.aliases)}
        return normalize(header) in wanted


@dataclass(frozen=True, slots=True)
class TableSchema:
    columns: tuple[Column, ...]
    name: str = "tableau"
    validators: tuple[Callable[[dict[str, Any]], str | None], ...] = field(default=())

    @property
    def headers(self) -> list[str]:
        return [c.label for c in self.columns]


def read_rows(data: bytes, filename: str) -> list[list[str]]:
    """The cells of the first sheet (XLSX, ODS) or of a CSV file, as strings."""
    name = filename.lower()
    if name.endswith((".xlsx", ".xlsm", ".ods")):
        _check_unpacked_size(data, filename)
    if name.endswith((".xlsx", ".xlsm", ".ods", ".xls")):
        try:
            from python_calamine import CalamineWorkbook

            book = CalamineWorkbook.from_filelike(io.BytesIO(data))
            sheet = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
        except Exception as exc:  # calamine raises its own error types
            raise TableError(
                [Fault(None, None, f"Le fichier {filename} ne peut pas être lu comme classeur.")]
            ) from exc
        return [[_cell_text(c) for c in row] for row in sheet]
    if name.endswith((".csv", ".txt")):
        text = _decode_csv(data)
        sample = text[:4096]
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        rows: list[list[str]] = []
        try:
            for row in reader:
                rows.append(row)
        except csv.Error:  # a cell beyond the csv module's limit, an unclosed quote…
            raise TableError(
                [
                    Fault(
                        reader.line_num,
                        None,
                        "ligne illisible\u00a0: une cellule dépasse "
                        f"{csv.field_size_limit() // 1024} Ko ou un guillemet n'est pas refermé.",
                    )
                ]
            ) from None
        return rows
    raise TableError(
        [
            Fault(
                None,
                None,
                f"Format non pris en charge\u00a0: {filename}. Utilisez CSV, XLSX ou ODS.",
            )
        ]
    )


def _decode_csv(data: bytes) -> str:
    """The CSV's text: UTF-8 (with or without its mark), UTF-16 with its mark (Excel's
    « Texte Unicode »), or Windows' cp1252; a NUL character is refused where it is."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise TableError(
                [Fault(None, None, "Fichier UTF-16 illisible\u00a0: enregistrez le CSV en UTF-8.")]
            ) from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:  # Excel's "CSV" on Windows
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                raise TableError(
                    [Fault(None, None, "Encodage inconnu\u00a0: enregistrez le CSV en UTF-8.")]
                ) from None
    if "\0" in text:
        line = text.count("\n", 0, text.index("\0")) + 1
        raise TableError(
            [
                Fault(
                    line,
                    None,
                    "caractère nul\u00a0: ce n'est pas un fichier CSV texte (enregistrez-le au "
                    "format «\u00a0CSV UTF-8\u00a0»).",
                )
            ]
        )
    return text


def _check_unpacked_size(data: bytes, filename: str) -> None:
    """Refuse a workbook (a zip) that unpacks beyond MAX_UNPACKED_BYTES, before parsing it.

    The members are decompressed and counted, not trusted from the sizes the zip declares:
    a few megabytes of zip can unpack to gigabytes (a zip bomb).
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError):
        return  # not a zip: the reader says the file cannot be read
    total = 0
    too_big = Fault(
        None,
        None,
        f"Le classeur {filename} se décompresse en plus de "
        f"{MAX_UNPACKED_BYTES // (1024 * 1024)} Mo\u00a0: il est refusé. Enregistrez seulement la "
        "feuille à importer, ou un CSV.",
    )
    with archive:
        for info in archive.infolist():
            if info.file_size > MAX_UNPACKED_BYTES:
                raise TableError([too_big])
            try:
                with archive.open(info) as member:
                    while chunk := member.read(1024 * 1024):
                        total += len(chunk)
                        if total > MAX_UNPACKED_BYTES:
                            raise TableError([too_big])
            except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError):
                return  # damaged or encrypted: the reader says the file cannot be read


def _cell_text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def parse(rows: Iterable[Sequence[str]], schema: TableSchema) -> list[dict[str, Any]]:
    """Validate every row (line numbers as in a spreadsheet: the header is line 1)."""
    iterator = iter(rows)
    try:
        header = [h.strip() for h in next(iterator)]
    except StopIteration:
        raise TableError([Fault(None, None, "Le fichier est vide.")]) from None
    faults: list[Fault] = []
    positions: dict[str, int] = {}
    for column in schema.columns:
        found = [i for i, h in enumerate(header) if column.matches(h)]
        if found:
            positions[column.key] = found[0]
        elif column.required:
            faults.append(
                Fault(1, column.label, "colonne obligatoire absente de la ligne d'en-tête.")
            )
    if faults:
        expected = ", ".join(f"«\u00a0{c.label}\u00a0»" for c in schema.columns)
        faults.append(Fault(1, None, f"Colonnes attendues\u00a0: {expected}."))
        raise TableError(faults)
    result: list[dict[str, Any]] = []
    for line, row in enumerate(iterator, start=2):
        if not any(str(cell).strip() for cell in row):
            continue
        clean: dict[str, Any] = {"_line": line}
        for column in schema.columns:
            index = positions.get(column.key)
            raw = str(row[index]).strip() if index is not None and index < len(row) else ""
            raw = restore(raw)
            if raw == "":
                if column.required:
                    faults.append(Fault(line, column.label, "valeur manquante."))
                clean[column.key] = None
                continue
            try:
                clean[column.key] = PARSERS[column.kind](raw)
            except ValueError as error:
                faults.append(Fault(line, column.label, str(error)))
        for validator in schema.validators:
            message = validator(clean)
            if message:
                faults.append(Fault(line, None, message))
        result.append(clean)
        if len(faults) >= MAX_FAULTS:
            faults.append(
                Fault(None, None, f"Plus de {MAX_FAULTS} erreurs\u00a0: lecture arrêtée.")
            )
            break
    if faults:
        raise TableError(faults)
    if not result:
        raise TableError([Fault(None, None, "Le fichier ne contient aucune ligne de données.")])
    return result


def write_csv(schema: TableSchema, rows: Iterable[dict[str, Any]]) -> str:
    """CSV with the schema's French headers (semicolons and decimal commas, as in France)."""
    return csv_text(
        [
            schema.headers,
            *([_format(row.get(c.key), c.kind) for c in schema.columns] for row in rows),
        ]
    )


def csv_text(
    rows: Iterable[Sequence[Any]],
    *,
    delimiter: str = ";",
    byte_order_mark: bool = True,
    lineterminator: str = "\r\n",
) -> str:
    """The one CSV writer of Ressort's exports: every cell that a spreadsheet would run as a
    formula is neutralised (a leading apostrophe); the byte-order mark makes Excel read UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=lineterminator)
    for row in rows:
        writer.writerow(safe_row(row))
    return ("\ufeff" if byte_order_mark else "") + out.getvalue()


def safe_row(values: Iterable[Any]) -> list[Any]:
    """A row for any spreadsheet writer (CSV, XLSX, ODS), formulas neutralised."""
    return [neutralise(value) for value in values]


def _format(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "decimal":
        return typography.decimal_cell(value)
    return str(value)


ODS_CONTENT_TYPE = "application/vnd.oasis.opendocument.spreadsheet"


def xlsx_to_ods(data: bytes) -> bytes:
    """The same workbook as OpenDocument (LibreOffice's own format), for every XLSX export:
    same sheets, same cells; numbers stay numbers, dates stay dates (shown dd/mm/yyyy), text
    stays text (an ODS cell is a formula only through its formula attribute, never set)."""
    import datetime as dt

    from odf.number import DateStyle, Day, Month, Text, Year
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style
    from odf.table import Table, TableCell, TableRow
    from odf.text import P
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), data_only=True)
    doc = OpenDocumentSpreadsheet()
    date_format = DateStyle(name="date-fr")
    date_format.addElement(Day(style="long"))
    date_format.addElement(Text(text="/"))
    date_format.addElement(Month(style="long"))
    date_format.addElement(Text(text="/"))
    date_format.addElement(Year(style="long"))
    doc.automaticstyles.addElement(date_format)
    date_style = Style(name="cellule-date", family="table-cell", datastylename="date-fr")
    doc.automaticstyles.addElement(date_style)
    for sheet in book.worksheets:
        table = Table(name=sheet.title)
        for row in sheet.iter_rows(values_only=True):
            table_row = TableRow()
            for value in row:
                if value is None:
                    cell = TableCell()
                elif isinstance(value, bool):
                    cell = TableCell(valuetype="string")
                    cell.addElement(P(text="oui" if value else "non"))
                elif isinstance(value, int | float):
                    cell = TableCell(valuetype="float", value=value)
                    cell.addElement(P(text=typography.decimal_cell(value)))
                elif isinstance(value, dt.datetime | dt.date):
                    day = value.date() if isinstance(value, dt.datetime) else value
                    cell = TableCell(
                        valuetype="date", datevalue=day.isoformat(), stylename=date_style
                    )
                    cell.addElement(P(text=f"{day:%d/%m/%Y}"))
                else:
                    cell = TableCell(valuetype="string")
                    cell.addElement(P(text=str(value)))
                table_row.addElement(cell)
            table.addElement(table_row)
        doc.spreadsheet.addElement(table)
    out = io.BytesIO()
    doc.write(out)
    return out.getvalue()
