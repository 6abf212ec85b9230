"""SVG drawings of actors: the network of the actor map, the influence × dependence map of
MACTOR, and the convergence or divergence graph between actors, in pure Python.

Each drawing carries a <title> and a <desc> (role="img"); pages put a list or a table next
to it, which is the text alternative. Colours are never the only carrier of meaning: the
lists say the same thing in words.

- Network: actors on a circle, grouped by category, each category on an arc proportional to
  its size (so a category reads as a cluster); links are chords, styled by kind (colour and
  dash pattern, both named in the legend). Labels are written beside the nodes up to
  `LABEL_LIMIT` actors; beyond, each node carries its name as a tooltip only.
- Influence × dependence map (M. Godet, MACTOR): influence I on the vertical axis,
  dependence D on the horizontal one, split at their means into dominant actors (high I,
  low D), relay actors (high I, high D), dominated actors (low I, high D) and autonomous
  actors (low I, low D).
- Convergence or divergence graph: actors on a circle, a chord between two actors whose
  value is non-zero, its width growing with the value (thirds of the largest value: weak,
  medium, strong), as in Godet's graphs of convergences between actors.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from ressort.analysis.typography import coordinate as xy
from ressort.analysis.typography import number

INK = "#1d2327"
MUTED = "#6c757d"
LABEL_LIMIT = 40

# Distinct, dark enough on white for small marks (contrast ≥ 3:1).
PALETTE = (
    "#0b5c57",
    "#b3261e",
    "#1f4e9c",
    "#8c4a00",
    "#6a3d9a",
    "#2e6b30",
    "#7e0129",
    "#495057",
    "#00607a",
    "#8a2b74",
)


@dataclass(frozen=True, slots=True)
class NetworkNode:
    key: str
    label: str
    group: int  # index into the groups


@dataclass(frozen=True, slots=True)
class NetworkEdge:
    source: str
    target: str
    kind: int  # index into the kinds


@dataclass(frozen=True, slots=True)
class EdgeStyle:
    label: str
    colour: str
    dash: str = ""  # SVG stroke-dasharray, "" for a solid line


@dataclass(frozen=True, slots=True)
class ScatterPoint:
    label: str
    x: float
    y: float


def _svg_open(width: int, height: int, ident: str, title: str, desc: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{ident}-titre {ident}-desc" class="rs-drawing" '
        f'font-family="system-ui, sans-serif">'
        f'<title id="{ident}-titre">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(desc)}</desc>'
    )


def _short(label: str, width: int = 26) -> str:
    return label if len(label) <= width else label[: width - 1].rstrip() + "…"


def _circle_positions(
    count: int, cx: float, cy: float, radius: float, start: float = -90.0, span: float = 360.0
) -> list[tuple[float, float, float]]:
    """(x, y, angle in degrees) of `count` points spread over an arc."""
    step = span / count if count else 0.0
    positions = []
    for index in range(count):
        angle = start + step * (index + 0.5)
        rad = math.radians(angle)
        positions.append((cx + radius * math.cos(rad), cy + radius * math.sin(rad), angle))
    return positions


def _label(x: float, y: float, angle: float, text: str, size: int = 11) -> str:
    right = math.cos(math.radians(angle)) >= 0
    dx = 7 if right else -7
    anchor = "start" if right else "end"
    return (
        f'<text x="{xy(x + dx)}" y="{xy(y + 4)}" font-size="{size}" fill="{INK}" '
        f'text-anchor="{anchor}">{escape(_short(text))}</text>'
    )


def network_svg(
    nodes: Sequence[NetworkNode],
    edges: Sequence[NetworkEdge],
    groups: Sequence[str],
    kinds: Sequence[EdgeStyle],
    *,
    ident: str = "reseau",
    title: str = "Carte des acteurs",
    desc: str = "",
) -> str:
    """The actor network, grouped by category (see the module docstring)."""
    width, height = 760, 640
    cx, cy = width / 2, 300.0
    radius = 190.0 if len(nodes) <= LABEL_LIMIT else 250.0
    labelled = len(nodes) <= LABEL_LIMIT
    by_group: dict[int, list[NetworkNode]] = {}
    for node in nodes:
        by_group.setdefault(node.group, []).append(node)
    order = sorted(by_group)
    gap = 6.0 if len(order) > 1 else 0.0
    usable = 360.0 - gap * len(order)
    position: dict[str, tuple[float, float, float]] = {}
    colour: dict[str, str] = {}
    group_marks: list[str] = []
    angle = -90.0
    for group in order:
        members = by_group[group]
        span = usable * len(members) / len(nodes)
        for node, point in zip(
            members, _circle_positions(len(members), cx, cy, radius, angle, span), strict=True
        ):
            position[node.key] = point
            colour[node.key] = PALETTE[group % len(PALETTE)]
        if not labelled:
            middle = math.radians(angle + span / 2)
            gx, gy = cx + (radius + 22) * math.cos(middle), cy + (radius + 22) * math.sin(middle)
            group_marks.append(
                _label(gx, gy, angle + span / 2, f"{groups[group]} ({len(members)})", 12)
            )
        angle += span + gap
    parts = [_svg_open(width, height, ident, title, desc)]
    parts.append('<g fill="none" stroke-width="1.4" stroke-opacity="0.75">')
    for edge in edges:
        if edge.source not in position or edge.target not in position:
            continue
        x1, y1, _ = position[edge.source]
        x2, y2, _ = position[edge.target]
        style = kinds[edge.kind]
        dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
        # A chord bent towards the centre keeps links from hiding behind one another.
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        qx, qy = mx + (cx - mx) * 0.35, my + (cy - my) * 0.35
        parts.append(
            f'<path d="M{xy(x1)} {xy(y1)} Q{xy(qx)} {xy(qy)} {xy(x2)} {xy(y2)}" '
            f'stroke="{style.colour}"{dash}/>'
        )
    parts.append("</g><g>")
    for node in (node for group in order for node in by_group[group]):
        x, y, node_angle = position[node.key]
        parts.append(
            f"<g><title>{escape(node.label)} — {escape(groups[node.group])}</title>"
            f'<circle cx="{xy(x)}" cy="{xy(y)}" r="{5 if labelled else 3.5}" '
            f'fill="{colour[node.key]}" stroke="#fff" stroke-width="1"/>'
            + (_label(x, y, node_angle, node.label) if labelled else "")
            + "</g>"
        )
    parts.append("</g>")
    parts.extend(group_marks)
    # Legend: categories (colour dots) then kinds of links (line samples).
    y = 560.0
    x = 20.0
    legend = []
    for group in order:
        text = groups[group]
        legend.append(
            f'<circle cx="{xy(x + 5)}" cy="{xy(y - 4)}" r="5" '
            f'fill="{PALETTE[group % len(PALETTE)]}"/>'
            f'<text x="{xy(x + 14)}" y="{xy(y)}" font-size="12" fill="{INK}">'
            f"{escape(text)}</text>"
        )
        x += 26 + 6.6 * len(text)
        if x > width - 160:
            x, y = 20.0, y + 20
    x, y = 20.0, y + 24
    for style in kinds:
        dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
        legend.append(
            f'<line x1="{xy(x)}" y1="{xy(y - 4)}" x2="{xy(x + 26)}" y2="{xy(y - 4)}" '
            f'stroke="{style.colour}" stroke-width="2"{dash}/>'
            f'<text x="{xy(x + 32)}" y="{xy(y)}" font-size="12" fill="{INK}">'
            f"{escape(style.label)}</text>"
        )
        x += 44 + 6.6 * len(style.label)
        if x > width - 160:
            x, y = 20.0, y + 20
    parts.extend(legend)
    parts.append("</svg>")
    svg = "".join(parts)
    bottom = int(y + 16)
    return svg.replace(f'viewBox="0 0 {width} {height}"', f'viewBox="0 0 {width} {bottom}"', 1)


def influence_dependence_svg(
    points: Sequence[ScatterPoint],
    *,
    ident: str = "influence-dependance",
    title: str = "Plan des influences et dépendances entre acteurs",
) -> str:
    """Influence (y) against dependence (x), split at the means (see the module docstring)."""
    width, height = 560, 440
    left, top, right, bottom = 56.0, 24.0, width - 16.0, height - 48.0
    top_value = max([max(p.x, p.y) for p in points] + [0.0]) * 1.08 or 1.0

    def sx(value: float) -> float:
        return left + (right - left) * value / top_value

    def sy(value: float) -> float:
        return bottom - (bottom - top) * value / top_value

    mean_x = sum(p.x for p in points) / len(points) if points else 0.0
    mean_y = sum(p.y for p in points) / len(points) if points else 0.0
    desc = (
        "Influence en ordonnée, dépendance en abscisse ; les droites des moyennes séparent les "
        "acteurs dominants (en haut à gauche), relais (en haut à droite), dominés (en bas à "
        "droite) et autonomes (en bas à gauche). Les valeurs sont dans le tableau des résultats."
    )
    parts = [_svg_open(width, height, ident, title, desc)]
    parts.append(
        f'<line x1="{xy(left)}" y1="{xy(bottom)}" x2="{xy(right)}" y2="{xy(bottom)}" '
        f'stroke="{INK}"/>'
        f'<line x1="{xy(left)}" y1="{xy(top)}" x2="{xy(left)}" y2="{xy(bottom)}" '
        f'stroke="{INK}"/>'
        f'<line x1="{xy(sx(mean_x))}" y1="{xy(top)}" x2="{xy(sx(mean_x))}" '
        f'y2="{xy(bottom)}" stroke="{MUTED}" stroke-dasharray="4 3"/>'
        f'<line x1="{xy(left)}" y1="{xy(sy(mean_y))}" x2="{xy(right)}" '
        f'y2="{xy(sy(mean_y))}" stroke="{MUTED}" stroke-dasharray="4 3"/>'
        f'<g font-size="12" fill="#495057" font-style="italic">'
        f'<text x="{xy(left + 6)}" y="{xy(top + 12)}">acteurs dominants</text>'
        f'<text x="{xy(right - 6)}" y="{xy(top + 12)}" text-anchor="end">acteurs relais</text>'
        f'<text x="{xy(right - 6)}" y="{xy(bottom - 8)}" text-anchor="end">'
        f"acteurs dominés</text>"
        f'<text x="{xy(left + 6)}" y="{xy(bottom - 8)}">acteurs autonomes</text></g>'
        f'<text x="{xy(right)}" y="{xy(bottom + 30)}" text-anchor="end" font-size="12" '
        f'fill="{INK}">dépendance →</text>'
        f'<text x="14" y="{xy(top)}" font-size="12" fill="{INK}" '
        f'transform="rotate(-90 14 {xy(top)})" text-anchor="end">influence →</text>'
    )
    labelled = len(points) <= LABEL_LIMIT
    for point in points:
        x, y = sx(point.x), sy(point.y)
        high_i, high_d = point.y >= mean_y, point.x >= mean_x
        fill = {
            (True, False): "#b3261e",
            (True, True): "#8c4a00",
            (False, True): "#0b5c57",
            (False, False): "#495057",
        }[high_i, high_d]
        end = x > right - 160
        label = (
            f'<text x="{xy(x)}" y="{xy(y)}" dx="{-6 if end else 6}" dy="-5" font-size="11" '
            f'fill="{INK}"{" text-anchor=" + chr(34) + "end" + chr(34) if end else ""}>'
            f"{escape(_short(point.label))}</text>"
            if labelled
            else ""
        )
        parts.append(
            f"<g><title>{escape(point.label)} : influence {number(point.y, 1)}, dépendance "
            f"{number(point.x, 1)}</title>"
            f'<circle cx="{xy(x)}" cy="{xy(y)}" r="4.5" fill="{fill}"/>{label}</g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def strength(value: float, largest: float) -> int:
    """0 for none, then 1 weak, 2 medium, 3 strong: thirds of the largest value."""
    if value <= 0 or largest <= 0:
        return 0
    return min(3, 1 + int(3 * value / largest - 1e-9))


def pair_graph_svg(
    labels: Sequence[str],
    matrix: Sequence[Sequence[float]],
    *,
    colour: str,
    ident: str,
    title: str,
    desc: str,
) -> str:
    """Actors on a circle, a chord for each non-zero pair, wider as the value grows."""
    width, height = 720, 500
    cx, cy, radius = width / 2, height / 2, 170.0
    points = _circle_positions(len(labels), cx, cy, radius)
    largest = max([max(row, default=0.0) for row in matrix] + [0.0])
    parts = [_svg_open(width, height, ident, title, desc)]
    parts.append(f'<g stroke="{colour}" stroke-linecap="round">')
    for i in range(len(labels)):
        for k in range(i + 1, len(labels)):
            level = strength(matrix[i][k], largest)
            if not level:
                continue
            (x1, y1, _), (x2, y2, _) = points[i], points[k]
            parts.append(
                f'<line x1="{xy(x1)}" y1="{xy(y1)}" x2="{xy(x2)}" y2="{xy(y2)}" '
                f'stroke-width="{level * 2 - 1}" stroke-opacity="{0.45 + 0.18 * level:.2f}">'
                f"<title>{escape(labels[i])} – {escape(labels[k])} : "
                f"{number(matrix[i][k], 1)}</title></line>"
            )
    parts.append("</g><g>")
    for label, (x, y, angle) in zip(labels, points, strict=True):
        parts.append(
            f'<circle cx="{xy(x)}" cy="{xy(y)}" r="5" fill="{INK}"/>' + _label(x, y, angle, label)
        )
    parts.append("</g></svg>")
    return "".join(parts)
