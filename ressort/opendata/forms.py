"""Forms of the past-shocks timeline."""

from __future__ import annotations

from typing import Any

from django import forms

from ressort.opendata.models import PastShock
from ressort.web.forms import DemarcheForm


class PastShockForm(DemarcheForm):
    class Meta:
        model = PastShock
        fields = [
            "kind",
            "title",
            "started_on",
            "ended_on",
            "places",
            "description",
            "consequences",
            "lessons",
            "hazards",
            "testimonies",
        ]
        widgets = {
            "places": forms.TextInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
            "consequences": forms.Textarea(attrs={"rows": 3}),
            "lessons": forms.Textarea(attrs={"rows": 3}),
            "hazards": forms.CheckboxSelectMultiple,
            "testimonies": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from ressort.fieldwork.services import hazards_for

        self.fields["hazards"].queryset = hazards_for(self.approach)
        self.fields["hazards"].help_text = "Les aléas de la phase systèmes que ce choc illustre."
        self.fields["testimonies"].help_text = "Les témoignages qui racontent ce choc."

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("started_on"), data.get("ended_on")
        if start and end and end < start:
            self.add_error("ended_on", "La fin ne peut pas précéder le début.")
        return data
