"""Where we and the territories like ours stand in France, characteristic by characteristic,
as an accessible SVG (one row each: the national percentile from 0 to 100 %, our territory
a diamond, each comparable territory a dot).

Pure Python: the page gives the percentiles (`similar_territories.Similarity`) and gets
markup back. Each row's label sits above its track, so the drawing needs no left margin and
keeps readable when it scales down to a phone. `rows_in_words` says the same in sentences,
the chart's text alternative.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from ressort.analysis import typography

WIDTH = 420  # narrow: on a 390-pixel phone the text keeps about its size
LEFT, RIGHT = 12, 20
ROW = 56  # height of one characteristic's row
TOP, BOTTOM = 12, 40
FONT_SIZE = 12
OURS, THEIRS, TRACK = "#b3261e", "#0b5c57", "#adb5bd"


def ordinal(value: float) -> str:
    """« 1er », « 2e », « 62e » centile (0 reads « 0 »)."""
    n = round(value)
    return typography.ordinal(n) if n else "0"


def rows_in_words(
    labels: Sequence[str],
    ours: Sequence[float],
    theirs: Sequence[Sequence[float]],
) -> list[str]:
    """One sentence per characteristic: our percentile, and the range of the others'."""
    sentences = []
    for j, label in enumerate(labels):
        values = [row[j] for row in theirs]
        text = f"{label} : notre territoire au {ordinal(ours[j])} centile"
        if values:
            low, high = min(values), max(values)
            if round(low) == round(high):
                text += f", les territoires comparables au {ordinal(low)}"
            else:
                text += f", les territoires comparables du {ordinal(low)} au {ordinal(high)}"
        sentences.append(text + ".")
    return sentences


def profile_svg(
    labels: Sequence[str],
    ours: Sequence[float],
    theirs: Sequence[Sequence[float]],
    *,
    title: str,
    ident: str = "semblables",
) -> str:
    """`ours[j]` and `theirs[i][j]` are percentiles (0 … 100) of characteristic j."""
    if not labels:
        return ""
    height = TOP + ROW * len(labels) + BOTTOM
    plot_w = WIDTH - LEFT - RIGHT

    def sx(percentile: float) -> float:
        return LEFT + plot_w * min(max(percentile, 0.0), 100.0) / 100.0

    description = " ".join(rows_in_words(labels, ours, theirs))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{ident}-titre {ident}-desc" class="similarity-chart" '
        f'font-size="{FONT_SIZE}" font-family="system-ui, sans-serif">',
        f'<title id="{ident}-titre">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(description)}</desc>',
    ]
    bottom = TOP + ROW * len(labels)
    for tick in (0, 25, 50, 75, 100):
        x = sx(tick)
        anchor = "start" if tick == 0 else "end" if tick == 100 else "middle"
        parts.append(
            f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{bottom}" stroke="#e9ecef"/>'
            f'<text x="{x:.1f}" y="{bottom + 18}" text-anchor="{anchor}" fill="#212529">'
            f"{typography.percent(tick)}</text>"
        )
    parts.append(
        f'<text x="{LEFT + plot_w / 2:.1f}" y="{height - 4}" text-anchor="middle" '
        'fill="#212529">Centile parmi les territoires du même type</text>'
    )
    for j, label in enumerate(labels):
        y_label = TOP + ROW * j + 18
        y = TOP + ROW * j + 38
        parts.append(
            f'<text x="{LEFT}" y="{y_label}" fill="#212529" font-weight="600">'
            f"{escape(label)}</text>"
            f'<line x1="{LEFT}" y1="{y}" x2="{LEFT + plot_w}" y2="{y}" stroke="{TRACK}" '
            'stroke-width="2"/>'
        )
        for row in theirs:
            parts.append(
                f'<circle cx="{sx(row[j]):.1f}" cy="{y}" r="5" fill="{THEIRS}" '
                'fill-opacity="0.55" stroke="#fff" stroke-width="1"/>'
            )
        x = sx(ours[j])
        parts.append(
            f'<path d="M{x:.1f},{y - 9} L{x + 9:.1f},{y} L{x:.1f},{y + 9} L{x - 9:.1f},{y} Z" '
            f'fill="{OURS}" stroke="#fff" stroke-width="1.5"/>'
        )
    parts.append("</svg>")
    return "".join(parts)
