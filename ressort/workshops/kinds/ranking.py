"""Ranking or card sort of a framework's dimensions; the result joins the frameworks'
appropriation exercises."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms

from ressort.analysis import frameworks as fw
from ressort.analysis.typography import plural
from ressort.approaches.models import Approach
from ressort.frameworks.models import PriorityExercise, PriorityVote
from ressort.workshops.kinds.base import (
    SINGLE_KEY,
    ActivityKind,
    AnswerError,
    Copies,
    Fields,
    Parsed,
    Template,
    category_of,
    first,
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
class Ranking(ActivityKind):
    code = "classement"
    label = "Classement ou tri de cartes des dimensions"
    description = (
        "« Qu'est-ce qui compte le plus ici ? » : chacun·e classe les dimensions, "
        "ou les trie en trois piles."
    )
    delivers_to = "les résultats d'appropriation des référentiels"

    def as_template(self, config: Mapping[str, Any], copies: Copies) -> Template:
        """The framework ranked, its cards and the mode (see `template_version`)."""
        return template_version(config, copies, keep=("mode", "cards"))

    PILES = (("essentiel", "Essentiel"), ("important", "Important"), ("secondaire", "Secondaire"))

    def form_fields(self, approach: Approach) -> dict[str, forms.Field]:
        return {
            "version": version_field(
                approach, "Référentiel ou grille dont on classe les dimensions"
            ),
            "mode": forms.ChoiceField(
                label="Forme",
                choices=[("rang", "Classement (rang 1, 2, 3…)"), ("piles", "Tri en trois piles")],
            ),
        }

    def build_config(self, data: Mapping[str, Any], approach: Approach) -> dict[str, Any]:
        nodes = version_nodes(int(data["version"]), ["dimension", "principe", "objectif", "theme"])
        if len(nodes) < 2:
            raise forms.ValidationError("Ce référentiel n'a pas assez de dimensions à classer.")
        return {
            "version": int(data["version"]),
            "mode": data.get("mode") or "rang",
            "cards": [{"code": n.code, "label": n.short_label or n.label} for n in nodes],
        }

    def initial(self, config: Mapping[str, Any]) -> dict[str, Any]:
        return {"version": str(config.get("version", "")), "mode": config.get("mode")}

    def parse(self, fields: Fields, config: Mapping[str, Any]) -> list[Parsed]:
        cards = config.get("cards", [])
        if config.get("mode") == "piles":
            piles = {}
            allowed = {p for p, _ in self.PILES}
            for card in cards:
                raw = first(fields, f"r-{card['code']}")
                if raw:
                    if raw not in allowed:
                        raise AnswerError(f"« {card['label']} » : choisissez une pile.")
                    piles[card["code"]] = raw
            if not piles:
                raise AnswerError("Placez au moins une carte dans une pile.")
            return [Parsed(SINGLE_KEY, {"piles": piles})]
        ranks: dict[str, int] = {}
        for card in cards:
            raw = first(fields, f"r-{card['code']}")
            if not raw:
                continue
            if not raw.isdigit() or not 1 <= int(raw) <= len(cards):
                raise AnswerError(f"« {card['label']} » : un rang de 1 à {len(cards)}.")
            ranks[card["code"]] = int(raw)
        if not ranks:
            raise AnswerError("Donnez un rang à au moins une dimension.")
        if len(set(ranks.values())) != len(ranks):
            raise AnswerError("Deux dimensions ont le même rang : un rang par dimension.")
        order = [code for code, _ in sorted(ranks.items(), key=lambda kv: kv[1])]
        return [Parsed(SINGLE_KEY, {"order": order})]

    def participant_context(self, config: Mapping[str, Any], mine: list[Answer]) -> dict[str, Any]:
        payload = mine[0].payload if mine else {}
        rank = {c: i for i, c in enumerate(payload.get("order", []), start=1)}
        piles = payload.get("piles", {})
        rows = [
            {"card": c, "value": piles.get(c["code"], "") or str(rank.get(c["code"], ""))}
            for c in config.get("cards", [])
        ]
        return {"rows": rows, "piles": self.PILES, "positions": range(1, len(rows) + 1)}

    def describe(self, config: Mapping[str, Any], payload: Mapping[str, Any]) -> str:
        cards = {c["code"]: c["label"] for c in config.get("cards", [])}
        if "piles" in payload:
            names = dict(self.PILES)
            return " ; ".join(
                f"{cards.get(code, code)} : {names.get(pile, pile).lower()}"
                for code, pile in payload["piles"].items()
            )
        return ", ".join(
            f"{i}. {cards.get(code, code)}" for i, code in enumerate(payload.get("order", []), 1)
        )

    def priority_answers(self, answers: Sequence[Answer]) -> list[Any]:
        out = []
        for a in answers:
            if a.hidden:
                continue
            for i, code in enumerate(a.payload.get("order", []), start=1):
                out.append(fw.PriorityAnswer(category_of(a), code, rank=i))
            for code, pile in a.payload.get("piles", {}).items():
                out.append(fw.PriorityAnswer(category_of(a), code, pile=pile))
        return out

    def results(self, config: Mapping[str, Any], answers: Sequence[Answer]) -> dict[str, Any]:
        cards = {c["code"]: c["label"] for c in config.get("cards", [])}
        result = fw.aggregate_priorities(self.priority_answers(answers), list(cards))
        top = max([s.points + s.rank_points for s in result.scores] + [1])
        rows = [
            {
                "label": cards[s.dimension_code],
                "points": s.points + s.rank_points,
                "pct": round(100 * (s.points + s.rank_points) / top),
                "by_group": [{"group": g, "n": s.by_group.get(g, 0)} for g in result.groups],
            }
            for s in result.scores
        ]
        return {
            "rows": rows,
            "groups": result.groups if len(result.groups) > 1 else (),
            "method": result.method,
        }

    def deliver(self, activity: Activity, answers: Sequence[Answer], source: str) -> str:
        workshop = activity.workshop
        ref = f"atelier-{workshop.pk}-activite-{activity.pk}"
        exercise, _ = PriorityExercise.objects.update_or_create(
            approach=workshop.approach,
            workshop_ref=ref,
            defaults={
                "version": configured_version(activity.config),
                "title": f"{workshop.title} — {activity.title}"[:200],
                "held_on": workshop.held_on,
                "source": PriorityExercise.Source.LIVE,
                "created_by": workshop.created_by,
            },
        )
        exercise.votes.all().delete()
        votes = [
            PriorityVote(
                exercise=exercise,
                group=p.group,
                participant="",
                dimension_code=p.dimension_code,
                pile=p.pile,
                rank=p.rank,
            )
            for p in self.priority_answers(answers)
        ]
        PriorityVote.objects.bulk_create(votes)
        voters = len({a.participant_id for a in answers if not a.hidden})
        return (
            f"Classement de {plural(voters, 'participant·e')} ajouté aux ateliers d'appropriation."
        )
