"""SVG drawings of the Doughnut and of the Boussole's compass, in pure Python.

The same strings go into web pages and PDF documents. Each drawing carries a <title> and a
<desc> (role="img"); pages put a data table next to it, which is the text alternative.

Doughnut drawing rules (Raworth 2017; Fanning & Raworth 2025, figure legend): two
concentric rings — the social foundation inside, the ecological ceiling outside — with the
safe and just space between. One sector per dimension. When values are given, a social
wedge starts at the social foundation and grows towards the centre in proportion to the
share of the population in shortfall; an ecological wedge grows outwards beyond the
ceiling in proportion to the overshoot (ratio − 1), capped at `max_overshoot`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from ressort.analysis import labels as lb
from ressort.analysis.typography import coordinate as xy
from ressort.analysis.typography import number

SAFE_GREEN = "#2e7d32"  # white text on it keeps a 5:1 contrast
SHORTFALL_RED = "#b3261e"
OVERSHOOT_RED = "#7e0129"
SECTOR_FILL = "#eef3ef"
SECTOR_STROKE = "#ffffff"
INK = "#1d2327"


@dataclass(frozen=True, slots=True)
class Segment:
    """One dimension on a drawing: its code, the label shown, and an optional value.

    Doughnut: social value = % of the population in shortfall (0–100); ecological value =
    pressure as a ratio of the boundary (1 = at the boundary). Compass: a level on a scale.
    """

    code: str
    label: str
    value: float | None = None
    to_verify: bool = False


def _point(cx: float, cy: float, radius: float, degrees: float) -> tuple[float, float]:
    """Angle 0 is at the top, clockwise, like a clock face."""
    rad = math.radians(degrees - 90)
    return cx + radius * math.cos(rad), cy + radius * math.sin(rad)


def annular_sector(
    cx: float, cy: float, r_inner: float, r_outer: float, start: float, end: float
) -> str:
    """SVG path of a ring sector between two radii and two angles (degrees)."""
    large = 1 if end - start > 180 else 0
    x1, y1 = _point(cx, cy, r_outer, start)
    x2, y2 = _point(cx, cy, r_outer, end)
    x3, y3 = _point(cx, cy, r_inner, end)
    x4, y4 = _point(cx, cy, r_inner, start)
    ro, ri = xy(r_outer), xy(r_inner)
    return (
        f"M{xy(x1)},{xy(y1)} A{ro},{ro} 0 {large} 1 {xy(x2)},{xy(y2)} "
        f"L{xy(x3)},{xy(y3)} A{ri},{ri} 0 {large} 0 {xy(x4)},{xy(y4)} Z"
    )


def _wrap(label: str, width: int) -> list[str]:
    """`label` in lines of about `width` characters, broken at plain spaces only."""
    words, lines, current = lb.words(label), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        lines.append(current)
    return lines or [label]


def _text(x: float, y: float, label: str, size: float, width: int, weight: str = "") -> str:
    lines = _wrap(label, width)
    first_dy = -(len(lines) - 1) * size * 0.55
    spans = "".join(
        f'<tspan x="{xy(x)}" dy="{xy(first_dy if i == 0 else size * 1.1)}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    bold = f' font-weight="{weight}"' if weight else ""
    return (
        f'<text x="{xy(x)}" y="{xy(y)}" font-size="{xy(size)}" text-anchor="middle" '
        f'dominant-baseline="middle" fill="{INK}" stroke="#ffffff" stroke-width="3" '
        f'stroke-linejoin="round" paint-order="stroke"{bold}>{spans}</text>'
    )


def _svg_open(width: int, height: int, ident: str, title: str, desc: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{ident}-titre {ident}-desc" class="rs-drawing" '
        f'font-family="system-ui, sans-serif">'
        f'<title id="{ident}-titre">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(desc)}</desc>'
    )


DONUT_SIZE = 820
DONUT_RADII = (70.0, 180.0, 240.0, 330.0)  # hole, social foundation, ceiling, overshoot cap
_SOCIAL_FONT, _ECO_FONT = 11.0, 13.0
_SOCIAL_FONTS = (_SOCIAL_FONT, 10.0, 9.0)  # 9 px in an 820 px drawing: the legible minimum


def _distance_to_box(box: lb.Box, x: float, y: float) -> float:
    """The distance from (x, y) to the nearest point of `box` (0 inside)."""
    dx = max(box.x0 - x, 0.0, x - box.x1)
    dy = max(box.y0 - y, 0.0, y - box.y1)
    return math.hypot(dx, dy)


def _shown(seg: Segment) -> str:
    return seg.label + ("\u00a0*" if seg.to_verify else "")


def doughnut_labels(social: Sequence[Segment], ecological: Sequence[Segment]) -> lb.Layout:
    """Where the Doughnut's labels go, so that no two overlap whatever their length.

    A social label is centred in its sector, wrapped to the sector's width; one that would
    touch another is moved beside the drawing with a leader line (`analysis.labels`). The
    ecological labels go outside the ring, each on its own side of the drawing, placed by the
    same module. The layout's height grows when labels had to go under the drawing.
    """
    size, c = float(DONUT_SIZE), DONUT_SIZE / 2
    r_hole, r_social, _r_eco, r_max = DONUT_RADII
    bounds = lb.Box(10.0, 10.0, size - 10, size - 10)  # room for a wider real font
    step = 360 / len(social)
    r_mid = (r_hole + r_social) / 2 + 8

    def in_sector(i: int, seg: Segment, font: float, radius: float) -> lb.Placed:
        x, y = _point(c, c, radius, (i + 0.5) * step)
        chord = 2 * radius * math.sin(math.radians(step / 2)) * 0.95
        widest_word = max(lb.text_width(w, font) for w in lb.words(_shown(seg)))
        lines = lb.wrap(_shown(seg), font, max(chord, widest_word))
        w = max(lb.text_width(line, font) for line in lines)
        h = font * lb.LINE_HEIGHT * len(lines)
        box = lb.Box(x - w / 2, y - h / 2, x + w / 2, y + h / 2)
        return lb.Placed(lb.Item(_shown(seg), x, y, radius=0.0), box, font, False, lines=lines)

    def within_ring(box: lb.Box) -> bool:
        corners = [(box.x0, box.y0), (box.x1, box.y0), (box.x0, box.y1), (box.x1, box.y1)]
        far = max(math.hypot(x - c, y - c) for x, y in corners)
        near = _distance_to_box(box, c, c)
        return far <= r_social - 3 and near >= r_hole + 3

    centred = [in_sector(i, seg, _SOCIAL_FONT, r_mid) for i, seg in enumerate(social)]
    clashing = {k for pair in lb.overlapping_pairs([p.box for p in centred]) for k in pair}
    kept = {i: p for i, p in enumerate(centred) if i not in clashing}
    # A label too wide for its sector first tries a smaller font, then, inside its own
    # sector, further out where the sector is wider: a label left in its sector reads better than
    # one sent beside the drawing with a leader line across the ring. Alone first, then the
    # clashing labels together at one size and distance (two neighbours too wide side by
    # side may only fit when both give way).
    radii = (r_mid, r_mid + 12, r_mid + 22, r_mid + 30, r_mid - 12)
    options = [(font, radius) for radius in radii for font in _SOCIAL_FONTS]

    def free(placed: lb.Placed, taken: list[lb.Box]) -> bool:
        return within_ring(placed.box) and not any(placed.box.overlaps(b, gap=2.0) for b in taken)

    alone = dict(kept)
    for i in sorted(clashing):
        taken = [p.box for p in alone.values()]
        for font, radius in options:
            if free(spot := in_sector(i, social[i], font, radius), taken):
                alone[i] = spot
                break
    if clashing <= set(alone):
        kept = alone
    else:
        fixed = [p.box for p in kept.values()]
        for font, radius in options:
            group = {i: in_sector(i, social[i], font, radius) for i in sorted(clashing)}
            boxes = [p.box for p in group.values()]
            if all(free(p, fixed) for p in group.values()) and not lb.overlapping_pairs(boxes):
                kept = {**kept, **group}
                break
        else:
            kept = alone
    clashing -= set(kept)
    kept_list = [kept[i] for i in sorted(kept)]
    step = 360 / len(ecological)
    eco_items = []
    for i, seg in enumerate(ecological):
        degrees = (i + 0.5) * step
        x, y = _point(c, c, r_max + 6, degrees)
        outward = math.atan2(math.cos(math.radians(degrees)), math.sin(math.radians(degrees)))
        eco_items.append(lb.Item(_shown(seg), x, y, angle=outward, radius=2.0))
    ring = lb.Box(c - r_max, c - r_max, c + r_max, c + r_max)
    eco = lb.place_labels(
        eco_items,
        bounds=bounds,
        fixed=[p.box for p in kept_list],
        font_size=_ECO_FONT,
        max_width=150.0,
        near=2.0,
        gap=6.0,
    )
    placed = [*kept_list, *eco.labels]
    moved: list[lb.Placed] = []
    if clashing:
        # Beside the drawing, away from the ring, with a leader line to their sector.
        others = [p.box for p in placed] + [ring]
        items = [centred[i].item for i in sorted(clashing)]
        room = lb.place_labels(
            items,
            bounds=bounds,
            fixed=others,
            font_size=_SOCIAL_FONT,
            max_width=120.0,
            gap=6.0,
            overflow_y=eco.height,
        )
        moved = room.labels
        return lb.Layout([*kept_list, *moved, *eco.labels], max(eco.height, room.height))
    return lb.Layout(placed, eco.height)


def _placed_text(placed: lb.Placed) -> str:
    """A placed label, centred in its box, with its leader line when it left its point."""
    box = placed.box
    x = (box.x0 + box.x1) / 2
    size = placed.font_size
    spans = "".join(
        f'<tspan x="{xy(x)}" y="{xy(box.y0 + size * (lb.LINE_HEIGHT * (k + 0.5) + 0.35))}">'
        f"{escape(line)}</tspan>"
        for k, line in enumerate(placed.lines)
    )
    leader = ""
    if placed.leader:
        ex, ey = placed.leader_end
        leader = (
            f'<line x1="{xy(placed.item.x)}" y1="{xy(placed.item.y)}" x2="{xy(ex)}" '
            f'y2="{xy(ey)}" stroke="#6b737a" stroke-width="1" />'
        )
    return (
        f'{leader}<text font-size="{xy(size)}" text-anchor="middle" fill="{INK}" '
        f'stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">'
        f"{spans}</text>"
    )


def doughnut_svg(
    social: Sequence[Segment],
    ecological: Sequence[Segment],
    title: str = "Le Donut : plancher social et plafond écologique",
    ident: str = "donut",
    max_overshoot: float = 2.0,
) -> str:
    """The Doughnut: 12 social sectors inside, 9 ecological sectors outside, green between."""
    if not social or not ecological:
        raise ValueError("il faut au moins une dimension sociale et une dimension écologique")
    size, c = DONUT_SIZE, DONUT_SIZE / 2
    r_hole, r_social, r_eco, r_max = DONUT_RADII
    desc = (
        f"Anneau intérieur : plancher social ({len(social)} dimensions : "
        + ", ".join(s.label for s in social)
        + f"). Anneau extérieur : plafond écologique ({len(ecological)} dimensions : "
        + ", ".join(s.label for s in ecological)
        + "). Entre les deux, en vert : l'espace sûr et juste pour l'humanité."
    )
    layout = doughnut_labels(social, ecological)
    parts = [_svg_open(size, max(size, math.ceil(layout.height)), ident, title, desc)]
    # A full ring as a stroked circle: an arc whose two ends coincide would not be drawn.
    parts.append(
        f'<circle cx="{xy(c)}" cy="{xy(c)}" r="{xy((r_social + r_eco) / 2)}" fill="none" '
        f'stroke="{SAFE_GREEN}" stroke-width="{xy(r_eco - r_social)}" />'
    )
    step = 360 / len(social)
    for i, seg in enumerate(social):
        a1, a2 = i * step, (i + 1) * step
        parts.append(
            f'<path d="{annular_sector(c, c, r_hole, r_social, a1, a2)}" fill="{SECTOR_FILL}" '
            f'stroke="{SECTOR_STROKE}" stroke-width="2"><title>{escape(seg.label)}</title></path>'
        )
        if seg.value is not None:
            depth = (r_social - r_hole) * max(0.0, min(seg.value, 100.0)) / 100
            parts.append(
                f'<path d="{annular_sector(c, c, r_social - depth, r_social, a1 + 1, a2 - 1)}" '
                f'fill="{SHORTFALL_RED}" opacity="0.85" />'
            )
    step = 360 / len(ecological)
    for i, seg in enumerate(ecological):
        a1, a2 = i * step, (i + 1) * step
        parts.append(
            f'<path d="{annular_sector(c, c, r_eco, r_eco + 12, a1, a2)}" fill="#d9e7db" '
            f'stroke="{SECTOR_STROKE}" stroke-width="2"><title>{escape(seg.label)}</title></path>'
        )
        if seg.value is not None and seg.value > 1:
            extra = (r_max - r_eco) * min(seg.value - 1, max_overshoot) / max_overshoot
            parts.append(
                f'<path d="{annular_sector(c, c, r_eco, r_eco + extra, a1 + 1, a2 - 1)}" '
                f'fill="{OVERSHOOT_RED}" opacity="0.85" />'
            )
    parts.extend(_placed_text(p) for p in layout.labels)
    parts.append(_text(c, c, "en deçà du plancher : déficit", 10, 14))
    x, y = _point(c, c, (r_social + r_eco) / 2, 0)
    parts.append(
        f'<text x="{xy(x)}" y="{xy(y)}" font-size="12" text-anchor="middle" '
        f'dominant-baseline="middle" fill="#ffffff" font-weight="600">espace sûr et juste</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


def compass_svg(
    principles: Sequence[Segment],
    title: str = "La Boussole de la résilience : six principes",
    ident: str = "boussole",
    max_value: float = 4.0,
) -> str:
    """The compass: one petal per principle; with values, a profile drawn over it."""
    if len(principles) < 3:
        raise ValueError("une boussole a besoin d'au moins trois principes")
    size, c = 640, 320.0
    r_petal, r_label = 200.0, 255.0
    n = len(principles)
    desc = (
        "Rose à "
        + str(n)
        + " branches, une par principe : "
        + ", ".join(p.label for p in principles)
    )
    if any(p.value is not None for p in principles):
        desc += ". Profil : " + ", ".join(
            f"{p.label} {number(p.value, 1)} sur {number(max_value, 1)}"
            for p in principles
            if p.value is not None
        )
    parts = [_svg_open(size, size, ident, title, desc + ".")]
    for ring in (0.25, 0.5, 0.75, 1.0):
        parts.append(
            f'<circle cx="{xy(c)}" cy="{xy(c)}" r="{xy(r_petal * ring)}" fill="none" '
            f'stroke="#c9d3cf" stroke-width="1" />'
        )
    step = 360 / n
    palette = ["#0b5c57", "#2f6f9f", "#7a5c99", "#a0522d", "#3c7a3a", "#8a6d1d"]
    for i, seg in enumerate(principles):
        angle = i * step
        tip = _point(c, c, r_petal, angle)
        left = _point(c, c, r_petal * 0.28, angle - step / 2)
        right = _point(c, c, r_petal * 0.28, angle + step / 2)
        colour = palette[i % len(palette)]
        parts.append(
            f'<path d="M{xy(c)},{xy(c)} L{xy(left[0])},{xy(left[1])} '
            f'L{xy(tip[0])},{xy(tip[1])} L{xy(right[0])},{xy(right[1])} Z" '
            f'fill="{colour}" fill-opacity="0.22" stroke="{colour}" stroke-width="2">'
            f"<title>{escape(seg.label)}</title></path>"
        )
        x, y = _point(c, c, r_label, angle)
        parts.append(_text(x, y, _shown(seg), 13, 18, "600"))
    values = [p.value for p in principles]
    if all(v is not None for v in values):
        points = [
            _point(c, c, r_petal * max(0.0, min(float(v or 0), max_value)) / max_value, i * step)
            for i, v in enumerate(values)
        ]
        path = " ".join(f"{xy(x)},{xy(y)}" for x, y in points)
        parts.append(
            f'<polygon points="{path}" fill="{INK}" fill-opacity="0.15" stroke="{INK}" '
            f'stroke-width="2.5" />'
        )
    if any(v is not None for v in values):
        parts.append(_compass_scale(c, r_petal, step, max_value))
    parts.append(f'<circle cx="{xy(c)}" cy="{xy(c)}" r="6" fill="{INK}" />')
    parts.append("</svg>")
    return "".join(parts)


def _compass_scale(c: float, radius: float, step: float, max_value: float) -> str:
    """The rings' values (1 to 4 of 4), along the line between the first two petals, so
    that the profile reads as figures on paper too."""
    out = ['<g class="scale" font-size="11" fill="#3d4850"><title>Échelle</title>']
    for ring in (0.25, 0.5, 0.75, 1.0):
        x, y = _point(c, c, radius * ring, step / 2)
        out.append(
            f'<text x="{xy(x + 4)}" y="{xy(y)}" dominant-baseline="middle">'
            f"{number(ring * max_value, 1)}</text>"
        )
    out.append("</g>")
    return "".join(out)
