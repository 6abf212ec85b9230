"""Pins on aerial imagery: the projector shows an older and a current aerial image of one
place side by side (ressort/aerial); each participant's phone drops pins on it, each with a
comment (« ici la haie a disparu »). Delivered as point annotations of photo-interpretation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.conf import settings

from ressort.analysis.typography import agree, plural, read_number
from ressort.approaches.models import Approach
from ressort.workshops.kinds.base import (
    MAX_TEXT,
    ActivityKind,
    AnswerError,
    Copies,
    Fields,
    Parsed,
    Template,
    clean_client_id,
    first,
    new_client_id,
    register,
)
from ressort.workshops.models import Activity, Answer

MAX_PINS = 5


def _layer_choices() -> list[tuple[str, str]]:
    return [(str(n), layer.name) for n, layer in enumerate(settings.RESSORT_AERIAL_LAYERS)]


@register
class ImageryPins(ActivityKind):
    code = "photo"
    label = "Épingles sur photo aérienne"
    description = (
        "Une photo aérienne ancienne et une actuelle côte à côte ; chacun·e pose des "
        "épingles commentées depuis son téléphone."
    )
    delivers_to = "annotations de photo-interprétation"
    multiple = True

    def as_template(self, config: Mapping[str, Any], copies: Copies) -> Template:
        """The images compared and the zoom; the place shown is the source's, to check."""
        return Template(
            {k: config[k] for k in ("center", "zoom", "then", "now") if k in config},
            (
                "la carte montre le lieu choisi dans l'autre démarche\u00a0: vérifiez son "
                "centre («\u00a0Modifier\u00a0» dans l'atelier).",
            ),
        )

    def form_fields(self, approach: Approach) -> dict[str, forms.Field]:
        layers = _layer_choices()
        return {
            "latitude": forms.FloatField(
                label="Latitude du centre", min_value=-90, max_value=90, initial=45.59
            ),
            "longitude": forms.FloatField(
                label="Longitude du centre", min_value=-180, max_value=180, initial=5.28
            ),
            "zoom": forms.IntegerField(
                label="Zoom (12 à 19)", min_value=12, max_value=19, initial=16
            ),
            "then_layer": forms.ChoiceField(
                label="Image ancienne", choices=layers, initial=layers[-1][0] if layers else ""
            ),
            "now_layer": forms.ChoiceField(label="Image actuelle", choices=layers, initial="0"),
        }

    def build_config(self, data: Mapping[str, Any], approach: Approach) -> dict[str, Any]:
        layers = settings.RESSORT_AERIAL_LAYERS

        def layer(key: str) -> dict[str, Any]:
            index = int(data.get(key) or 0)
            chosen = layers[index] if 0 <= index < len(layers) else None
            if chosen is None:
                return {"nom": "", "url": "", "attribution": "", "periode": "", "zoom_max": 19}
            return {
                "nom": chosen.name,
                "url": chosen.url,
                "attribution": chosen.attribution,
                "periode": chosen.period,
                "zoom_max": chosen.max_zoom,
            }

        return {
            "center": [float(data.get("latitude") or 0), float(data.get("longitude") or 0)],
            "zoom": int(data.get("zoom") or 16),
            "then": layer("then_layer"),
            "now": layer("now_layer"),
        }

    def initial(self, config: Mapping[str, Any]) -> dict[str, Any]:
        center = config.get("center") or [45.59, 5.28]
        return {"latitude": center[0], "longitude": center[1], "zoom": config.get("zoom", 16)}

    def parse(self, fields: Fields, config: Mapping[str, Any]) -> list[Parsed]:
        try:
            lat = float(read_number(first(fields, "latitude")))
            lon = float(read_number(first(fields, "longitude")))
        except ValueError:
            raise AnswerError("Votre épingle : touchez la photo pour la placer.") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise AnswerError("Votre épingle : position impossible, touchez de nouveau la photo.")
        comment = " ".join(first(fields, "comment").split())
        if not comment:
            raise AnswerError("Votre commentaire : dites ce que vous voyez à cet endroit.")
        if len(comment) > MAX_TEXT:
            raise AnswerError(f"Votre commentaire : {MAX_TEXT} caractères au plus.")
        payload = {"lat": round(lat, 6), "lon": round(lon, 6), "comment": comment}
        return [Parsed(clean_client_id(first(fields, "client_id")), payload)]

    def participant_context(self, config: Mapping[str, Any], mine: list[Answer]) -> dict[str, Any]:
        return {"new_client_id": new_client_id(), "limit": MAX_PINS, "room": len(mine) < MAX_PINS}

    def describe(self, config: Mapping[str, Any], payload: Mapping[str, Any]) -> str:
        return f"{payload.get('comment', '')} ({payload.get('lat')}, {payload.get('lon')})"

    def results(self, config: Mapping[str, Any], answers: Sequence[Answer]) -> dict[str, Any]:
        pins = [
            {"lat": a.payload["lat"], "lon": a.payload["lon"], "comment": a.payload["comment"]}
            for a in answers
            if not a.hidden
        ]
        return {"pins": pins, "count": len(pins), "config": dict(config)}

    def deliver(self, activity: Activity, answers: Sequence[Answer], source: str) -> str:
        from ressort.aerial import services as aerial

        pins = [a.payload for a in answers if not a.hidden]
        count = aerial.add_pins(
            activity.workshop.approach,
            pins,
            source=source,
            then_period=str(activity.config.get("then", {}).get("periode", "")),
            now_period=str(activity.config.get("now", {}).get("periode", "")),
        )
        return f"{plural(count, 'épingle')} {agree(count, 'ajoutée')} à la photo-interprétation."
