"""Action rating: each action scored −2 to +2 on each criterion of the analysis grid;
the scores become evaluation proposals of the démarche's actions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms

from ressort.actions import services as actions
from ressort.actions.models import Action
from ressort.analysis.typography import agree, plural
from ressort.approaches.models import Approach
from ressort.workshops.kinds.base import (
    RATING_SCORES,
    ActivityKind,
    AnswerError,
    Copies,
    DeliveryError,
    Fields,
    Parsed,
    Template,
    first,
    lines,
    register,
)
from ressort.workshops.kinds.sources import (
    analysis_criteria,
    candidates,
    candidates_fields,
    template_candidates,
)
from ressort.workshops.models import Activity, Answer


@register
class ActionRating(ActivityKind):
    code = "notation"
    label = "Notation d'actions sur la grille d'analyse"
    description = "Chaque action est notée de −2 à +2 sur chaque critère (dimension) choisi."
    delivers_to = "les évaluations des actions (aide à la décision)"

    def as_template(self, config: Mapping[str, Any], copies: Copies) -> Template:
        """The criteria, and the candidates (see `template_candidates`)."""
        kept, notes = template_candidates(config, copies)
        return Template({"candidates": kept, "criteria": config.get("criteria", [])}, notes)

    def form_fields(self, approach: Approach) -> dict[str, forms.Field]:
        return {
            **candidates_fields(approach, "noter"),
            "criteria": forms.CharField(
                label="Critères (une ligne par critère : code ; libellé)",
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text="Vide : les dimensions de la grille d'analyse de la démarche (Donut par "
                "défaut). Sinon leurs codes (ex. « eau ; Eau »).",
            ),
        }

    def build_config(self, data: Mapping[str, Any], approach: Approach) -> dict[str, Any]:
        criteria = []
        for i, line in enumerate(lines(data.get("criteria") or ""), start=1):
            code, _, label = (part.strip() for part in line.partition(";"))
            if not code:
                raise forms.ValidationError(f"Critères, ligne {i} : le code manque.")
            criteria.append({"code": code[:60], "label": (label or code)[:200]})
        if not criteria:
            criteria = analysis_criteria(approach)
        if not criteria:
            raise forms.ValidationError("Critères : au moins un critère.")
        return {"candidates": candidates(data, approach), "criteria": criteria}

    def initial(self, config: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "actions": [
                str(c["action_pk"]) for c in config.get("candidates", []) if c["action_pk"]
            ],
            "labels": "\n".join(
                c["label"] for c in config.get("candidates", []) if not c["action_pk"]
            ),
            "criteria": "\n".join(
                f"{c['code']} ; {c['label']}" for c in config.get("criteria", [])
            ),
        }

    def parse(self, fields: Fields, config: Mapping[str, Any]) -> list[Parsed]:
        out = []
        for cand in config.get("candidates", []):
            scores = {}
            for crit in config.get("criteria", []):
                raw = first(fields, f"s-{cand['key']}-{crit['code']}")
                if raw == "":
                    continue
                try:
                    value = int(raw)
                except ValueError:
                    value = 99
                if value not in RATING_SCORES:
                    raise AnswerError(
                        f"« {cand['label']} », {crit['label']} : une note de −2 à +2."
                    )
                scores[crit["code"]] = value
            if scores:
                out.append(Parsed(cand["key"], {"scores": scores}))
        if not out:
            raise AnswerError("Notez au moins une action sur un critère.")
        return out

    def participant_context(self, config: Mapping[str, Any], mine: list[Answer]) -> dict[str, Any]:
        given = {a.client_id: a.payload.get("scores", {}) for a in mine}
        rows = [
            {
                "cand": c,
                "cells": [
                    {"crit": k, "value": str(given.get(c["key"], {}).get(k["code"], ""))}
                    for k in config.get("criteria", [])
                ],
            }
            for c in config.get("candidates", [])
        ]
        return {"rows": rows, "scores": RATING_SCORES}

    def describe(self, config: Mapping[str, Any], payload: Mapping[str, Any]) -> str:
        labels = {c["code"]: c["label"] for c in config.get("criteria", [])}
        return " ; ".join(
            f"{labels.get(code, code)} : {value:+d}".replace("-", "−")
            for code, value in payload.get("scores", {}).items()
        )

    def results(self, config: Mapping[str, Any], answers: Sequence[Answer]) -> dict[str, Any]:
        criteria = config.get("criteria", [])
        rows = []
        for cand in config.get("candidates", []):
            mine = [a for a in answers if a.client_id == cand["key"] and not a.hidden]
            cells = []
            for crit in criteria:
                vals = [
                    a.payload["scores"][crit["code"]]
                    for a in mine
                    if crit["code"] in a.payload.get("scores", {})
                ]
                cells.append(
                    {"mean": round(sum(vals) / len(vals), 1) if vals else None, "n": len(vals)}
                )
            rows.append({"cand": cand, "cells": cells, "raters": len(mine)})
        return {"rows": rows, "criteria": criteria}

    def deliver(self, activity: Activity, answers: Sequence[Answer], source: str) -> str:
        sent = skipped = 0
        for cand in activity.config.get("candidates", []):
            scores = [
                a.payload["scores"] for a in answers if a.client_id == cand["key"] and not a.hidden
            ]
            if not scores:
                continue
            if not cand.get("action_pk"):
                skipped += 1
                continue
            action = Action.objects.get(pk=cand["action_pk"], approach=activity.workshop.approach)
            actions.record_evaluations(activity.workshop.approach, action, scores, source=source)
            sent += 1
        if not sent:
            raise DeliveryError("Aucune action de la démarche n'a été notée : rien à envoyer.")
        extra = (
            f" ; {plural(skipped, 'proposition')} hors actions "
            f"{agree(skipped, 'reste', 'restent')} dans l'atelier"
            if skipped
            else ""
        )
        return f"Évaluations de {plural(sent, 'action')} envoyées{extra}."
