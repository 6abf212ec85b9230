"""Grid scoring: each question of a framework or grid scored 0 to 4 (or « je ne sais
pas »); the scores become scoring sessions of the resilience portrait."""

from __future__ import annotations

import re
import statistics
from collections.abc import Mapping, Sequence
from typing import Any

from django import forms

from ressort.analysis.typography import plural
from ressort.approaches.models import Approach
from ressort.portrait import services as portrait
from ressort.workshops.kinds.base import (
    GRID_SCORES,
    NSP,
    ActivityKind,
    Copies,
    DeliveryError,
    Fields,
    Parsed,
    Template,
    category_of,
    parse_scores,
    participant_ref,
    register,
)
from ressort.workshops.kinds.sources import (
    configured_version,
    template_version,
    version_field,
    version_nodes,
)
from ressort.workshops.models import Activity, Answer


@register
class GridScoring(ActivityKind):
    code = "grille"
    label = "Cotation d'une grille de questions"
    description = (
        "Chaque question d'un référentiel ou d'une grille est cotée de 0 à 4, "
        "ou « je ne sais pas »."
    )
    delivers_to = "une session de cotation du portrait de résilience"

    def as_template(self, config: Mapping[str, Any], copies: Copies) -> Template:
        """The framework or grid scored and its questions (see `template_version`)."""
        return template_version(config, copies, keep=("questions",))

    def form_fields(self, approach: Approach) -> dict[str, forms.Field]:
        return {
            "version": version_field(approach, "Référentiel ou grille"),
            "codes": forms.CharField(
                label="Codes des questions retenues (facultatif)",
                required=False,
                help_text="Séparés par des virgules ou des espaces ; vide : toutes les questions.",
            ),
        }

    def build_config(self, data: Mapping[str, Any], approach: Approach) -> dict[str, Any]:
        # The questions of the grid, as the portrait scores them.
        nodes = version_nodes(int(data["version"]), ["question"])
        wanted = [c for c in re.split(r"[\s,;]+", data.get("codes") or "") if c]
        if wanted:
            known = {n.code for n in nodes}
            unknown = [c for c in wanted if c not in known]
            if unknown:
                raise forms.ValidationError(
                    f"Codes des questions : inconnus dans ce référentiel : {', '.join(unknown)}."
                )
            nodes = [n for n in nodes if n.code in wanted]
        if not nodes:
            raise forms.ValidationError("Ce référentiel n'a pas de questions à coter.")
        return {
            "version": int(data["version"]),
            "questions": [{"code": n.code, "label": n.label} for n in nodes[:40]],
        }

    def initial(self, config: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "version": str(config.get("version", "")),
            "codes": ", ".join(q["code"] for q in config.get("questions", [])),
        }

    def parse(self, fields: Fields, config: Mapping[str, Any]) -> list[Parsed]:
        return parse_scores(
            fields,
            config,
            GRID_SCORES,
            scale="une note de 0 à 4",
            at_least="Cotez au moins une question.",
        )

    def participant_context(self, config: Mapping[str, Any], mine: list[Answer]) -> dict[str, Any]:
        by_code = {a.client_id: a.payload for a in mine}
        rows = []
        for q in config.get("questions", []):
            current = by_code.get(q["code"])
            value = (
                ""
                if current is None
                else (NSP if current["score"] is None else str(current["score"]))
            )
            rows.append({"q": q, "value": value})
        return {"rows": rows, "scores": GRID_SCORES, "nsp": NSP}

    def describe(self, config: Mapping[str, Any], payload: Mapping[str, Any]) -> str:
        score = payload.get("score")
        text = "je ne sais pas" if score is None else f"{score} sur 4"
        comment = payload.get("comment", "")
        return text + (f" — « {comment} »" if comment else "")

    def results(self, config: Mapping[str, Any], answers: Sequence[Answer]) -> dict[str, Any]:
        by_q: dict[str, list[Answer]] = {}
        for a in answers:
            by_q.setdefault(a.client_id, []).append(a)
        categories = sorted({category_of(a) for a in answers})
        if len(categories) < 2:
            categories = []  # nothing to compare
        rows = []
        for q in config.get("questions", []):
            got = by_q.get(q["code"], [])
            scores = [a.payload["score"] for a in got if a.payload.get("score") is not None]
            hist = [sum(1 for s in scores if s == v) for v in GRID_SCORES]
            nsp = len(got) - len(scores)
            peak = max([*hist, nsp, 1])
            by_cat = []
            for cat in categories:
                cs = [
                    a.payload["score"]
                    for a in got
                    if category_of(a) == cat and a.payload.get("score") is not None
                ]
                by_cat.append(statistics.median_low(cs) if cs else None)
            rows.append(
                {
                    "q": q,
                    "hist": [
                        {"score": v, "n": n, "pct": round(100 * n / peak)}
                        for v, n in zip(GRID_SCORES, hist, strict=True)
                    ],
                    "nsp": nsp,
                    "nsp_pct": round(100 * nsp / peak),
                    "answered": len(got),
                    "median": statistics.median_low(scores) if scores else None,
                    "by_category": by_cat,
                }
            )
        return {"rows": rows, "categories": categories}

    def deliver(self, activity: Activity, answers: Sequence[Answer], source: str) -> str:
        version = configured_version(activity.config)
        groups: dict[str, list[dict[str, Any]]] = {}
        for a in answers:
            if a.hidden:
                continue
            groups.setdefault(a.participant.category, []).append(
                {
                    "question": a.client_id,
                    "score": a.payload.get("score"),
                    "comment": a.payload.get("comment", ""),
                    "participant": participant_ref(a),
                }
            )
        if not groups:
            raise DeliveryError("Aucune cotation à envoyer.")
        for category, rows in sorted(groups.items()):
            portrait.record_grid_answers(
                activity.workshop.approach, version, rows, source=source, category=category
            )
        total = sum(len(r) for r in groups.values())
        return (
            f"{plural(total, 'cotation')} en {plural(len(groups), 'session')} "
            "de cotation du portrait."
        )
