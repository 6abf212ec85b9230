"""Label placement for charts: no two labels overlap, no label sits on an axis.

Pure Python, deterministic. A label's box is measured with a fixed table of character
widths (Arial / Liberation Sans metrics, which the charts name first in their font list),
widened by a safety margin, so the same input always gives the same drawing, on a page
and in a document. Labels are then placed one by one, the most crowded first:
- first beside their point (eight positions around it, the preferred side first);
- then further away, on growing rings, with a leader line from the point to the label;
- at last, when the drawing has no room left, in rows under the drawing, with a leader
  line (the layout then says how much taller the drawing must be).
A candidate box is refused when it leaves the drawing, touches a placed label, a fixed box
(a zone title, an axis title) or a point, or crosses an axis line.

Used by the MICMAC influence–dependence maps and meant for the Doughnut's labels too::

    layout = place_labels(
        [Item("Eau", 120.0, 80.0), Item("Artificialisation", 126.0, 84.0)],
        bounds=Box(0, 0, 560, 440),
        axes=[Segment(56, 24, 56, 392), Segment(56, 392, 544, 392)],
        font_size=13,
    )
    for placed in layout.labels: ...  # placed.box, placed.baseline_x/y, placed.leader
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Advance widths in thousandths of an em (Arial / Helvetica / Liberation Sans).
_WIDTHS: dict[str, int] = {
    " ": 278, "!": 278, '"': 355, "#": 556, "$": 556, "%": 889, "&": 667, "'": 191,
    "(": 333, ")": 333, "*": 389, "+": 584, ",": 278, "-": 333, ".": 278, "/": 278,
    ":": 278, ";": 278, "<": 584, "=": 584, ">": 584, "?": 556, "@": 1015, "[": 278,
    "\\": 278, "]": 278, "^": 469, "_": 556, "`": 333, "{": 334, "|": 260, "}": 334,
    "~": 584, "«": 556, "»": 556, "’": 222, "‘": 222, "“": 333, "”": 333, "–": 556,
    "—": 1000, "…": 1000, "→": 1000, "←": 1000, "°": 400, "€": 556, "·": 278,
    "\u00a0": 278, "\u202f": 200,
    "a": 556, "b": 556, "c": 500, "d": 556, "e": 556, "f": 278, "g": 556, "h": 556,
    "i": 222, "j": 222, "k": 500, "l": 222, "m": 833, "n": 556, "o": 556, "p": 556,
    "q": 556, "r": 333, "s": 500, "t": 278, "u": 556, "v": 500, "w": 722, "x": 500,
    "y": 500, "z": 500, "æ": 889, "œ": 944, "ß": 611,
    "A": 667, "B": 667, "C": 722, "D": 722, "E": 667, "F": 611, "G": 778, "H": 722,
    "I": 278, "J": 500, "K": 667, "L": 556, "M": 833, "N": 722, "O": 778, "P": 667,
    "Q": 778, "R": 722, "S": 667, "T": 611, "U": 722, "V": 667, "W": 944, "X": 667,
    "Y": 667, "Z": 611, "Æ": 1000, "Œ": 1000,
}  # fmt: skip
_DIGIT = 556
_UNKNOWN = 1000  # wider than any Latin letter: an unknown sign never overflows its box
SAFETY = 1.08  # the real font may be a little wider than the table
LINE_HEIGHT = 1.25  # box height per line, in ems


def text_width(text: str, font_size: float, *, bold: bool = False) -> float:
    """The width of `text` at `font_size`, from the table (accents do not change widths)."""
    total = 0
    for char in text:
        width = _WIDTHS.get(char)
        if width is None:
            if char.isdigit():
                width = _DIGIT
            else:
                base = unicodedata.normalize("NFD", char)[:1]
                width = _WIDTHS.get(base, _UNKNOWN)
        total += width
    return total / 1000 * font_size * SAFETY * (1.06 if bold else 1.0)


_BREAKABLE = re.compile(r"[ \t\n\r]+")


def words(text: str) -> list[str]:
    """The units a line may break between: words joined by no-break spaces stay one."""
    return [w for w in _BREAKABLE.split(text) if w]


def wrap(text: str, font_size: float, max_width: float | None) -> tuple[str, ...]:
    """`text` in lines no wider than `max_width` (word by word; a word too long for a line
    is cut with « … »). No `max_width`: one line. Lines break at plain spaces only: a
    no-break space (« 12\u00a0% », « Eau\u202f? ») keeps its two sides on one line."""
    units = words(text)
    if max_width is None or not units:
        return (" ".join(units),)
    lines: list[str] = []
    line = ""
    for word in units:
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, font_size) <= max_width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
        while text_width(line, font_size) > max_width and len(line) > 1:
            line = line[:-2] + "…" if line.endswith("…") else line[:-1] + "…"
    lines.append(line)
    return tuple(lines)


@dataclass(frozen=True, slots=True)
class Box:
    """An axis-aligned box: x0 ≤ x1 left to right, y0 ≤ y1 top to bottom (SVG units)."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def overlaps(self, other: Box, gap: float = 0.0) -> bool:
        return (
            self.x0 < other.x1 + gap
            and other.x0 < self.x1 + gap
            and self.y0 < other.y1 + gap
            and other.y0 < self.y1 + gap
        )

    def inside(self, other: Box) -> bool:
        return (
            self.x0 >= other.x0
            and self.y0 >= other.y0
            and self.x1 <= other.x1
            and self.y1 <= other.y1
        )

    def nearest(self, x: float, y: float) -> tuple[float, float]:
        """The point of the box nearest to (x, y)."""
        return min(max(x, self.x0), self.x1), min(max(y, self.y0), self.y1)

    def distance(self, x: float, y: float) -> float:
        nx, ny = self.nearest(x, y)
        return math.hypot(nx - x, ny - y)


