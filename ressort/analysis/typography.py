"""French typography for every text Ressort prints, owned by the pure analysis package so
that its drawings and messages use it too (no Django here): `french()` for running text,
used by the template filter `typo` (ressort/documents/templatetags/typography.py) and the
document writers (PDF, DOCX, ODT); and the one formatter of values — `number()`,
`percent()`, `euros()`, `short_euros()`, `day()`, `ordinal()`, `plural()` — used by pages,
documents, exports and drawings alike, so that a score reads the same everywhere.
`read_number()` is its mirror: what a person types or a spreadsheet holds (« 2 500,5 »,
« 2500.5 », « −3 ») read back.

Two spaces, one rule each (never a plain space where a line must not break):
- NNBSP, the narrow no-break space (U+202F): between groups of thousands, and before
  « ; ! ? » and « % »;
- NBSP, the no-break space (U+00A0): before « : », inside « guillemets », between a number
  and any other unit (« 480 000 € », « 7,5 km », « 12 j »), between a day and its month.
Negative values take the minus sign (U+2212), not the hyphen.

Numbers written into markup for a machine — SVG coordinates, CSS widths, data attributes —
are not French text: `coordinate()` writes them with a dot, always (a decimal comma in a
style attribute once collapsed every bar of a chart).

Rules (Lexique des règles typographiques en usage à l'Imprimerie nationale, 2002):
- a no-break space before « : » and a narrow no-break space before « ; ! ? » and « % »;
- no-break spaces inside « guillemets »;
- a no-break space between a number and its unit (€, %, km, hab., …);
- decimal comma in a measure (« 7.5 km », never a section number « 1.1 »);
- thousands grouped by a narrow no-break space (numbers of five digits or more followed by
  a unit, and groups already separated by a plain space: years, postcodes and INSEE codes
  are never split);
- the typographic apostrophe (’) between letters;
- the ordinal « 1er » before a month (« 1 septembre » → « 1er septembre »).

What `french()` must never touch: web addresses and e-mail addresses (kept as they are),
times (« 14:30 »), ratios written « 3:1 », and text already correct (the function is
idempotent: french(french(x)) == french(x)).
"""

from __future__ import annotations

import html
import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

NBSP = "\u00a0"
NNBSP = "\u202f"
SPACES = f" {NBSP}{NNBSP}\t"
JOINER = "\u2060"

MONTHS = (
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|"
    "novembre|décembre|decembre"
)
UNITS = (
    r"€|k€|M€|%|‰|km²|km2|km|m²|m³|ha|hab\.|habitants|kWh|MWh|GWh|tCO2e|tCO₂e|t|kg|°C|"
    r"ans|an|jours|h\b|min\b|logements|emplois|personnes|communes|actions|euros"
)

_PROTECTED = re.compile(
    r"(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>«»]+"  # web addresses
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # e-mail addresses
    re.IGNORECASE,
)
# « : » after a word and before a space or the end; never between digits (14:30).
_COLON = re.compile(rf"(?<=[^\s{NBSP}{NNBSP}\d:])[{SPACES}]*:(?=[\s»)\]]|$)")
_COLON_SPACED = re.compile(rf"(?<=\d)[{SPACES}]+:(?=[\s»)\]]|$)")
_HIGH = re.compile(rf"(?<=[^\s{NBSP}{NNBSP};!?(«\[])[{SPACES}]*([;!?])(?=[\s»)\]!?]|$)")
_HIGH_AFTER = re.compile(rf"(?<=[!?])[{SPACES}]*([!?])")
_OPEN_QUOTE = re.compile(rf"«[{SPACES}]*")
_CLOSE_QUOTE = re.compile(rf"[{SPACES}]*»")
_PERCENT = re.compile(rf"(?<=\d)[{SPACES}]*(%|‰)")
# Only a measure (a number before its unit): « 1.1 » alone is a section number.
_DECIMAL = re.compile(rf"(?<![\w.,])(\d+)\.(\d+)(?=[{SPACES}]*(?:{UNITS})(?!\w))")
_GROUPED = re.compile(rf"(?<![\d.,])(\d{{1,3}})((?:[ {NBSP}{NNBSP}]\d{{3}})+)(?!\d)")
_LONG_BEFORE_UNIT = re.compile(
    rf"(?<![\d.,\w])(\d{{5,}})(?=(?:[,]\d+)?[{SPACES}]*(?:{UNITS})(?!\w))"
)
_UNIT = re.compile(rf"(?<=\d)[ ]+(?=(?:{UNITS})(?![\w]))")
_APOSTROPHE = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")
_FIRST = re.compile(rf"(?<![\d\w])1(?:er)?[{SPACES}]+({MONTHS})\b", re.IGNORECASE)


