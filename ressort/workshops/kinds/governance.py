"""Internal governance diagnosis: each criterion of the governance grid scored 1 to 4 (or
« je ne sais pas »); the median of each criterion becomes the diagnosis's score (brique
« Gouvernance et coopération », issue 19)."""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from typing import Any

from ressort.analysis.typography import plural
from ressort.approaches.models import Approach
from ressort.governance import services as governance
from ressort.governance.models import DiagnosisCriterion
from ressort.workshops.kinds.base import (
    NSP,
    ActivityKind,
    DeliveryError,
    Fields,
    Parsed,
    parse_scores,
    register,
)
from ressort.workshops.models import Activity, Answer

SCORES = (1, 2, 3, 4)
SCORE_WORDS = {1: "à construire", 2: "fragile", 3: "solide", 4: "exemplaire"}


@register
class GovernanceDiagnosisScoring(ActivityKind):
    code = "gouvernance"
    label = "Cotation de la gouvernance interne"
    description = (
        "Chaque critère du diagnostic de la gouvernance interne (transversalité, circuits de "
        "décision, moyens, compétences) est coté de 1 à 4, ou « je ne sais pas »."
    )
    delivers_to = "les appréciations du diagnostic de la gouvernance interne"
    template_keys = ("questions",)  # the diagnosis' fixed criteria

    def build_config(self, data: Mapping[str, Any], approach: Approach) -> dict[str, Any]:
        return {
            "questions": [
                {"code": code, "label": label} for code, label in DiagnosisCriterion.choices
            ]
        }

    def parse(self, fields: Fields, config: Mapping[str, Any]) -> list[Parsed]:
        return parse_scores(
            fields, config, SCORES, scale="une note de 1 à 4", at_least="Cotez au moins un critère."
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
            comment = "" if current is None else current.get("comment", "")
            rows.append({"q": q, "value": value, "comment": comment})
        scores = [{"value": str(s), "label": f"{s} — {SCORE_WORDS[s]}"} for s in SCORES]
        return {"rows": rows, "scores": scores, "nsp": NSP}

    def describe(self, config: Mapping[str, Any], payload: Mapping[str, Any]) -> str:
        score = payload.get("score")
        text = (
            "je ne sais pas" if score is None else f"{score} sur 4 ({SCORE_WORDS.get(score, '')})"
        )
        comment = payload.get("comment", "")
        return text + (f" — « {comment} »" if comment else "")

    def results(self, config: Mapping[str, Any], answers: Sequence[Answer]) -> dict[str, Any]:
        rows = []
        for q in config.get("questions", []):
            got = [a for a in answers if a.client_id == q["code"] and not a.hidden]
            scores = [a.payload["score"] for a in got if a.payload.get("score") is not None]
            peak = max(1, len(got))
            rows.append(
                {
                    "q": q,
                    "hist": [
                        {
                            "score": s,
                            "n": scores.count(s),
                            "pct": round(100 * scores.count(s) / peak),
                        }
                        for s in SCORES
                    ],
                    "nsp": len(got) - len(scores),
                    "median": statistics.median_low(scores) if scores else None,
                    "comments": [a.payload["comment"] for a in got if a.payload.get("comment")],
                }
            )
        return {"rows": rows, "scores": SCORES}

    def deliver(self, activity: Activity, answers: Sequence[Answer], source: str) -> str:
        result = self.results(activity.config, answers)
        scores: dict[str, int] = {}
        comments: dict[str, list[str]] = {}
        for row in result["rows"]:
            if row["median"] is not None:
                scores[row["q"]["code"]] = row["median"]
            if row["comments"]:
                comments[row["q"]["code"]] = row["comments"]
        if not scores and not comments:
            raise DeliveryError("Aucune cotation à envoyer.")
        governance.record_diagnosis_scores(
            activity.workshop.approach, scores, comments, source=source
        )
        return (
            f"Appréciation de {plural(len(scores), 'critère')} "
            "du diagnostic de la gouvernance interne."
        )
