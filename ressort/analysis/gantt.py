"""A Gantt-like timeline of actions and milestones, grouped (by strategic axis), as SVG.

Pure Python: the layout (a linear time scale from the first to the last date, padded to
whole months, with month, quarter or year ticks depending on the span) and the drawing.
The drawing carries a <title> and a <desc> (role="img"); pages put the same rows in a
table, which is the text alternative.

Labels are never cut: each is wrapped, measured with the charts' text widths
(ressort.analysis.labels.text_width, Liberation Sans / Arial metrics, the fonts the drawing
names first), on two lines in a label column widened as far as needed (up to 45 % of the
drawing); a label still too long takes a third line, its row growing with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

from ressort.analysis.labels import Box, text_width

INK = "#1d2327"
GRID = "#d0d5d9"
TODAY = "#b3261e"
DEFAULT_FILL = "#3f6e8c"
FONT = "Liberation Sans, Arial, Helvetica, sans-serif"  # the metrics text_width measures
FONT_SIZE = 12
LINE = 14  # between two lines of a label
GROUP_INDENT, BAR_INDENT = 4.0, 16.0
LABEL_GAP = 8.0  # between the longest label line and the time scale
LABEL_LINES = 2  # what the label column is widened for
MAX_LABEL_SHARE = 0.45  # of the drawing's width, at most
MONTHS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
          "nov.", "déc.")  # fmt: skip


@dataclass(frozen=True, slots=True)
class Mark:
    """A milestone: a day, done or not."""

    label: str
    day: date
    done: bool = False


@dataclass(frozen=True, slots=True)
class Bar:
    """One action: its period (either end may be unknown), status and milestones."""

    label: str
    start: date | None
    end: date | None
    status: str = ""
    late: bool = False
    marks: tuple[Mark, ...] = ()

    def dates(self) -> list[date]:
        found = [d for d in (self.start, self.end) if d is not None]
        return found + [m.day for m in self.marks]


@dataclass(frozen=True, slots=True)
class Group:
    label: str
    bars: tuple[Bar, ...]


@dataclass(frozen=True, slots=True)
class Tick:
    day: date
    label: str


@dataclass(frozen=True, slots=True)
class Scale:
    """Days from `start` to `end` (inclusive) onto [x0, x0 + width]."""

    start: date
    end: date
    x0: float
    width: float

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def x(self, day: date) -> float:
        return self.x0 + self.width * (day - self.start).days / self.days


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(day: date) -> date:
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def span(groups: Iterable[Group], today: date | None = None) -> tuple[date, date] | None:
    """First and last dates of all bars and marks, padded to whole months; None if none."""
    days = [d for g in groups for b in g.bars for d in b.dates()]
    if not days:
        return None
    if today is not None:
        days.append(today)
    return month_start(min(days)), month_end(max(days))


def ticks(start: date, end: date) -> list[Tick]:
    """Month ticks up to 18 months, quarters up to 4 years, years beyond."""
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    step = 1 if months <= 18 else 3 if months <= 48 else 12
    out: list[Tick] = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        if step == 12:
            if month == 1 or not out:
                out.append(Tick(date(year, month, 1), str(year)))
        elif step == 3:
            if (month - 1) % 3 == 0 or not out:
                out.append(Tick(date(year, month, 1), f"T{(month - 1) // 3 + 1} {year}"))
        else:
            out.append(Tick(date(year, month, 1), f"{MONTHS[month - 1]} {year % 100:02d}"))
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return out


def chunks(groups: Sequence[Group], rows: int) -> list[list[Group]]:
    """Groups cut into pieces of at most `rows` lines (a group's heading counts as one),
    repeating the heading of a group cut in two: one drawing per printed page."""
    if rows < 2:
        raise ValueError("Il faut au moins deux lignes par morceau (un titre, une barre).")
    pieces: list[list[Group]] = []
    current: list[Group] = []
    used = 0
    for group in groups:
        bars = list(group.bars)
        while bars:
            if used + 2 > rows:
                pieces.append(current)
                current, used = [], 0
            take = bars[: rows - used - 1]
            current.append(Group(group.label, tuple(take)))
            used += 1 + len(take)
            bars = bars[len(take) :]
    if current:
        pieces.append(current)
    return pieces


def wrap_label(text: str, max_width: float, *, bold: bool = False) -> tuple[str, ...]:
    """`text` in lines no wider than `max_width`, word by word; never cut (a word wider than
    the line is broken across lines, all its letters kept)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, FONT_SIZE, bold=bold) <= max_width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
        while len(line) > 1 and text_width(line, FONT_SIZE, bold=bold) > max_width:
            cut = len(line) - 1
            while cut > 1 and text_width(line[:cut], FONT_SIZE, bold=bold) > max_width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
    lines.append(line)
    return tuple(lines)


