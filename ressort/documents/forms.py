"""The adoption form: which deliverable, the deliberation's date, number and file."""

from __future__ import annotations

from typing import Any

from django import forms

from ressort.approaches.models import Approach
from ressort.documents import adoption
from ressort.uploads import CappedFileField


class AdoptionForm(forms.Form):
    deliverable = forms.ChoiceField(label="Livrable adopté")
    deliberation_date = forms.DateField(
        label="Date de la délibération", widget=forms.DateInput(attrs={"type": "date"})
    )
    deliberation_number = forms.CharField(
        label="Numéro de la délibération", max_length=100, help_text="Par exemple 2026-42."
    )
    assembly = forms.CharField(
        label="Assemblée", max_length=200, initial="conseil communautaire", required=False
    )
    deliberation = CappedFileField(
        label="Délibération (PDF, facultatif)",
        required=False,
        max_bytes=adoption.DELIBERATION_MAX_BYTES,
        help_text="20 Mo au plus.",
    )

    def __init__(self, *args: Any, approach: Approach, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["deliverable"].choices = adoption.choices(approach)

    def clean_deliberation(self) -> Any:
        upload = self.cleaned_data.get("deliberation")
        if upload:
            head = upload.read(5)
            upload.seek(0)
            if head != b"%PDF-":
                raise forms.ValidationError("La délibération doit être un fichier PDF.")
        return upload
