"""One formatter of French numbers and dates (ressort/analysis/typography.py): a dozen
hand-written copies once disagreed (a no-break space here, a narrow one there, a dot in a
drawing's labels, « 1 septembre » without its « er »). This test reads the sources so that
a new copy cannot come back unnoticed; the message says what to use instead."""

import io
import re
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "ressort"
OWNER = ROOT / "analysis" / "typography.py"

PYTHON_COPIES = {
    r"def (_fmt|_pct|french_number|_french_number|_french_amount)\b": (
        "a private number formatter: use number(), percent() or coordinate()"
    ),
    r"""\.replace\(\s*["']\.["']\s*,\s*["'],["']\s*\)""": "a decimal comma by hand: number()",
    r"""\.replace\(\s*["'],["']\s*,\s*["']\.["']\s*\)""": "a number read by hand: read_number()",
    r"""\.replace\(\s*["'][,_]["']\s*,\s*["']\\u202f["']\s*\)""": "thousands by hand: number()",
    r""":[,_](\.\d+f)?\}""": "Python's thousands separator in a text: number()",
    r"""["']janvier["']\s*,\s*["']février["']""": "a list of months: day() or MONTH_NAMES",
    r"""strftime\(\s*["'][^"']*%[dBAb]""": "a date by strftime: day() or short_day()",
}
TEMPLATE_COPIES = {
    r"\|\s*floatformat": "floatformat writes a dot in some contexts: |nombre:n",
    r"""\|\s*date\s*:\s*"[^"]*j F[^"]*"(?!\s*\|\s*typo)""": (
        "Django's date has no « 1er » (unless |typo follows): |day_fr"
    ),
    r"\|\s*date_fr\b": "the old date filter: |day_fr",
    r"""\{\{[^{}]*\}\}(\s|&nbsp;)%""": "a share spaced by hand: |percent or |pourcentage",
    r"\|\s*pluralize\b": "Django's pluralize writes « 0 démarches »: |pluriel (0 and 1 singular)",
    r"\w\(s\)": "« idée(s) » in a text: the agreement, with |pluriel",
}
# « idée(s) », « rangée(s) », « participant·e(s) » in a string of the code, not a call
# like position(s): the words agree with their count, with plural() and agree().
HEDGED_PLURAL = re.compile(r"\w\(s\)")


def _sources(*patterns: str) -> list[Path]:
    found = []
    for pattern in patterns:
        found += [p for p in ROOT.rglob(pattern) if "migrations" not in p.parts]
    return sorted(found)


def _copies(paths: list[Path], rules: dict[str, str], root: Path = ROOT.parent) -> list[str]:
    compiled = [(re.compile(pattern), why) for pattern, why in rules.items()]
    faults = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            faults += [
                f"{path.relative_to(root)}:{number}: {why}"
                for regex, why in compiled
                if regex.search(line)
            ]
    return faults


def test_no_python_module_formats_french_numbers_or_dates_by_hand() -> None:
    paths = [p for p in _sources("*.py") if p != OWNER]
    assert len(paths) > 100  # the scan reads the sources, not an empty folder
    assert _copies(paths, PYTHON_COPIES) == []


def test_no_template_formats_numbers_or_dates_by_hand() -> None:
    paths = _sources("*.html", "*.txt")
    assert len(paths) > 100
    assert _copies(paths, TEMPLATE_COPIES) == []


@pytest.mark.parametrize(
    ("line", "rules"),
    [
        ("def _fmt(value: float) -> str:", PYTHON_COPIES),
        ('    return f"{x:.2f}".replace(".", ",")', PYTHON_COPIES),
        ('    cleaned = raw.replace(",", ".")', PYTHON_COPIES),
        ('    f"{MAX:,} points".replace(",", "\\u202f")', PYTHON_COPIES),
        ('    f"au plus {MAX:_}."', PYTHON_COPIES),
        ('MONTHS = ["janvier", "février", "mars"]', PYTHON_COPIES),
        ('    day.strftime("%d/%m/%Y")', PYTHON_COPIES),
        ("<td>{{ v|floatformat:1 }}</td>", TEMPLATE_COPIES),
        ('le {{ d|date:"j F Y" }}', TEMPLATE_COPIES),
        ("{{ r.percent }}&nbsp;%", TEMPLATE_COPIES),
        ("{{ n }} démarche{{ n|pluralize }}", TEMPLATE_COPIES),
        ("{{ n }} cellule(s) non nulle(s).", TEMPLATE_COPIES),
        ("(+{{ n }} autre(s) chemin(s))", TEMPLATE_COPIES),
    ],
)
def test_the_scan_catches_each_kind_of_copy(tmp_path: Path, line: str, rules: dict) -> None:
    """Each rule catches the copy it was written for (the scan can fail)."""
    source = tmp_path / "copy.txt"
    source.write_text(line + "\n", encoding="utf-8")
    assert _copies([source], rules, tmp_path)


def _hedged_plurals(paths: list[Path], root: Path = ROOT.parent) -> list[str]:
    """Every string literal of the Python sources that hedges a plural with « (s) »."""
    faults = []
    for path in paths:
        source = path.read_text(encoding="utf-8")
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.STRING and HEDGED_PLURAL.search(token.string):
                faults.append(
                    f"{path.relative_to(root)}:{token.start[0]}: « (s) » in a text: "
                    "plural(count, word) and agree(count, participle)"
                )
    return faults


def test_no_python_text_hedges_a_plural_with_s_in_brackets() -> None:
    paths = _sources("*.py")
    assert len(paths) > 100
    assert _hedged_plurals(paths) == []


@pytest.mark.parametrize(
    ("line", "caught"),
    [
        ('message = f"{n} idée(s) rangée(s)."', True),
        ('message = "{} participation(s) enregistrée(s)."', True),
        ('text = f"Classement de {n} participant·e(s)."', True),
        ("values = [position(s) for _, s in rows]", False),
        ("message = f\"{plural(n, 'idée')} {agree(n, 'rangée')}.\"", False),
    ],
)
def test_the_scan_catches_a_hedged_plural_in_a_text_only(
    tmp_path: Path, line: str, caught: bool
) -> None:
    source = tmp_path / "copy.py"
    source.write_text(line + "\n", encoding="utf-8")
    assert bool(_hedged_plurals([source], tmp_path)) is caught


def test_the_owner_imports_no_django() -> None:
    text = OWNER.read_text(encoding="utf-8")
    assert not re.search(r"^\s*(from|import) django", text, re.MULTILINE)
