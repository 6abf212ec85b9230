"""The idea wall: free-text ideas, optionally tagged with a dimension; they become action
ideas or field-work testimonies."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms

from ressort.actions import services as actions
from ressort.analysis.typography import agree, plural
from ressort.approaches.models import Approach
from ressort.fieldwork import services as fieldwork
from ressort.workshops.kinds.base import (
    MAX_TEXT,
    ActivityKind,
    AnswerError,
    Fields,
    Parsed,
    clean_client_id,
    first,
    new_client_id,
    register,
)
from ressort.workshops.kinds.sources import speaker_category, version_dimension_codes
from ressort.workshops.models import Activity, Answer


@register
class IdeaWall(ActivityKind):
    code = "idees"
    label = "Mur d'idées"
    description = (
        "Chacun·e propose des idées (texte libre), éventuellement rattachées à une dimension."
    )
    delivers_to = "idées d'actions (ou témoignages de l'enquête de terrain)"
    multiple = True
    # A template keeps where the ideas go and the dimensions offered (codes and labels).
    template_keys = ("target", "dimensions")

    def form_fields(self, approach: Approach) -> dict[str, forms.Field]:
        return {
            "target": forms.ChoiceField(
                label="Les contributions deviennent",
                choices=[("idees", "des idées d'actions"), ("temoignages", "des témoignages")],
            ),
            "tag_dimensions": forms.BooleanField(
                label="Proposer de rattacher chaque idée à une dimension", required=False
            ),
        }

    def build_config(self, data: Mapping[str, Any], approach: Approach) -> dict[str, Any]:
        dims = version_dimension_codes(approach) if data.get("tag_dimensions") else []
        return {
            "target": data.get("target") or "idees",
            "dimensions": [{"code": c, "label": label} for c, label in dims],
        }

    def initial(self, config: Mapping[str, Any]) -> dict[str, Any]:
        return {"target": config.get("target"), "tag_dimensions": bool(config.get("dimensions"))}

    def parse(self, fields: Fields, config: Mapping[str, Any]) -> list[Parsed]:
        text = first(fields, "text")
        if not text:
            raise AnswerError("Votre idée : écrivez quelques mots avant d'envoyer.")
        if len(text) > MAX_TEXT:
            raise AnswerError(f"Votre idée : {MAX_TEXT} caractères au plus ({len(text)}).")
        dimension = first(fields, "dimension")
        known = {d["code"] for d in config.get("dimensions", [])}
        if dimension and dimension not in known:
            raise AnswerError("Dimension : choisissez dans la liste proposée.")
        return [
            Parsed(
                clean_client_id(first(fields, "client_id")), {"text": text, "dimension": dimension}
            )
        ]

    def participant_context(self, config: Mapping[str, Any], mine: list[Answer]) -> dict[str, Any]:
        return {"dimensions": config.get("dimensions", []), "new_client_id": new_client_id()}

    def describe(self, config: Mapping[str, Any], payload: Mapping[str, Any]) -> str:
        labels = {d["code"]: d["label"] for d in config.get("dimensions", [])}
        dimension = labels.get(payload.get("dimension", ""), "")
        return payload.get("text", "") + (f" ({dimension})" if dimension else "")

    def results(self, config: Mapping[str, Any], answers: Sequence[Answer]) -> dict[str, Any]:
        labels = {d["code"]: d["label"] for d in config.get("dimensions", [])}
        entries = [
            {
                "answer": a,
                "text": a.payload.get("text", ""),
                "dimension": labels.get(a.payload.get("dimension", ""), ""),
            }
            for a in answers
        ]
        return {"entries": entries, "count": len(entries)}

    def deliver(self, activity: Activity, answers: Sequence[Answer], source: str) -> str:
        approach = activity.workshop.approach
        visible = [a for a in answers if not a.hidden]
        if config_target(activity) == "temoignages":
            for a in visible:
                dim = a.payload.get("dimension") or ""
                fieldwork.add_testimony(
                    approach,
                    a.payload["text"],
                    category=speaker_category(a.participant.category),
                    source=source,
                    dimension_codes=(dim,) if dim else (),
                )
            return (
                f"{plural(len(visible), 'témoignage')} {agree(len(visible), 'ajouté')} "
                "à l'enquête de terrain."
            )
        for a in visible:
            actions.add_idea(
                approach,
                a.payload["text"],
                source=source,
                proposer=a.participant.category,
                dimension_code=a.payload.get("dimension") or None,
            )
        return f"{plural(len(visible), 'idée')} d'action {agree(len(visible), 'ajoutée')}."


def config_target(activity: Activity) -> str:
    return str(activity.config.get("target") or "idees")
