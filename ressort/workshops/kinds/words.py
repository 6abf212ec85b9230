"""The word cloud: a few words each; they become the vision's keywords."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from django import forms

from ressort.analysis.typography import agree, plural
from ressort.approaches.models import Approach
from ressort.systems import services as systems
from ressort.workshops.kinds.base import (
    MAX_WORD,
    ActivityKind,
    AnswerError,
    Fields,
    Parsed,
    clean_client_id,
    first,
    new_client_id,
    register,
)
from ressort.workshops.models import Activity, Answer


@register
class WordCloud(ActivityKind):
    code = "nuage"
    label = "Nuage de mots"
    description = "Quelques mots chacun·e (« le territoire résilient en 2050, c'est… »)."
    delivers_to = "mots-clés de la vision (systèmes et scénarios)"
    multiple = True
    template_keys = ("max_words",)

    def form_fields(self, approach: Approach) -> dict[str, forms.Field]:
        return {
            "max_words": forms.IntegerField(
                label="Nombre de mots par personne", min_value=1, max_value=10, initial=3
            )
        }

    def build_config(self, data: Mapping[str, Any], approach: Approach) -> dict[str, Any]:
        return {"max_words": int(data.get("max_words") or 3)}

    def initial(self, config: Mapping[str, Any]) -> dict[str, Any]:
        return {"max_words": config.get("max_words", 3)}

    def parse(self, fields: Fields, config: Mapping[str, Any]) -> list[Parsed]:
        word = " ".join(first(fields, "word").split())
        if not word:
            raise AnswerError("Votre mot : écrivez un mot ou une courte expression.")
        if len(word) > MAX_WORD:
            raise AnswerError(f"Votre mot : {MAX_WORD} caractères au plus.")
        return [Parsed(clean_client_id(first(fields, "client_id")), {"word": word})]

    def participant_context(self, config: Mapping[str, Any], mine: list[Answer]) -> dict[str, Any]:
        limit = int(config.get("max_words", 3))
        return {"new_client_id": new_client_id(), "limit": limit, "room": len(mine) < limit}

    def describe(self, config: Mapping[str, Any], payload: Mapping[str, Any]) -> str:
        return str(payload.get("word", ""))

    def results(self, config: Mapping[str, Any], answers: Sequence[Answer]) -> dict[str, Any]:
        counts = Counter(a.payload.get("word", "").lower() for a in answers if not a.hidden)
        top = counts.most_common(60)
        biggest = top[0][1] if top else 1
        words = [{"word": w, "count": n, "size": round(1 + 2.2 * n / biggest, 2)} for w, n in top]
        return {"words": words, "count": sum(counts.values())}

    def deliver(self, activity: Activity, answers: Sequence[Answer], source: str) -> str:
        # Each occurrence counts: a word given by five people weighs five in the vision.
        words = [a.payload["word"] for a in answers if not a.hidden]
        systems.add_vision_keywords(activity.workshop.approach, words, source=source)
        distinct = len({w.lower() for w in words})
        return (
            f"{plural(distinct, 'mot-clé', 'mots-clés')} ({plural(len(words), 'occurrence')}) "
            f"{agree(distinct, 'ajouté')} à la vision."
        )