def _labels(groups: Sequence[Group]) -> list[tuple[str, float, bool]]:
    """(text, indent, bold) of every label, in drawing order."""
    out = []
    for group in groups:
        out.append((group.label, GROUP_INDENT, True))
        out += [(bar.label, BAR_INDENT, False) for bar in group.bars]
    return out


def label_column(groups: Sequence[Group], *, width: int = 960, minimum: float = 280) -> float:
    """The label column's width: `minimum`, or wider (by steps of 8, up to 45 % of `width`)
    until every label fits on two lines. Pass it to `draw` for the pages of one plan to
    share their time scale."""
    labels = _labels(groups)
    widest = max(minimum, width * MAX_LABEL_SHARE)
    column = float(minimum)
    while column < widest:
        if all(
            len(wrap_label(text, column - indent - LABEL_GAP, bold=bold)) <= LABEL_LINES
            for text, indent, bold in labels
        ):
            return column
        column += 8
    return widest


@dataclass(frozen=True, slots=True)
class Row:
    """A line of the drawing: a group's heading or a bar, its label wrapped, its box."""

    label: str
    lines: tuple[str, ...]
    top: float
    height: float
    box: Box  # the label's text, as measured
    bar: Bar | None = None  # None: a group's heading

    @property
    def baseline(self) -> float:
        """The first line's baseline: the lines are centred in the row."""
        return self.box.y0 + LINE - 3


def rows_of(
    groups: Sequence[Group], *, column: float, row_height: int = 24, top: float = 28
) -> list[Row]:
    """The drawing's rows from `top`, each as tall as its label needs (`row_height` at least)."""
    out: list[Row] = []
    y = float(top)
    for group in groups:
        entries: list[tuple[str, float, bool, Bar | None]] = [
            (group.label, GROUP_INDENT, True, None)
        ]
        entries += [(bar.label, BAR_INDENT, False, bar) for bar in group.bars]
        for text, indent, bold, bar in entries:
            lines = wrap_label(text, column - indent - LABEL_GAP, bold=bold)
            height = max(float(row_height), len(lines) * LINE + 10)
            text_top = y + (height - len(lines) * LINE) / 2
            wide = max(text_width(line, FONT_SIZE, bold=bold) for line in lines)
            box = Box(indent, text_top, indent + wide, text_top + len(lines) * LINE)
            out.append(Row(text, lines, y, height, box, bar))
            y += height
    return out


def _label(row: Row) -> str:
    """The label's <text>: one <tspan> per line after the first."""
    x = row.box.x0
    bold = ' font-weight="700"' if row.bar is None else ""
    title = f"<title>{escape(row.label)}</title>" if row.bar is not None else ""
    first, *rest = row.lines
    more = "".join(f'<tspan x="{x:g}" dy="{LINE}">{escape(line)}</tspan>' for line in rest)
    return (
        f'<text x="{x:g}" y="{row.baseline:.1f}"{bold} fill="{INK}">'
        f"{title}{escape(first)}{more}</text>"
    )


