"""French typography for every text Ressort prints: one function, `french()`, used by the
template filter `typo` (ressort/documents/templatetags/typography.py) and by the document
writers (PDF, DOCX, ODT), and one number formatter, `number()`, used wherever a value is
printed so that a score reads the same on the page and in every document.

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

What the rules must never touch: web addresses and e-mail addresses (kept as they are),
times (« 14:30 »), ratios written « 3:1 », and text already correct (the function is
idempotent: french(french(x)) == french(x)).
"""

from __future__ import annotations

import html
import re
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


def number(value: float | int | Decimal | None, decimals: int = 2, *, missing: str = "—") -> str:
    """A value the French way, rounded half up to at most `decimals` places (trailing zeros
    dropped): 48 834 ; 7,5 ; 1,25 → « 1,3 » at one decimal everywhere (never 1,2 in one
    format and 1,3 in another, as binary rounding would give)."""
    if value is None or value == "":
        return missing
    try:
        exact = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    if not exact.is_finite():
        return missing
    quantum = Decimal(1).scaleb(-decimals) if decimals else Decimal(1)
    rounded = exact.quantize(quantum, rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{decimals}f}"
    if decimals:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", "-0.0"):
        text = "0"
    return text.replace(",", NNBSP).replace(".", ",")


def euros(value: float | int | Decimal | None) -> str:
    """An amount in whole euros: « 480 000 € »."""
    if value is None:
        return "—"
    return number(value, 0) + NBSP + "€"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """« 0 participant », « 1 participant », « 2 participants » (French: 0 and 1 singular)."""
    word = singular if abs(count) < 2 else (plural_form or singular + "s")
    return f"{number(count, 0)} {word}"
