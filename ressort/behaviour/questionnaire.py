"""A short questionnaire: a few statements scored 0 to 4, as a workshops activity kind.

It answers like the grid (same participant and projection templates: 0 to 4 or « je ne
sais pas », by category) but its questions are free statements, not a framework's: the
training needs self-assessment (knowledge and confidence per topic) and the repeated
follow-up surveys of a target behaviour use it. Its answers stay in the consultation; the
training and behaviour pages read them from there (`answers_by_question`), so it sends
nothing elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from django import forms

from ressort.approaches.models import Approach
from ressort.workshops.kinds.base import ActivityKind, Copies, DeliveryError, Template, register
from ressort.workshops.kinds.grid import GridScoring
from ressort.workshops.models import Activity, Answer

CODE = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
KIND = "questionnaire"


@register
class ShortQuestionnaire(GridScoring):
    code = KIND
    label = "Questionnaire court (échelle de 0 à 4)"
    description = (
        "Quelques affirmations cotées de 0 (pas du tout) à 4 (tout à fait)\u00a0: besoins de "
        "formation, enquête de suivi d'un comportement."
    )
    delivers_to = "les pages de la formation et du changement de comportements, qui la lisent"
    template_keys = ("questions",)  # its own statements, no framework to map

    def as_template(self, config: Mapping[str, Any], copies: Copies) -> Template:
        return ActivityKind.as_template(self, config, copies)

    @property
    def participant_template(self) -> str:
        return "workshops/kinds/grille_participant.html"

    @property
    def projection_template(self) -> str:
        return "workshops/kinds/grille_projection.html"

    def form_fields(self, approach: Approach) -> dict[str, forms.Field]:
        return {
            "questions": forms.CharField(
                label="Affirmations (une ligne chacune\u00a0: code\u00a0; affirmation)",
                widget=forms.Textarea(attrs={"rows": 5}),
                help_text="Exemple : « eau ; Je sais expliquer le cycle de l'eau du territoire ».",
            )
        }

    def build_config(self, data: Mapping[str, Any], approach: Approach) -> dict[str, Any]:
        return {"questions": parse_questions(data.get("questions") or "")}

    def initial(self, config: Mapping[str, Any]) -> dict[str, Any]:
        return {"questions": "\n".join(f"{q['code']} ; {q['label']}" for q in config["questions"])}

    def deliver(self, activity: Activity, answers: Sequence[Answer], source: str) -> str:
        raise DeliveryError(
            "Rien à envoyer\u00a0: les pages de la formation et du changement de comportements "
            "lisent ces réponses directement."
        )


def parse_questions(text: str) -> list[dict[str, str]]:
    questions: list[dict[str, str]] = []
    for i, line in enumerate((x.strip() for x in text.splitlines()), start=1):
        if not line:
            continue
        code, sep, label = (part.strip() for part in line.partition(";"))
        if not sep:
            code, label = f"q{i}", code
        if not CODE.match(code):
            raise forms.ValidationError(
                f"Affirmations, ligne {i} : le code « {code} » ne peut contenir que des lettres "
                "sans accent, des chiffres, «\u00a0-\u00a0» et «\u00a0_\u00a0»."
            )
        if any(q["code"] == code for q in questions):
            raise forms.ValidationError(f"Affirmations, ligne {i} : le code « {code} » est répété.")
        questions.append({"code": code, "label": label[:300]})
    if not questions:
        raise forms.ValidationError("Affirmations\u00a0: au moins une.")
    return questions[:40]


def answers_by_question(workshop: Any) -> dict[str, list[tuple[str, int]]]:
    """Question code → [(participant's category, score)] of the consultation's questionnaire
    activities (« je ne sais pas » and hidden answers left out)."""
    out: dict[str, list[tuple[str, int]]] = {}
    answers = Answer.objects.filter(
        activity__workshop=workshop, activity__kind=KIND, hidden=False
    ).select_related("participant")
    for answer in answers:
        score = answer.payload.get("score")
        if score is None:
            continue
        out.setdefault(answer.client_id, []).append((answer.participant.category, int(score)))
    return out
