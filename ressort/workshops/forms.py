from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from ressort.approaches.models import Approach
from ressort.workshops.kinds import ActivityKind
from ressort.workshops.models import Workshop


class WorkshopForm(forms.ModelForm):
    class Meta:
        model = Workshop
        fields = ["title", "held_on", "place", "mode", "open_until", "ask_category", "categories"]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "open_until": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("mode") == Workshop.Mode.ASYNC:
            until = data.get("open_until")
            if until is None:
                self.add_error("open_until", "Indiquez jusqu'à quand la consultation est ouverte.")
            elif until <= timezone.now() and not self.instance.pk:
                self.add_error("open_until", "La date de fin doit être dans le futur.")
        if data.get("ask_category") and not [
            c for c in (data.get("categories") or "").split(",") if c.strip()
        ]:
            self.add_error("categories", "Proposez au moins une catégorie, ou ne la demandez pas.")
        return data


class ActivityForm(forms.Form):
    """The common fields of an activity plus those its kind declares."""

    title = forms.CharField(label="Consigne affichée aux participant·es", max_length=300)

    def __init__(self, *args: Any, kind: ActivityKind, approach: Approach, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.approach = approach
        self.fields.update(kind.form_fields(approach))
        self.config: dict[str, Any] = {}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors:
            try:
                self.config = self.kind.build_config(data, self.approach)
            except forms.ValidationError as error:
                raise error
        return data


class JoinForm(forms.Form):
    code = forms.CharField(
        label="Code de l'atelier",
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
    pseudonym = forms.CharField(
        label="Pseudonyme (facultatif)",
        max_length=60,
        required=False,
        help_text="Aucun nom n'est demandé ; vos réponses restent anonymes.",
    )

    def __init__(self, *args: Any, categories: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if categories:
            self.fields["category"] = forms.ChoiceField(
                label="Vous êtes (facultatif)",
                choices=[("", "— je préfère ne pas le dire —")] + [(c, c) for c in categories],
                required=False,
            )
