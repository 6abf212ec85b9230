"""Forms of the démarche's personal-data page: retention period and consent records."""

from __future__ import annotations

from django import forms

from ressort.legal.models import ConsentRecord, RetentionPolicy
from ressort.web.forms import DATE


class RetentionForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = RetentionPolicy
        fields = ["months"]

    def clean_months(self) -> int:
        months: int = self.cleaned_data["months"]
        if not 1 <= months <= 240:
            raise forms.ValidationError("Une durée de 1 à 240 mois.")
        return months


class ConsentForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ConsentRecord
        fields = ["person", "purpose", "given_on", "how", "withdrawn_on"]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 2}),
            "given_on": DATE,
            "withdrawn_on": DATE,
        }

    def clean(self) -> dict[str, object]:
        data: dict[str, object] = super().clean() or {}
        given, withdrawn = data.get("given_on"), data.get("withdrawn_on")
        if given and withdrawn and withdrawn < given:  # type: ignore[operator]
            self.add_error("withdrawn_on", "Le retrait ne peut pas précéder l'accord.")
        return data
