"""French typography for pages and documents: the one formatter lives in the pure analysis
package (ressort/analysis/typography.py) so that its drawings use it too; this module keeps
the documents' import path."""

from ressort.analysis.typography import (
    MINUS,
    MONTH_NAMES,
    NBSP,
    NNBSP,
    cell,
    coordinate,
    day,
    decimal_cell,
    euros,
    french,
    french_html,
    number,
    ordinal,
    percent,
    plural,
    quoted,
    read_number,
    short_day,
    short_euros,
    unit,
)

__all__ = [
    "MINUS",
    "MONTH_NAMES",
    "NBSP",
    "NNBSP",
    "cell",
    "coordinate",
    "day",
    "decimal_cell",
    "euros",
    "french",
    "french_html",
    "number",
    "ordinal",
    "percent",
    "plural",
    "quoted",
    "read_number",
    "short_day",
    "short_euros",
    "unit",
]
