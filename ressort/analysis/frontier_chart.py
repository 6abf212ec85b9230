"""The efficient frontier as an accessible SVG: benefit against budget, the team's budget
marked, tick labels spaced so that they never overlap.

Pure Python: the page gives the points (`budget.frontier`) and gets markup back. Text is
escaped; sizes are in SVG units, the drawing scales to its container (viewBox). Label
widths are estimated from the number of characters (`CHAR_WIDTH` per character at
`FONT_SIZE`, generous for digits and « k€ »), and the ticks are thinned until every label
has its own room: `tick_labels` returns the boxes so that a test can check it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from ressort.analysis.typography import number
from ressort.analysis.typography import short_euros as money

WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 64, 40, 48, 48
FONT_SIZE = 12
CHAR_WIDTH = 7.2  # estimated advance of one character at FONT_SIZE (digits, €, spaces)
GAP = 10  # least room between two tick labels


def nice_step(span: float, count: int) -> float:
    """A round step (1, 2, 2.5 or 5 × 10^k) giving about `count` intervals over `span`."""
    if span <= 0 or count < 1:
        return 1.0
    raw = span / count
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * power >= raw:
            return float(factor * power)
    return float(10 * power)  # pragma: no cover - the loop always returns


@dataclass(frozen=True, slots=True)
class Label:
    text: str
    x: float  # centre (x axis) or right edge (y axis)
    y: float

    @property
    def width(self) -> float:
        return len(self.text) * CHAR_WIDTH

    def box(self, anchor: str) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) of the label drawn with this text-anchor."""
        left = {"middle": self.x - self.width / 2, "end": self.x - self.width}.get(anchor, self.x)
        return (left, self.y - FONT_SIZE, left + self.width, self.y + 2)


def _ticks(
    top: float,
    length: float,
    label: Callable[[float], str],
    room_per_label: Callable[[str], float],
) -> list[float]:
    """Tick values 0 … ≥ top on a round step, as many as fit: fewer until they do."""
    for count in range(8, 0, -1):
        step = nice_step(top, count)
        values = [step * i for i in range(math.ceil(top / step - 1e-9) + 1)]
        if len(values) < 2:
            values = [0.0, step]
        spacing = length * step / max(values[-1], top, step)
        if all(room_per_label(label(v)) + GAP <= spacing for v in values):
            return values
    return [0.0]


@dataclass(frozen=True, slots=True)
class Axes:
    x_labels: list[Label]
    y_labels: list[Label]
    x_top: float  # the budget at the right edge
    y_low: float  # the benefit at the bottom edge
    y_span: float  # the benefit from the bottom edge to the top edge


