"""Spreadsheet formula injection: cells neutralised on export, restored on import.

A spreadsheet (Excel, LibreOffice) runs a cell that starts with `=`, `+`, `-` or `@` as a
formula, and a leading tab or carriage return can hide one; a title such as
`=HYPERLINK("http://…")` typed on a page would come back live in the file a colleague opens.
Every CSV, XLSX and ODS export therefore prefixes such text with an apostrophe (OWASP, « CSV
Injection »), and the imports remove that apostrophe, so that an exported file imports back
unchanged. Numbers stay numbers: `-3`, `-2,5` or `+1.5e3` are not touched.
"""

from __future__ import annotations

import re
from typing import Any

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")


def neutralise(value: Any) -> Any:
    """The value to write in a cell: text that a spreadsheet would run gets an apostrophe."""
    if isinstance(value, str) and value.startswith(TRIGGERS) and not _NUMBER.match(value):
        return "'" + value
    return value


def restore(text: str) -> str:
    """The text an export neutralised, as it was typed (for imports)."""
    if text.startswith("'") and text[1:].startswith(TRIGGERS) and not _NUMBER.match(text[1:]):
        return text[1:]
    return text
