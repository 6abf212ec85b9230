"""MACTOR matrices in a workshop: each participant fills the positions of the study's actors
on its objectives (−4…+4) or their direct influences on each other (0–4); the median of each
cell becomes the study's matrix (brique « Gouvernance et coopération », issue 19). Cells
nobody filled keep the study's value."""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from typing import Any

from django import forms

from ressort.analysis.typography import agree, plural
from ressort.approaches.models import Approach
from ressort.governance import services as governance
from ressort.governance.models import MactorStudy
from ressort.workshops.kinds.base import (
    ActivityKind,
    AnswerError,
    Copies,
    DeliveryError,
    Fields,
    Parsed,
    Template,
    first,
    register,
)
from ressort.workshops.models import Activity, Answer

POSITIONS = "positions"
INFLUENCES = "influences"
SCALES = {
    POSITIONS: tuple(range(-4, 5)),
    INFLUENCES: tuple(range(0, 5)),
}


def signed(value: int) -> str:
    return f"{value:+d}".replace("-", "−") if value else "0"


@register
class MactorMatrix(ActivityKind):
    code = "mactor"
    label = "Jeux d'acteurs (MACTOR) : positions ou influences"
    description = (
        "Chacun note la position de chaque acteur sur chaque objectif (de −4 à +4) ou "
        "l'influence directe de chaque acteur sur chacun des autres (de 0 à 4)."
    )
    delivers_to = "les matrices d'une analyse des jeux d'acteurs (MACTOR)"

    def as_template(self, config: Mapping[str, Any], copies: Copies) -> Template:
        """The matrix to fill; never the source's study, its actors nor its objectives."""
        return Template(
            {"matrix": config.get("matrix", POSITIONS), "rows": [], "columns": []},
            (
                "l'analyse des jeux d'acteurs de l'autre démarche, ses acteurs et ses "
                "objectifs ne sont pas repris\u00a0: choisissez une analyse de cette démarche "
                "(«\u00a0Modifier\u00a0» dans l'atelier).",
            ),
        )

    def form_fields(self, approach: Approach) -> dict[str, forms.Field]:
        studies = MactorStudy.objects.filter(approach=approach).order_by("title")
        return {
            "study": forms.ChoiceField(
                label="Analyse des jeux d'acteurs",
                choices=[(str(s.pk), s.title) for s in studies],
            ),
            "matrix": forms.ChoiceField(
                label="Matrice à remplir",
                choices=[
                    (POSITIONS, "Positions des acteurs sur les objectifs (−4 à +4)"),
                    (INFLUENCES, "Influences directes entre acteurs (0 à 4)"),
                ],
            ),
        }

    def build_config(self, data: Mapping[str, Any], approach: Approach) -> dict[str, Any]:
        study = MactorStudy.objects.filter(approach=approach, pk=data.get("study") or 0).first()
        if study is None:
            raise forms.ValidationError("Analyse des jeux d'acteurs : choisissez une analyse.")
        matrix = data.get("matrix")
        if matrix not in SCALES:
            raise forms.ValidationError("Matrice à remplir : positions ou influences.")
        actors = [
            {"key": f"a{p.pk}", "pk": p.pk, "label": p.actor.name}
            for p in study.participants.select_related("actor")
        ]
        if matrix == POSITIONS:
            columns = [
                {"key": f"o{o.pk}", "pk": o.pk, "label": o.name} for o in study.objectives.all()
            ]
            if not actors or not columns:
                raise forms.ValidationError(
                    "Cette analyse n'a pas encore d'acteurs et d'objectifs : ajoutez-les d'abord."
                )
        else:
            columns = actors
            if len(actors) < 2:
                raise forms.ValidationError("Cette analyse n'a pas encore deux acteurs.")
        return {"study": study.pk, "matrix": matrix, "rows": actors, "columns": columns}

    def initial(self, config: Mapping[str, Any]) -> dict[str, Any]:
        return {"study": str(config.get("study", "")), "matrix": config.get("matrix", POSITIONS)}

    def _cells(self, config: Mapping[str, Any], row: Mapping[str, Any]) -> list[Mapping[str, Any]]:
        return [c for c in config.get("columns", []) if c["key"] != row["key"]]

    def _cell_label(
        self, config: Mapping[str, Any], row: Mapping[str, Any], col: Mapping[str, Any]
    ) -> str:
        if config.get("matrix") == INFLUENCES:
            return f"Influence de « {row['label']} » sur « {col['label']} »"
        return f"Position de « {row['label']} » sur « {col['label']} »"

    def parse(self, fields: Fields, config: Mapping[str, Any]) -> list[Parsed]:
        scale = SCALES.get(config.get("matrix", ""), ())
        out = []
        for row in config.get("rows", []):
            values = {}
            for col in self._cells(config, row):
                raw = first(fields, f"m-{row['key']}-{col['key']}").replace("−", "-")
                if raw == "":
                    continue
                try:
                    value = int(raw)
                except ValueError:
                    value = 99
                if value not in scale:
                    raise AnswerError(
                        f"{self._cell_label(config, row, col)} : un nombre entier de "
                        f"{signed(scale[0])} à {signed(scale[-1])}."
                    )
                values[col["key"]] = value
            if values:
                out.append(Parsed(row["key"], {"values": values}))
        if not out:
            raise AnswerError("Remplissez au moins une case.")
        return out

    def participant_context(self, config: Mapping[str, Any], mine: list[Answer]) -> dict[str, Any]:
        given = {a.client_id: a.payload.get("values", {}) for a in mine}
        scale = SCALES.get(config.get("matrix", ""), ())
        rows = [
            {
                "row": row,
                "cells": [
                    {
                        "col": col,
                        "label": self._cell_label(config, row, col),
                        "value": str(given.get(row["key"], {}).get(col["key"], "")),
                    }
                    for col in self._cells(config, row)
                ],
            }
            for row in config.get("rows", [])
        ]
        return {
            "rows": rows,
            "scale": [{"value": str(v), "label": signed(v)} for v in scale],
            "influences": config.get("matrix") == INFLUENCES,
        }

    def describe(self, config: Mapping[str, Any], payload: Mapping[str, Any]) -> str:
        labels = {c["key"]: c["label"] for c in config.get("columns", [])}
        return " ; ".join(
            f"{labels.get(key, key)} : {signed(value)}"
            for key, value in payload.get("values", {}).items()
        )

    def medians(
        self, config: Mapping[str, Any], answers: Sequence[Answer]
    ) -> dict[tuple[str, str], tuple[int, int]]:
        """(row key, column key) → (median, number of answers), hidden answers left out."""
        gathered: dict[tuple[str, str], list[int]] = {}
        for a in answers:
            if a.hidden:
                continue
            for col, value in a.payload.get("values", {}).items():
                gathered.setdefault((a.client_id, col), []).append(int(value))
        return {key: (statistics.median_low(v), len(v)) for key, v in gathered.items()}

    def results(self, config: Mapping[str, Any], answers: Sequence[Answer]) -> dict[str, Any]:
        medians = self.medians(config, answers)
        columns = config.get("columns", [])
        rows = []
        for row in config.get("rows", []):
            cells = []
            for col in columns:
                if col["key"] == row["key"]:
                    cells.append({"self": True})
                    continue
                found = medians.get((row["key"], col["key"]))
                cells.append(
                    {"median": signed(found[0]) if found else None, "n": found[1] if found else 0}
                )
            rows.append({"row": row, "cells": cells})
        return {"rows": rows, "columns": columns, "influences": config.get("matrix") == INFLUENCES}

    def deliver(self, activity: Activity, answers: Sequence[Answer], source: str) -> str:
        config = activity.config
        study = MactorStudy.objects.filter(
            approach=activity.workshop.approach, pk=config.get("study")
        ).first()
        if study is None:
            raise DeliveryError("L'analyse des jeux d'acteurs de cette activité n'existe plus.")
        medians = {key: value for key, (value, _) in self.medians(config, answers).items()}
        if not medians:
            raise DeliveryError("Aucune case remplie : rien à envoyer.")
        written = governance.merge_workshop_matrix(
            study,
            config.get("matrix", ""),
            {(int(r[1:]), int(c[1:])): v for (r, c), v in medians.items()},
        )
        if not written:
            raise DeliveryError(
                "Les acteurs ou objectifs notés ne sont plus dans l'analyse : rien à envoyer."
            )
        what = "positions" if config.get("matrix") == POSITIONS else "influences"
        return (
            f"{plural(written, 'case')} de la matrice des {what} de « {study.title} » "
            f"{agree(written, 'envoyée')}."
        )
