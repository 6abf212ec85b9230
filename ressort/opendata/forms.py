"""Forms of the past-shocks timeline."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q

from ressort.approaches.models import Approach
from ressort.opendata.models import PastShock


class PastShockForm(forms.ModelForm):
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
            "started_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ended_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "places": forms.TextInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
            "consequences": forms.Textarea(attrs={"rows": 3}),
            "lessons": forms.Textarea(attrs={"rows": 3}),
            "hazards": forms.CheckboxSelectMultiple,
            "testimonies": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, approach: Approach, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from ressort.fieldwork.models import Hazard, Testimony

        self.fields["hazards"].queryset = Hazard.objects.filter(
            Q(approach__isnull=True) | Q(approach=approach)
        )
        self.fields["testimonies"].queryset = Testimony.objects.filter(approach=approach)
        self.fields["hazards"].help_text = "Les aléas de la phase systèmes que ce choc illustre."
        self.fields["testimonies"].help_text = "Les témoignages qui racontent ce choc."

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("started_on"), data.get("ended_on")
        if start and end and end < start:
            self.add_error("ended_on", "La fin ne peut pas précéder le début.")
        return data
