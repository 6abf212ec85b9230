"""One formatter of French numbers and dates (ressort/analysis/typography.py): a dozen
hand-written copies once disagreed (a no-break space here, a narrow one there, a dot in a
drawing's labels, « 1 septembre » without its « er »). This test reads the sources so that
a new copy cannot come back unnoticed; the message says what to use instead."""

import re
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
}


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
    ],
)
def test_the_scan_catches_each_kind_of_copy(tmp_path: Path, line: str, rules: dict) -> None:
    """Each rule catches the copy it was written for (the scan can fail)."""
    source = tmp_path / "copy.txt"
    source.write_text(line + "\n", encoding="utf-8")
    assert _copies([source], rules, tmp_path)


def test_the_owner_imports_no_django() -> None:
    text = OWNER.read_text(encoding="utf-8")
    assert not re.search(r"^\s*(from|import) django", text, re.MULTILINE)