@dataclass(frozen=True, slots=True)
class Segment:
    """A line the labels must not cross (an axis), from (x0, y0) to (x1, y1)."""

    x0: float
    y0: float
    x1: float
    y1: float

    def crosses(self, box: Box, gap: float = 0.0) -> bool:
        """True when the segment touches the box widened by `gap` (Liang–Barsky clipping)."""
        x0, y0, x1, y1 = box.x0 - gap, box.y0 - gap, box.x1 + gap, box.y1 + gap
        dx, dy = self.x1 - self.x0, self.y1 - self.y0
        low, high = 0.0, 1.0
        for p, q in (
            (-dx, self.x0 - x0),
            (dx, x1 - self.x0),
            (-dy, self.y0 - y0),
            (dy, y1 - self.y0),
        ):
            if p == 0:
                if q < 0:
                    return False
            else:
                t = q / p
                if p < 0:
                    low = max(low, t)
                else:
                    high = min(high, t)
                if low > high:
                    return False
        return True


@dataclass(frozen=True, slots=True)
class Item:
    """A label to place for the point (x, y); `angle` is the preferred side (radians, 0 =
    right, π/2 = up), None for no preference; `radius` is the point's drawn radius."""

    text: str
    x: float
    y: float
    angle: float | None = None
    radius: float = 4.0


@dataclass(frozen=True, slots=True)
class Placed:
    item: Item
    box: Box
    font_size: float
    leader: bool  # draw a line from the point to the box
    below: bool = False  # put in the rows under the drawing
    lines: tuple[str, ...] = ()  # the text as drawn, line by line

    @property
    def baseline_x(self) -> float:
        return self.box.x0

    @property
    def baseline_y(self) -> float:
        """The first line's baseline (text-anchor start) inside the box."""
        return self.box.y0 + self.font_size * (LINE_HEIGHT + 0.8) / 2

    @property
    def line_height(self) -> float:
        return self.font_size * LINE_HEIGHT

    @property
    def leader_end(self) -> tuple[float, float]:
        return self.box.nearest(self.item.x, self.item.y)


@dataclass(frozen=True, slots=True)
class Layout:
    labels: list[Placed]
    height: float  # the drawing's height, grown when labels went under it
    extra_height: float = 0.0

    def boxes(self) -> list[Box]:
        return [p.box for p in self.labels]