def tick_labels(budget_top: float, benefit_low: float, benefit_top: float) -> Axes:
    """The x (budget) and y (benefit) tick labels, placed; they never overlap."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    xs = _ticks(budget_top, plot_w, money, lambda text: len(text) * CHAR_WIDTH)
    x_top = max(xs[-1], budget_top) or 1.0
    x_labels = [Label(money(v), LEFT + plot_w * v / x_top, HEIGHT - BOTTOM + 18) for v in xs]
    span = benefit_top - benefit_low
    ys = _ticks(span if span > 0 else 1.0, plot_h, number, lambda text: FONT_SIZE)
    y_top = max(ys[-1], span) or 1.0
    y_labels = [
        Label(number(benefit_low + v), LEFT - 8, TOP + plot_h - plot_h * v / y_top + 4) for v in ys
    ]
    return Axes(x_labels, y_labels, x_top, benefit_low, y_top)


def frontier_svg(
    points: Sequence[tuple[float, float]],
    budget: float,
    chosen_benefit: float,
    *,
    title: str,
    benefit_name: str,
    ident: str = "frontiere",
) -> str:
    """A step chart of the best benefit at each budget, the team's budget as a dashed line.

    `points` are (budget, best benefit), increasing budgets; `benefit_name` names the y
    axis (« points de résilience »…).
    """
    if not points:
        return ""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    budget_top = max(max(b for b, _ in points), budget)
    low = min(0.0, min(v for _, v in points), chosen_benefit)
    high = max(max(v for _, v in points), chosen_benefit)
    axes = tick_labels(budget_top, low, high)
    x_labels, y_labels, x_top, y_span = axes.x_labels, axes.y_labels, axes.x_top, axes.y_span

    def sx(value: float) -> float:
        return LEFT + plot_w * value / x_top

    def sy(value: float) -> float:
        return TOP + plot_h - plot_h * (value - low) / y_span

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{ident}-titre {ident}-desc" class="frontier-chart" '
        f'font-size="{FONT_SIZE}" font-family="system-ui, sans-serif">',
        f'<title id="{ident}-titre">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(_describe(points, budget, chosen_benefit))}</desc>',
        f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="#fff" '
        'stroke="#6c757d"/>',
    ]
    for label in x_labels:
        parts.append(
            f'<line x1="{label.x:.1f}" y1="{TOP + plot_h}" x2="{label.x:.1f}" '
            f'y2="{TOP + plot_h + 5}" stroke="#6c757d"/>'
            f'<text x="{label.x:.1f}" y="{label.y:.1f}" text-anchor="middle" fill="#212529">'
            f"{escape(label.text)}</text>"
        )
    for label in y_labels:
        y = label.y - 4
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + plot_w}" y2="{y:.1f}" '
            'stroke="#dee2e6"/>'
            f'<text x="{label.x:.1f}" y="{label.y:.1f}" text-anchor="end" fill="#212529">'
            f"{escape(label.text)}</text>"
        )
    parts.append(
        f'<text x="{LEFT + plot_w / 2:.1f}" y="{HEIGHT - 6}" text-anchor="middle" '
        'fill="#212529">Budget</text>'
        f'<text x="{LEFT}" y="{TOP - 28}" fill="#212529">{escape(benefit_name)}</text>'
    )
    path = [f"M{sx(0):.1f},{sy(points[0][1] if points[0][0] == 0 else low):.1f}"]
    previous = points[0][1] if points[0][0] == 0 else low
    for b, v in points:
        path.append(f"H{sx(b):.1f}")
        if v != previous:
            path.append(f"V{sy(v):.1f}")
        previous = v
    path.append(f"H{sx(x_top):.1f}")
    parts.append(f'<path d="{" ".join(path)}" fill="none" stroke="#0b5c57" stroke-width="2.5"/>')
    for b, v in points:
        parts.append(f'<circle cx="{sx(b):.1f}" cy="{sy(v):.1f}" r="3" fill="#0b5c57"/>')
    bx, by = sx(budget), sy(chosen_benefit)
    parts.append(
        f'<line x1="{bx:.1f}" y1="{TOP}" x2="{bx:.1f}" y2="{TOP + plot_h}" stroke="#b3261e" '
        'stroke-dasharray="5 4" stroke-width="1.5"/>'
        f'<circle cx="{bx:.1f}" cy="{by:.1f}" r="5" fill="#b3261e"/>'
    )
    # The budget's note has its own row above the plot (the axis title is on the row above
    # it), beside its dashed line, on the side where it fits.
    note = f"Votre budget : {money(budget)}"
    width = len(note) * CHAR_WIDTH
    anchor_x = bx + 6 if bx + 6 + width <= WIDTH - 4 else bx - 6
    anchor = "start" if anchor_x > bx else "end"
    parts.append(
        f'<text x="{anchor_x:.1f}" y="{TOP - 8}" text-anchor="{anchor}" fill="#b3261e">'
        f"{escape(note)}</text>"
    )
    parts.append("</svg>")
    return "".join(parts)


def _describe(points: Sequence[tuple[float, float]], budget: float, chosen: float) -> str:
    first, last = points[0], points[-1]
    return (
        f"Le meilleur bénéfice possible passe de {number(first[1])} avec {money(first[0])} "
        f"à {number(last[1])} avec {money(last[0])} ; avec votre budget de {money(budget)}, "
        f"{number(chosen)}. Le tableau qui suit donne chaque point."
    )
