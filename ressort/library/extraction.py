"""What a library file is, whether it is safe to open, and its text.

Formats: PDF (pypdf), DOCX (python-docx), ODT (odfpy), XLSX and ODS (python-calamine),
images (stored, no text: no character recognition), plain text. A file is checked before
anything parses it: its first bytes must match its extension, and an office file (a zip) is
unpacked in counting mode first (a zip bomb is refused, ressort.tables). Pure Python: no
Django here.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from ressort import tables

MAX_TEXT_CHARS = 5_000_000  # a 2,000-page plan is about 4 million characters

FORMATS: dict[str, tuple[str, tuple[bytes, ...]]] = {
    "pdf": ("application/pdf", (b"%PDF",)),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    "odt": ("application/vnd.oasis.opendocument.text", (b"PK\x03\x04",)),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (b"PK\x03\x04",),
    ),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", (b"PK\x03\x04",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "txt": ("text/plain", ()),
}
ACCEPT = ",".join(f".{suffix}" for suffix in FORMATS)
ZIPPED = {"docx", "odt", "xlsx", "ods"}


class UnsafeFile(ValueError):
    """A file refused before reading (a French message for the form)."""


@dataclass(frozen=True, slots=True)
class Extracted:
    text: str
    note: str  # what was read, in French: « 12 pages lues », « image : pas de texte »


def suffix_of(filename: str) -> str:
    return filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


def check(data: bytes, filename: str) -> str:
    """The file's MIME type, or UnsafeFile: unknown format, content not matching its name,
    or an office file that unpacks beyond the limit."""
    suffix = suffix_of(filename)
    if suffix not in FORMATS:
        allowed = ", ".join(s.upper() for s in FORMATS if s != "jpeg")
        raise UnsafeFile(
            f"Format non pris en charge : « {filename} ». Formats acceptés : {allowed}."
        )
    mime, signatures = FORMATS[suffix]
    if signatures and not data.startswith(signatures):
        raise UnsafeFile(
            f"Le contenu de « {filename} » ne correspond pas à un fichier {suffix.upper()} : "
            "il est refusé."
        )
    if suffix in ZIPPED:
        try:
            tables._check_unpacked_size(data, filename)
        except tables.TableError as error:
            raise UnsafeFile(
                f"«\u00a0{filename}\u00a0» se décompresse en plus de "
                f"{tables.MAX_UNPACKED_BYTES // (1024 * 1024)} Mo\u00a0: il est refusé."
            ) from error
        try:
            zipfile.ZipFile(io.BytesIO(data)).close()
        except (zipfile.BadZipFile, OSError) as error:
            raise UnsafeFile(
                f"«\u00a0{filename}\u00a0» est endommagé\u00a0: il ne peut pas être ouvert."
            ) from error
    return mime


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(text: str) -> str:
    """Control characters removed (PostgreSQL refuses NUL; the search uses \\x02 and \\x03 as
    highlight marks), runs of blank lines squeezed, the length capped."""
    text = _CONTROL.sub(" ", text)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()[:MAX_TEXT_CHARS]


def extract(data: bytes, filename: str) -> Extracted:
    """The text of a checked file (see `check`); a damaged file gives no text and says so."""
    suffix = suffix_of(filename)
    try:
        if suffix == "pdf":
            return _pdf(data)
        if suffix == "docx":
            return _docx(data)
        if suffix == "odt":
            return _odt(data)
        if suffix in ("xlsx", "ods"):
            return _sheets(data)
        if suffix == "txt":
            text = data.decode("utf-8", errors="replace")
            return Extracted(clean(text), "Texte lu.")
    except Exception:  # each library raises its own errors on a damaged file
        return Extracted("", "Le texte n'a pas pu être lu\u00a0: le fichier semble endommagé.")
    return Extracted("", "Image\u00a0: aucun texte extrait (pas de reconnaissance de caractères).")


def _pdf(data: bytes) -> Extracted:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        try:
            reader.decrypt("")
        except Exception:
            return Extracted("", "PDF protégé par un mot de passe\u00a0: texte non lu.")
    parts: list[str] = []
    size = 0
    pages = 0
    for page in reader.pages:
        text = page.extract_text() or ""
        parts.append(text)
        pages += 1
        size += len(text)
        if size > MAX_TEXT_CHARS:
            break
    text = clean("\n\n".join(parts))
    note = f"{pages} page{'s' if pages > 1 else ''} lue{'s' if pages > 1 else ''}."
    if not text:
        note += " Aucun texte\u00a0: probablement un document numérisé (image)."
    return Extracted(text, note)


def _docx(data: bytes) -> Extracted:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append("\t".join(cell.text for cell in row.cells))
    return Extracted(clean("\n".join(parts)), "Texte du document lu.")


def _odt(data: bytes) -> Extracted:
    from odf import teletype
    from odf import text as odf_text
    from odf.opendocument import load

    document = load(io.BytesIO(data))
    parts = [
        teletype.extractText(element)
        for element in document.text.childNodes
        if element.qname[1] in ("p", "h", "list", "section", "table")
    ]
    if not any(parts):
        parts = [teletype.extractText(p) for p in document.getElementsByType(odf_text.P)]
    return Extracted(clean("\n".join(parts)), "Texte du document lu.")


def _sheets(data: bytes) -> Extracted:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    parts: list[str] = []
    for name in book.sheet_names:
        parts.append(name)
        for row in book.get_sheet_by_name(name).to_python():
            cells = [tables._cell_text(c) for c in row]
            if any(cells):
                parts.append("\t".join(cells))
    count = len(book.sheet_names)
    return Extracted(
        clean("\n".join(parts)),
        f"{count} feuille{'s' if count > 1 else ''} lue{'s' if count > 1 else ''}.",
    )