def draw(
    groups: Sequence[Group],
    *,
    title: str,
    description: str,
    colours: Mapping[str, str] | None = None,
    today: date | None = None,
    width: int = 960,
    label_width: int = 280,
    row_height: int = 24,
    window: tuple[date, date] | None = None,
    id_prefix: str = "gantt",
    legend: Sequence[tuple[str, str]] = (),
) -> str:
    """The timeline as an SVG string (empty string when no bar has a date).

    `window` imposes the time span (so that several drawings of one plan share a scale);
    `id_prefix` keeps the ids of the title and description unique when there are several;
    `legend` (label, colour) of the statuses: drawn under the bars, with the late outline,
    the milestones and today's line, so that a printed page reads without the screen.
    """
    window = window or span(groups, today)
    if window is None:
        return ""
    colours = colours or {}
    column = label_column(groups, width=width, minimum=label_width)
    scale = Scale(window[0], window[1], column, float(width - column - 10))
    header = 28
    rows = rows_of(groups, column=column, row_height=row_height, top=header)
    rows_bottom = rows[-1].top + rows[-1].height if rows else header
    key, key_height = _legend(legend, width, rows_bottom + 22)
    height = round(rows_bottom + 10 + key_height)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{id_prefix}-title {id_prefix}-desc" '
        f'font-family="{FONT}" font-size="{FONT_SIZE}">',
        f'<title id="{id_prefix}-title">{escape(title)}</title>',
        f'<desc id="{id_prefix}-desc">{escape(description)}</desc>',
    ]
    bottom = height - key_height
    free = 0.0  # where the last tick label ends: a label that would overlap it is left out
    for tick in ticks(scale.start, scale.end):
        x = scale.x(tick.day)
        parts.append(
            f'<line x1="{x:.1f}" y1="{header - 6}" x2="{x:.1f}" y2="{bottom - 8}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        if x + 3 >= free:
            parts.append(
                f'<text x="{x + 3:.1f}" y="{header - 10}" fill="{INK}">{escape(tick.label)}</text>'
            )
            free = x + 3 + len(tick.label) * LEGEND_CHAR + 4
    for row in rows:
        parts.append(_label(row))
        if row.bar is not None:
            parts.append(_bar(row.bar, scale, row, row_height, colours))
    if today is not None and scale.start <= today <= scale.end:
        x = scale.x(today)
        parts.append(
            f'<line x1="{x:.1f}" y1="{header - 6}" x2="{x:.1f}" y2="{bottom - 8}" '
            f'stroke="{TODAY}" stroke-width="2" stroke-dasharray="4 3"/>'
            f'<text x="{x + 3:.1f}" y="{bottom - 1}" fill="{TODAY}">aujourd\'hui</text>'
        )
    parts.append(key)
    parts.append("</svg>")
    return "".join(parts)


LEGEND_CHAR = 7.0  # mean advance of a 12 px sans-serif character, generous: never overlaps


def legend_items(legend: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """What the legend shows: each status's colour, then the fixed signs (kind, label)."""
    return [(colour, label) for label, colour in legend] + [
        ("late", "contour rouge\u00a0: en retard"),
        ("todo", "jalon à venir"),
        ("done", "jalon atteint"),
        ("today", "aujourd\u2019hui"),
    ]


def legend_boxes(
    legend: Sequence[tuple[str, str]], width: int, top: float
) -> list[tuple[str, str, float, float, float]]:
    """(sign, label, x, y, width) of each legend entry, wrapped to the drawing's width."""
    boxes = []
    x, y = 4.0, top
    for sign, label in legend_items(legend):
        entry = 22 + len(label) * LEGEND_CHAR
        if x > 4 and x + entry > width - 4:
            x, y = 4.0, y + 20
        boxes.append((sign, label, x, y, entry))
        x += entry + 14
    return boxes


def _legend(legend: Sequence[tuple[str, str]], width: int, top: float) -> tuple[str, int]:
    if not legend:
        return "", 0
    boxes = legend_boxes(legend, width, top)
    out = ['<g class="legend" font-size="12"><title>Légende</title>']
    for sign, label, x, y, _ in boxes:
        if sign == "late":
            out.append(
                f'<rect x="{x:.1f}" y="{y - 10}" width="16" height="12" rx="3" fill="#ffffff" '
                f'stroke="{TODAY}" stroke-width="2"/>'
            )
        elif sign in ("todo", "done"):
            cx, cy = x + 8, y - 4
            out.append(
                f'<path d="M{cx} {cy - 7} L{cx + 7} {cy} L{cx} {cy + 7} L{cx - 7} {cy} Z" '
                f'fill="{INK if sign == "done" else "#ffffff"}" stroke="{INK}" '
                'stroke-width="1.5"/>'
            )
        elif sign == "today":
            out.append(
                f'<line x1="{x + 8}" y1="{y - 12}" x2="{x + 8}" y2="{y + 2}" stroke="{TODAY}" '
                'stroke-width="2" stroke-dasharray="4 3"/>'
            )
        else:
            out.append(
                f'<rect x="{x:.1f}" y="{y - 10}" width="16" height="12" rx="3" '
                f'fill="{escape(sign)}"/>'
            )
        out.append(f'<text x="{x + 22:.1f}" y="{y}" fill="{INK}">{escape(label)}</text>')
    out.append("</g>")
    lines = len({y for _, _, _, y, _ in boxes})
    return "".join(out), 14 + lines * 20


def _bar(bar: Bar, scale: Scale, row: Row, row_height: int, colours: Mapping[str, str]) -> str:
    fill = colours.get(bar.status, DEFAULT_FILL)
    out: list[str] = []
    h = row_height - 10
    top = row.top + (row.height - h) / 2  # centred in a row grown for its label
    if bar.start is not None and bar.end is not None:
        x1, x2 = scale.x(bar.start), scale.x(bar.end + timedelta(days=1))
        out.append(
            f'<rect x="{x1:.1f}" y="{top:g}" width="{max(x2 - x1, 2):.1f}" height="{h}" rx="3" '
            f'fill="{fill}"' + (f' stroke="{TODAY}" stroke-width="2"' if bar.late else "") + "/>"
        )
    else:
        known = bar.start or bar.end
        if known is not None:
            x = scale.x(known)
            out.append(f'<circle cx="{x:.1f}" cy="{top + h / 2:.1f}" r="4" fill="{fill}"/>')
    for mark in bar.marks:
        x, cy, r = scale.x(mark.day), top + h / 2, h / 2 + 2
        out.append(
            f'<path d="M{x:.1f} {cy - r:.1f} L{x + r:.1f} {cy:.1f} L{x:.1f} {cy + r:.1f} '
            f'L{x - r:.1f} {cy:.1f} Z" fill="{"#ffffff" if not mark.done else INK}" '
            f'stroke="{INK}" stroke-width="1.5"><title>{escape(mark.label)}</title></path>'
        )
    return "".join(out)
