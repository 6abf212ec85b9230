"""Thematic focuses of a question grid (water, food, energy, health…).

A question belongs to a focus when the grid says so (its data holds `themes: [...]` with
the focus code), or else when its label, or the label of its lever or principle, names the
theme (a few French stems per theme, accents and case ignored). The facilitator sees the
filtered questions before the workshop and can score the whole grid instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from ressort.frameworks.models import Dimension
from ressort.territories.text import normalize


@dataclass(frozen=True)
class Focus:
    label: str
    stems: tuple[str, ...]


FOCUSES = {
    "eau": Focus("Eau", ("eau", "hydr", "secheresse", "inondation", "riviere", "nappe")),
    "alimentation": Focus(
        "Alimentation", ("aliment", "agricol", "agricult", "nourri", "circuit court", "foncier")
    ),
    "energie": Focus("Énergie", ("energ", "chaleur", "electri", "renouvelable", "sobriete")),
    "sante": Focus("Santé", ("sante", "soin", "canicule", "epidem", "vulnerables")),
    "risques": Focus(
        "Risques et crises", ("risque", "crise", "alea", "alerte", "secours", "tracc", "vulnerab")
    ),
    "biodiversite": Focus("Biodiversité", ("biodivers", "nature", "ecosyst", "espece", "sol")),
    "mobilite": Focus("Mobilité", ("mobilit", "transport", "deplacement", "route")),
    "economie": Focus("Économie et emploi", ("econom", "emploi", "entreprise", "activite")),
}


def matches(question: Dimension, focus_code: str, ancestors: list[Dimension]) -> bool:
    focus = FOCUSES.get(focus_code)
    if focus is None:
        return True
    themes = question.extra.get("themes") if isinstance(question.extra, dict) else None
    if isinstance(themes, list):
        return focus_code in themes
    text = " ".join(normalize(n.label) for n in (question, *ancestors))
    words = text.split()
    return any(
        (" " in stem and stem in text) or any(w.startswith(stem) for w in words)
        for stem in focus.stems
    )


def filter_questions(questions: list[Dimension], focus_code: str) -> list[Dimension]:
    """The questions of a focus (all of them when no focus is chosen)."""
    if not focus_code:
        return questions
    by_pk: dict[int, Dimension] = {}
    if questions:
        by_pk = {d.pk: d for d in Dimension.objects.filter(version_id=questions[0].version_id)}
    result = []
    for question in questions:
        ancestors, parent_id = [], question.parent_id
        while parent_id is not None and parent_id in by_pk:
            ancestors.append(by_pk[parent_id])
            parent_id = by_pk[parent_id].parent_id
        if matches(question, focus_code, ancestors):
            result.append(question)
    return result
