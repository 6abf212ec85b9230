"""« Territoires comparables »: the ten authorities of the same kind nearest to the démarche's
perimeter, their figures beside ours, our indicators against theirs, and the case library's
reports from territories of our size first (ressort.monitoring.similar)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe

from ressort.analysis.similarity_chart import profile_svg, rows_in_words
from ressort.analysis.typography import number
from ressort.approaches.access import Right
from ressort.approaches.models import Approach
from ressort.monitoring import similar
from ressort.web.scoped import READ, demarche_view

# How each characteristic reads in the table: its unit and its decimals.
UNITS = {
    "population": ("hab.", 0),
    "area": ("km²", 0),
    "density": ("hab./km²", 1),
    "communes": ("", 0),
    "small_share": ("%", 0),
}


def _cell(key: str, value: float | None) -> str:
    unit, decimals = UNITS[key]
    text = number(value, decimals)
    return f"{text}\u00a0{unit}" if unit and value is not None else text


@demarche_view(Right.VIEW, READ)
def similar_territories(request: HttpRequest, approach: Approach) -> HttpResponse:
    comparison = similar.compare(approach)
    result = comparison.result
    context: dict[str, Any] = {"comparison": comparison}
    if result is not None:
        features = list(result.features)
        labels = [f.label for f in features]
        theirs = [n.percentiles for n in result.neighbours]
        context.update(
            {
                "features": features,
                "own_cells": [_cell(f.key, comparison.own.values[f.key]) for f in features],
                "rows": [
                    {
                        "neighbour": n,
                        "territory": comparison.territories.get(n.code),
                        "cells": [
                            _cell(f.key, comparison.neighbour_values[n.code][f.key])
                            for f in features
                        ],
                    }
                    for n in result.neighbours
                ],
                "chart": mark_safe(  # the drawing escapes every text it holds
                    profile_svg(
                        labels,
                        result.our_percentiles,
                        theirs,
                        title=(
                            "Notre territoire et les territoires comparables, caractéristique "
                            "par caractéristique, parmi les "
                            f"{comparison.kind_label} de France"
                        ),
                    )
                ),
                "chart_words": rows_in_words(labels, result.our_percentiles, theirs),
                "shown_indicators": [c for c in comparison.indicators if c.known],
                "missing_indicators": [c for c in comparison.indicators if not c.known],
            }
        )
    return render(request, "monitoring/similar.html", context)
