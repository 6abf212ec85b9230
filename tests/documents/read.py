"""Reading generated documents back in tests: text without French typography's special
characters (so that assertions can be written plainly), PDF through pypdf."""

from __future__ import annotations

import io


def plain(text: str) -> str:
    """Typographic apostrophes and no-break spaces as typed on a keyboard."""
    return text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")


def pdf_reader(data: bytes):  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(data))


def pdf_text(data: bytes) -> str:
    return plain("\n".join(page.extract_text() or "" for page in pdf_reader(data).pages))
