"""An action's own small Doughnut: one sector per dimension, coloured by its effect.

The social foundation is the inner ring, the ecological ceiling the outer ring (as in
ressort.analysis.drawing.doughnut_svg, whose sector geometry it reuses); a grid that is not
the Doughnut gets a single ring. Colours go from dark red (−2) through grey (0) to dark
green (+2); an unevaluated dimension is white with a dashed outline. The effect is also
written as a sign in the sector (+, ++, −, −−), so colour is never the only cue, and the
page puts the full table next to the drawing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from ressort.analysis.drawing import INK, annular_sector
from ressort.analysis.typography import agree, plural
from ressort.analysis.typography import coordinate as xy

EFFECT_COLOURS = {
    -2: "#b3261e",
    -1: "#ef9a9a",
    0: "#dfe3e6",
    1: "#81c784",
    2: "#2e7d32",
}
EFFECT_SIGNS = {-2: "−−", -1: "−", 0: "0", 1: "+", 2: "++"}
EFFECT_WORDS = {
    -2: "dégrade beaucoup",
    -1: "dégrade un peu",
    0: "sans effet notable",
    1: "améliore un peu",
    2: "améliore beaucoup",
}


@dataclass(frozen=True, slots=True)
class EffectSegment:
    code: str
    label: str
    effect: int | None = None


def _ring(
    parts: list[str], segments: Sequence[EffectSegment], c: float, r_in: float, r_out: float
) -> None:
    step = 360 / len(segments)
    for i, seg in enumerate(segments):
        a1, a2 = i * step, (i + 1) * step
        evaluated = seg.effect is not None
        fill = EFFECT_COLOURS[seg.effect] if seg.effect is not None else "#ffffff"
        dash = "" if evaluated else ' stroke-dasharray="3 2"'
        stroke = "#ffffff" if evaluated else "#6c757d"
        words = EFFECT_WORDS[seg.effect] if seg.effect is not None else "non évaluée"
        parts.append(
            f'<path d="{annular_sector(c, c, r_in, r_out, a1, a2)}" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="1.5"{dash}>'
            f"<title>{escape(seg.label)} : {words}</title></path>"
        )
        if seg.effect is not None and seg.effect != 0:
            mid = math.radians((a1 + a2) / 2 - 90)
            r = (r_in + r_out) / 2
            colour = "#ffffff" if abs(seg.effect) == 2 else INK
            parts.append(
                f'<text x="{xy(c + r * math.cos(mid))}" y="{xy(c + r * math.sin(mid))}" '
                f'font-size="13" font-weight="700" text-anchor="middle" '
                f'dominant-baseline="middle" fill="{colour}" aria-hidden="true">'
                f"{EFFECT_SIGNS[seg.effect]}</text>"
            )


def _describe(segments: Sequence[EffectSegment]) -> str:
    better = [s.label for s in segments if s.effect is not None and s.effect > 0]
    worse = [s.label for s in segments if s.effect is not None and s.effect < 0]
    missing = sum(1 for s in segments if s.effect is None)
    text = "Améliore : " + (", ".join(better) or "aucune dimension") + ". "
    text += "Dégrade : " + (", ".join(worse) or "aucune dimension") + "."
    if missing:
        text += f" {plural(missing, 'dimension')} non {agree(missing, 'évaluée')}."
    return text


def effect_svg(
    social: Sequence[EffectSegment],
    ecological: Sequence[EffectSegment] = (),
    title: str = "Effets de l'action sur le Donut",
    ident: str = "effets",
) -> str:
    """The small Doughnut of an action (or a single ring when `ecological` is empty)."""
    if not social and not ecological:
        raise ValueError("il faut au moins une dimension")
    size, c = 300, 150.0
    all_segments = [*social, *ecological]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" role="img" '
        f'aria-labelledby="{ident}-titre {ident}-desc" class="rs-drawing rs-effect-drawing" '
        f'font-family="system-ui, sans-serif">'
        f'<title id="{ident}-titre">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(_describe(all_segments))}</desc>'
    ]
    if social and ecological:
        _ring(parts, social, c, 45, 95)
        _ring(parts, ecological, c, 100, 145)
    else:
        _ring(parts, all_segments, c, 55, 145)
    parts.append("</svg>")
    return "".join(parts)
