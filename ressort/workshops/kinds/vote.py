"""Majority judgment vote on actions or proposals; the ballots go to the prioritisation of
the démarche's actions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from django import forms

from ressort.actions import services as actions
from ressort.analysis import majority_judgment as mj
from ressort.analysis.typography import agree, plural
from ressort.approaches.models import Approach
from ressort.workshops.kinds.base import (
    SINGLE_KEY,
    ActivityKind,
    AnswerError,
    Copies,
    DeliveryError,
    Fields,
    Parsed,
    Template,
    category_of,
    first,
    register,
)
from ressort.workshops.kinds.rating import ActionRating
from ressort.workshops.kinds.sources import candidates, candidates_fields, template_candidates
from ressort.workshops.models import Activity, Answer


@register
class MajorityVote(ActivityKind):
    code = "vote"
    label = "Vote au jugement majoritaire"
    description = (
        "Chacun·e attribue une mention à chaque action (de « À rejeter » à « Excellent »)."
    )
    delivers_to = "la priorisation des actions"

    def as_template(self, config: Mapping[str, Any], copies: Copies) -> Template:
        """The grades, and the candidates (see `template_candidates`)."""
        kept, notes = template_candidates(config, copies)
        return Template({"candidates": kept, "grades": config.get("grades", [])}, notes)

    def form_fields(self, approach: Approach) -> dict[str, forms.Field]:
        return candidates_fields(approach, "départager")

    def build_config(self, data: Mapping[str, Any], approach: Approach) -> dict[str, Any]:
        return {"candidates": candidates(data, approach), "grades": list(mj.DEFAULT_GRADES)}

    def initial(self, config: Mapping[str, Any]) -> dict[str, Any]:
        return ActionRating.initial(self, {"candidates": config.get("candidates", [])})  # type: ignore[arg-type]

    def parse(self, fields: Fields, config: Mapping[str, Any]) -> list[Parsed]:
        grades = config.get("grades") or list(mj.DEFAULT_GRADES)
        ballot = {}
        for cand in config.get("candidates", []):
            raw = first(fields, f"g-{cand['key']}")
            if raw == "":
                continue
            if not raw.isdigit() or not 0 <= int(raw) < len(grades):
                raise AnswerError(f"« {cand['label']} » : choisissez une mention.")
            ballot[cand["key"]] = int(raw)
        if not ballot:
            raise AnswerError("Attribuez une mention à au moins une proposition.")
        return [Parsed(SINGLE_KEY, {"grades": ballot})]

    def participant_context(self, config: Mapping[str, Any], mine: list[Answer]) -> dict[str, Any]:
        ballot = mine[0].payload.get("grades", {}) if mine else {}
        grades = list(enumerate(config.get("grades") or mj.DEFAULT_GRADES))
        rows = [
            {"cand": c, "value": str(ballot.get(c["key"], ""))}
            for c in config.get("candidates", [])
        ]
        return {"rows": rows, "grades": grades}

    def describe(self, config: Mapping[str, Any], payload: Mapping[str, Any]) -> str:
        grades = config.get("grades") or list(mj.DEFAULT_GRADES)
        labels = {c["key"]: c["label"] for c in config.get("candidates", [])}
        return " ; ".join(
            f"{labels.get(key, key)} : {grades[g] if 0 <= g < len(grades) else g}"
            for key, g in payload.get("grades", {}).items()
        )

    def ranking(
        self, config: Mapping[str, Any], answers: Sequence[Answer]
    ) -> mj.MajorityJudgmentResult | None:
        cands = config.get("candidates", [])
        grades = tuple(config.get("grades") or mj.DEFAULT_GRADES)
        ballots = [a.payload.get("grades", {}) for a in answers if not a.hidden]
        if not ballots or not cands:
            return None
        # An ungraded proposal counts as the lowest grade, as `ressort analyse vote` does.
        matrix = np.array([[b.get(c["key"], 0) for c in cands] for b in ballots], dtype=np.int64)
        return mj.rank_ballots([c["label"] for c in cands], matrix, grades)

    def results(self, config: Mapping[str, Any], answers: Sequence[Answer]) -> dict[str, Any]:
        result = self.ranking(config, answers)
        if result is None:
            return {"rows": [], "voters": 0}
        rows = [
            {
                "r": r,
                "bars": [
                    {"grade": g, "n": n, "pct": round(100 * n / result.voters, 1)}
                    for g, n in zip(result.grades, r.tally, strict=True)
                ],
            }
            for r in result.ranking
        ]
        by_cat: list[dict[str, Any]] = []
        cats = sorted({category_of(a) for a in answers if not a.hidden})
        if len(cats) > 1:
            for cat in cats:
                sub = self.ranking(config, [a for a in answers if category_of(a) == cat])
                if sub is not None:
                    by_cat.append({"category": cat, "voters": sub.voters, "ranking": sub.ranking})
        return {
            "rows": rows,
            "voters": result.voters,
            "grades": result.grades,
            "by_category": by_cat,
        }

    def deliver(self, activity: Activity, answers: Sequence[Answer], source: str) -> str:
        linked = {
            c["key"]: c["action_pk"]
            for c in activity.config.get("candidates", [])
            if c.get("action_pk")
        }
        if not linked:
            raise DeliveryError(
                "Aucune proposition n'est une action de la démarche : rien à envoyer."
            )
        ballots = []
        for a in answers:
            if a.hidden:
                continue
            grades = a.payload.get("grades", {})
            ballots.append({pk: int(grades.get(key, 0)) for key, pk in linked.items()})
        if not ballots:
            raise DeliveryError("Aucun bulletin à envoyer.")
        stored = actions.record_ballots(activity.workshop.approach, ballots, source=source)
        return (
            f"{plural(stored, 'bulletin')} {agree(stored, 'envoyé')} à la priorisation des actions."
        )
