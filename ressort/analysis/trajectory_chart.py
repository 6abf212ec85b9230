"""SVG chart of an indicator's trajectory: target path, observed values, trend and its band.

Pure Python, like drawing.py: the same string goes into pages and PDF documents. The chart
carries a <title> and a <desc> (role="img"); pages put the data table next to it, which is
the text alternative. Colours keep a 4.5:1 contrast on white; the series also differ by
line style (dashed target, solid observations, dotted trend) so colour is not the only cue.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from ressort.analysis.trajectories import TargetPath, Trend
from ressort.analysis.typography import number

TARGET = "#0b5c57"
OBSERVED = "#1d2327"
TREND = "#8a4b00"
BAND = "#f3d9b8"
GRID = "#d0d5d8"


def _nice_step(span: float) -> float:
    """A round step (1, 2, 2.5 or 5 × 10ⁿ) giving about five grid lines over `span`."""
    if span <= 0:
        return 1.0
    raw = span / 5
    base = 10.0 ** math.floor(math.log10(raw))
    return next(base * f for f in (1, 2, 2.5, 5, 10) if base * f >= raw)


def _label(value: float) -> str:
    """Whole numbers from 100 up, two decimals at most below (the one French formatter)."""
    return number(value, 0 if abs(value) >= 100 else 2)


def trajectory_svg(
    path: TargetPath | None,
    observations: Sequence[tuple[float, float]],
    trend: Trend | None,
    *,
    title: str,
    unit: str = "",
    until: int | None = None,
    ident: str = "trajectoire",
    width: int = 640,
    height: int = 320,
) -> str:
    """The chart as an SVG string (years on x, values on y)."""
    years: list[float] = [y for y, _ in observations]
    values: list[float] = [v for _, v in observations]
    if path is not None:
        years += [y for y, _ in path.points]
        values += [v for _, v in path.points]
    if until is not None:
        years.append(until)
    band: list[tuple[float, float, float]] = []
    if trend is not None and observations:
        start = min(y for y, _ in observations)
        end = max(years)
        steps = max(1, int(end - start))
        for i in range(steps + 1):
            year = start + (end - start) * i / steps
            pred = trend.predict(year)
            values.append(pred.value)
            if pred.low is not None and pred.high is not None:
                band.append((year, pred.low, pred.high))
                values += [pred.low, pred.high]
    desc_parts = []
    if path is not None and path.milestones:
        desc_parts.append(
            "Trajectoire cible : "
            + ", ".join(f"{y} : {_label(v)}" for y, v in path.points)
            + (f" {unit}" if unit else "")
        )
    if observations:
        desc_parts.append(
            "Valeurs observées : " + ", ".join(f"{int(y)} : {_label(v)}" for y, v in observations)
        )
    if trend is not None:
        desc_parts.append(f"Tendance : {_label(trend.slope)} par an")
    desc = ". ".join(desc_parts) or "Aucune donnée."
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{ident}-t {ident}-d" '
        f'font-family="system-ui, sans-serif" font-size="12">'
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(desc)}</desc>'
    )
    if not years:
        return (
            head + f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle" fill="{OBSERVED}">'
            "Aucune donnée à tracer</text></svg>"
        )
    left, right, top, bottom = 64, 16, 16, 40
    x0, x1 = min(years), max(years)
    if x1 == x0:
        x0, x1 = x0 - 1, x1 + 1
    y0, y1 = min(values), max(values)
    if y1 == y0:
        y0, y1 = y0 - 1, y1 + 1
    pad = (y1 - y0) * 0.05
    y0, y1 = y0 - pad, y1 + pad
    plot_w, plot_h = width - left - right, height - top - bottom

    def sx(year: float) -> float:
        return left + (year - x0) / (x1 - x0) * plot_w

    def sy(value: float) -> float:
        return top + (y1 - value) / (y1 - y0) * plot_h

    parts = [head]
    step = _nice_step(y1 - y0)
    tick = (y0 // step + 1) * step
    while tick <= y1:
        y = sy(tick)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{OBSERVED}">'
            f"{escape(_label(tick))}</text>"
        )
        tick += step
    year_step = max(1, int(_nice_step(x1 - x0)))
    year = int(x0) + (-int(x0)) % year_step
    while year <= x1:
        x = sx(year)
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{height - bottom}" stroke="{GRID}"/>'
            f'<text x="{x:.1f}" y="{height - bottom + 16}" text-anchor="middle" '
            f'fill="{OBSERVED}">{year}</text>'
        )
        year += year_step
    if unit:
        parts.append(f'<text x="4" y="{top + 4}" fill="{OBSERVED}">{escape(unit)}</text>')
    if band:
        upper = " ".join(f"{sx(y):.1f},{sy(h):.1f}" for y, _, h in band)
        lower = " ".join(f"{sx(y):.1f},{sy(lo):.1f}" for y, lo, _ in reversed(band))
        parts.append(f'<polygon points="{upper} {lower}" fill="{BAND}" opacity="0.7"/>')
    if path is not None and len(path.points) > 1:
        pts = list(path.points)
        if until is not None and until > pts[-1][0]:
            pts.append((until, pts[-1][1]))
        line = " ".join(f"{sx(y):.1f},{sy(v):.1f}" for y, v in pts)
        parts.append(
            f'<polyline points="{line}" fill="none" stroke="{TARGET}" stroke-width="2.5" '
            'stroke-dasharray="8 5"/>'
        )
        for y, v in path.milestones:
            parts.append(
                f'<rect x="{sx(y) - 5:.1f}" y="{sy(v) - 5:.1f}" width="10" height="10" '
                f'fill="{TARGET}"/>'
            )
    if trend is not None and observations:
        start = min(y for y, _ in observations)
        end = max(years)
        parts.append(
            f'<line x1="{sx(start):.1f}" y1="{sy(trend.predict(start).value):.1f}" '
            f'x2="{sx(end):.1f}" y2="{sy(trend.predict(end).value):.1f}" stroke="{TREND}" '
            'stroke-width="2" stroke-dasharray="2 4"/>'
        )
    if observations:
        ordered = sorted(observations)
        line = " ".join(f"{sx(y):.1f},{sy(v):.1f}" for y, v in ordered)
        parts.append(
            f'<polyline points="{line}" fill="none" stroke="{OBSERVED}" stroke-width="2"/>'
        )
        for y, v in ordered:
            parts.append(f'<circle cx="{sx(y):.1f}" cy="{sy(v):.1f}" r="4" fill="{OBSERVED}"/>')
    legend_y = height - 8
    legend = [
        (TARGET, "8 5", "Trajectoire cible"),
        (OBSERVED, "", "Valeurs observées"),
        (TREND, "2 4", "Tendance et intervalle de prévision"),
    ]
    x = left
    for colour, dash, label in legend:
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<line x1="{x}" x2="{x + 24}" y1="{legend_y - 4}" y2="{legend_y - 4}" '
            f'stroke="{colour}" stroke-width="2.5"{dash_attr}/>'
            f'<text x="{x + 30}" y="{legend_y}" fill="{OBSERVED}">{escape(label)}</text>'
        )
        x += 36 + int(6.2 * len(label))
    parts.append("</svg>")
    return "".join(parts)