def _group(digits: str) -> str:
    head = len(digits) % 3 or 3
    return NNBSP.join([digits[:head], *(digits[i : i + 3] for i in range(head, len(digits), 3))])


def _plain(text: str) -> str:
    text = _APOSTROPHE.sub("’", text)
    text = _DECIMAL.sub(r"\1,\2", text)
    text = _GROUPED.sub(lambda m: m.group(1) + re.sub(r"\D", NNBSP, m.group(2)), text)
    text = _LONG_BEFORE_UNIT.sub(lambda m: _group(m.group(1)), text)
    text = _PERCENT.sub(NNBSP + r"\1", text)
    text = _UNIT.sub(NBSP, text)
    text = _COLON.sub(NBSP + ":", text)
    text = _COLON_SPACED.sub(NBSP + ":", text)
    text = _HIGH.sub(NNBSP + r"\1", text)
    text = _HIGH_AFTER.sub(r"\1", text)
    text = _OPEN_QUOTE.sub("«" + NBSP, text)
    text = _CLOSE_QUOTE.sub(NBSP + "»", text)
    text = _FIRST.sub(lambda m: f"1er{NBSP}{m.group(1)}", text)
    return text


def french(text: str) -> str:
    """`text` with French typography (see the module's docstring); addresses untouched."""
    if not text:
        return text
    # Each address is set aside as one private-use character, so the rules see that
    # something stands there (« lien : » after an address) but never change it.
    kept: list[str] = []

    def keep(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return chr(0xE000 + len(kept) - 1)

    text = _plain(_PROTECTED.sub(keep, text))
    return re.sub("[\ue000-\uf8ff]", lambda m: kept[ord(m.group(0)) - 0xE000], text)


_TAG = re.compile(r"(<[^>]*>)")
_RAW = re.compile(r"<(style|script|pre|code)\b", re.IGNORECASE)


def french_html(source: str) -> str:
    """French typography on the text of an HTML (or SVG) document, never on its tags,
    attributes, styles or scripts. Entities are decoded before and escaped after, so
    « &amp; » never gains a space before its semicolon."""
    parts = _TAG.split(source)
    raw_until: str | None = None
    for i, part in enumerate(parts):
        if i % 2:  # a tag
            if raw_until:
                if part.lower().startswith(f"</{raw_until}"):
                    raw_until = None
                continue
            opening = _RAW.match(part)
            if opening and not part.endswith("/>"):
                raw_until = opening.group(1).lower()
            continue
        if raw_until or not part.strip():
            continue
        # A word joiner stands for what precedes the node (« <a>lien</a> ! »): a space
        # opening a text node is then treated as one between two words.
        text = french(JOINER + html.unescape(part)).removeprefix(JOINER)
        parts[i] = html.escape(text, quote=False)
    return "".join(parts)


MINUS = "\u2212"
MONTH_NAMES = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def _exact(value: object) -> Decimal | None:
    try:
        exact = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return exact if exact.is_finite() else None


def number(
    value: float | int | Decimal | None,
    decimals: int = 2,
    *,
    missing: str = "—",
    grouped: bool = True,
) -> str:
    """A value the French way, rounded half up to at most `decimals` places (trailing zeros
    dropped): 48 834 ; 7,5 ; −3 ; 1,25 → « 1,3 » at one decimal everywhere (never 1,2 in one
    format and 1,3 in another, as binary rounding would give). `grouped=False` leaves the
    thousands together, for a cell a spreadsheet must read as a number (« 48834,5 »)."""
    if value is None or value == "":
        return missing
    exact = _exact(value)
    if exact is None:
        return missing if _is_float_like(value) else str(value)
    quantum = Decimal(1).scaleb(-decimals) if decimals else Decimal(1)
    rounded = exact.quantize(quantum, rounding=ROUND_HALF_UP)
    text = f"{abs(rounded):{',' if grouped else ''}.{decimals}f}"
    if decimals:
        text = text.rstrip("0").rstrip(".")
    sign = MINUS if rounded < 0 and text != "0" else ""
    return sign + text.replace(",", NNBSP).replace(".", ",")


def _is_float_like(value: object) -> bool:
    return isinstance(value, (float, Decimal)) or str(value).lower() in {"nan", "inf", "-inf"}


def decimal_cell(value: float | int | Decimal | None) -> str:
    """A number for a CSV cell: decimal comma, no grouping, no rounding beyond what the
    value holds (« 1234567,5 »; « » for nothing), as LibreOffice Calc reads it in French."""
    if value is None or value == "":
        return ""
    exact = _exact(value)
    if exact is None:
        return str(value)
    text = format(exact.normalize() if exact != exact.to_integral() else exact.quantize(1), "f")
    return text.replace(".", ",")


def percent(value: float | int | Decimal | None, decimals: int = 0, *, ratio: bool = False) -> str:
    """A share with its narrow no-break space: « 42 % », « 12,5 % »; `ratio=True` when the
    value is a fraction of one (0.42 → « 42 % »)."""
    if value is None:
        return "—"
    exact = _exact(value)
    if exact is None:
        return "—"
    return number(exact * 100 if ratio else exact, decimals) + NNBSP + "%"


def unit(value: float | int | Decimal | None, symbol: str, decimals: int = 2) -> str:
    """A measure and its unit, joined by a no-break space: « 7,5 km », « 12 j »."""
    if value is None:
        return "—"
    return number(value, decimals) + NBSP + symbol


def euros(value: float | int | Decimal | None, decimals: int = 0) -> str:
    """An amount in euros: « 480 000 € » (whole euros unless `decimals`)."""
    if value is None:
        return "—"
    return unit(value, "€", decimals)


def short_euros(value: float | int | Decimal) -> str:
    """An amount short, for an axis or a table: « 850 k€ », « 1,2 M€ », « 0 € »."""
    amount = float(value)
    if abs(amount) >= 1_000_000:
        return unit(amount / 1_000_000, "M€", 2)
    if abs(amount) >= 1_000:
        return unit(amount / 1_000, "k€", 1)
    return unit(amount, "€", 0)


def ordinal(n: int) -> str:
    """« 1er », « 2e », « 21e » (masculine; the rule of the Imprimerie nationale)."""
    return "1er" if n == 1 else f"{n}e"


def _day_number(n: int) -> str:
    return "1er" if n == 1 else str(n)


def day(value: date | None, *, weekday: bool = False) -> str:
    """A full date: « 1er septembre 2026 », « 12 mars 2027 », « mardi 1er décembre 2026 »."""
    if value is None:
        return ""
    # The day and its month never part at a line's end (Lexique, « Dates »).
    text = f"{_day_number(value.day)}{NBSP}{MONTH_NAMES[value.month - 1]} {value.year}"
    if weekday:
        text = f"{WEEKDAY_NAMES[value.weekday()]} {text}"
    return text


WEEKDAY_NAMES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def short_day(value: date) -> str:
    """« 02/12/2026 », the numeric date of tables and exports."""
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def agree(count: float, singular: str, plural_form: str | None = None) -> str:
    """The form of a word that agrees with a count, without the count: « rangée » for 0
    or 1, « rangées » from 2 (French: 0 and 1 singular)."""
    if abs(count) < 2:
        return singular
    return plural_form if plural_form is not None else singular + "s"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """« 0 participant », « 1 participant », « 2 participants » (French: 0 and 1 singular)."""
    return f"{number(count, 0)} {agree(count, singular, plural_form)}"


def quoted(text: object) -> str:
    """« text » with its no-break spaces."""
    return f"«{NBSP}{text}{NBSP}»"


def cell(row: object, column: object, message: str) -> str:
    """The place of a fault in a table: « ligne « A », colonne « B » : message »."""
    return f"ligne {quoted(row)}, colonne {quoted(column)}{NBSP}: {message}"


def read_number(raw: str) -> Decimal:
    """What a person typed or a spreadsheet holds, read back: « 2 500,5 », « 2500.5 »,
    « −3 », « 12 % » is not a number here. Spaces of any kind between thousands; the
    decimal comma or point. ValueError, in French, when it is not a finite number."""
    cleaned = raw.strip()
    for space in (" ", NBSP, NNBSP, "\u2009"):
        cleaned = cleaned.replace(space, "")
    cleaned = cleaned.replace(MINUS, "-").replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or not cleaned:
        raise ValueError(f"{quoted(raw)} n'est pas un nombre (exemples{NBSP}: 12,5 ou 12.5).")
    return value


def coordinate(value: float, decimals: int = 1) -> str:
    """A number for markup, not for reading: SVG coordinates, CSS lengths, data attributes.
    Always a dot, no grouping, trailing zeros dropped (« 12.5 », « -3 », « 0 »)."""
    text = f"{value:.{decimals}f}"
    if decimals:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