class _Space:
    """The drawing's free room: bounds, axes, and the boxes taken (indexed on a grid)."""

    CELL = 32.0

    def __init__(self, bounds: Box, axes: Sequence[Segment], taken: Iterable[Box], gap: float):
        self.bounds = bounds
        self.axes = axes
        self.gap = gap
        self.cells: dict[tuple[int, int], list[Box]] = {}
        for box in taken:
            self.take(box)

    def _keys(self, box: Box) -> Iterable[tuple[int, int]]:
        g = self.gap
        for cx in range(int((box.x0 - g) // self.CELL), int((box.x1 + g) // self.CELL) + 1):
            for cy in range(int((box.y0 - g) // self.CELL), int((box.y1 + g) // self.CELL) + 1):
                yield cx, cy

    def take(self, box: Box) -> None:
        for key in self._keys(box):
            self.cells.setdefault(key, []).append(box)

    def free(self, box: Box) -> bool:
        if not box.inside(self.bounds):
            return False
        if any(axis.crosses(box, self.gap) for axis in self.axes):
            return False
        return not any(
            box.overlaps(other, self.gap)
            for key in self._keys(box)
            for other in self.cells.get(key, ())
        )


_SIDES = tuple(i * math.pi / 4 for i in range(8))  # right, up-right, up, up-left…


def _box_at(item: Item, angle: float, distance: float, width: float, height: float) -> Box:
    """The box whose side facing the point is `distance` away from it in direction `angle`
    (SVG y grows downwards, so "up" is −y)."""
    cx = item.x + math.cos(angle) * distance
    cy = item.y - math.sin(angle) * distance
    # push the box so that its nearest edge, not its centre, sits at (cx, cy)
    ux, uy = math.cos(angle), -math.sin(angle)
    cx += ux * width / 2 if abs(ux) > 1e-9 else 0.0
    cy += uy * height / 2 if abs(uy) > 1e-9 else 0.0
    return Box(cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)


def _sides(item: Item) -> list[float]:
    if item.angle is None:
        # right, left, then the diagonals and up/down: labels read best beside their point
        order = (0, 4, 1, 3, 7, 5, 2, 6)
        return [_SIDES[i] for i in order]

    def turn(a: float) -> float:
        d = (a - item.angle) % (2 * math.pi)  # type: ignore[operator]
        return min(d, 2 * math.pi - d)

    return sorted(_SIDES, key=turn)


def place_labels(
    items: Sequence[Item],
    *,
    bounds: Box,
    axes: Iterable[Segment] = (),
    fixed: Iterable[Box] = (),
    font_size: float = 13.0,
    gap: float = 2.0,
    near: float = 3.0,
    rings: int = 14,
    ring_step: float | None = None,
    overflow_y: float | None = None,
    max_width: float | None = None,
) -> Layout:
    """Place one label per item inside `bounds`; see the module's docstring.

    `fixed` are boxes already drawn (titles); `near` the gap between a point and its label
    when placed beside it; beyond it, the label gets a leader line. Labels that find no room
    go in rows from `overflow_y` down (default: under `bounds`); `Layout.height` is then the
    drawing's new height. With `max_width`, long labels are wrapped on several lines.
    """
    axes = list(axes)
    height = font_size * LINE_HEIGHT
    step = ring_step if ring_step is not None else height
    texts = [wrap(item.text, font_size, max_width) for item in items]
    sizes = [
        (max(text_width(line, font_size) for line in lines), height * len(lines)) for lines in texts
    ]
    points = [
        Box(it.x - it.radius, it.y - it.radius, it.x + it.radius, it.y + it.radius) for it in items
    ]
    space = _Space(bounds, axes, [*fixed, *points], gap)

    def crowd(i: int) -> tuple[float, int]:
        item = items[i]
        reach = sizes[i][0] + step
        close = sum(
            1
            for j, other in enumerate(items)
            if j != i and abs(other.x - item.x) < reach and abs(other.y - item.y) < reach
        )
        return (-close, i)

    placed: dict[int, Placed] = {}
    below: list[int] = []
    too_wide = math.inf
    for i in sorted(range(len(items)), key=crowd):
        item = items[i]
        width, h = sizes[i]
        choice = None
        for ring in range(rings + 1):
            distance = item.radius + near + ring * step
            for angle in _sides(item):
                box = _box_at(item, angle, distance, width, h)
                if space.free(box):
                    choice = Placed(item, box, font_size, leader=ring > 0, lines=texts[i])
                    break
            if choice:
                break
        if choice is None and width < too_wide:
            choice = _scan(item, width, h, space, font_size, texts[i])
            if choice is None:
                too_wide = width  # the room only shrinks: no wider label will fit either
        if choice is None:
            below.append(i)
            continue
        space.take(choice.box)
        placed[i] = choice

    extra = 0.0
    start = bounds.y1 if overflow_y is None else overflow_y
    if below:
        # rows under the drawing, left to right, as many per row as fit
        x, y = bounds.x0 + gap, start + gap
        row_height = 0.0
        for i in sorted(below, key=lambda k: items[k].x):
            width, h = sizes[i]
            if x + width > bounds.x1 - gap and x > bounds.x0 + gap:
                x, y = bounds.x0 + gap, y + row_height + gap
                row_height = 0.0
            row_height = max(row_height, h)
            box = Box(x, y, x + width, y + h)
            placed[i] = Placed(items[i], box, font_size, leader=True, below=True, lines=texts[i])
            x += width + 4 * gap
        extra = y + row_height + gap - start
    return Layout([placed[i] for i in range(len(items))], start + extra, extra_height=extra)


def _scan(
    item: Item, width: float, height: float, space: _Space, font_size: float, lines: tuple[str, ...]
) -> Placed | None:
    """The free spot nearest to the point, searched over the whole drawing on a grid."""
    bounds = space.bounds
    step = max(2.0, height / 2)
    spots = []
    y = bounds.y0
    while y + height <= bounds.y1:
        x = bounds.x0
        while x + width <= bounds.x1:
            box = Box(x, y, x + width, y + height)
            spots.append((box.distance(item.x, item.y), y, x, box))
            x += step
        y += step
    spots.sort(key=lambda spot: spot[:3])
    best = next((spot for spot in spots if space.free(spot[3])), None)
    if best is None:
        return None
    return Placed(item, best[3], font_size, leader=True, lines=lines)


def overlapping_pairs(boxes: Sequence[Box]) -> list[tuple[int, int]]:
    """Pairs of boxes that overlap (for tests and checks)."""
    return [
        (i, j)
        for i in range(len(boxes))
        for j in range(i + 1, len(boxes))
        if boxes[i].overlaps(boxes[j])
    ]
