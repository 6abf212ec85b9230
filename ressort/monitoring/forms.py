"""Forms of monitoring (labels, help and errors in French)."""

from __future__ import annotations

from typing import Any

from django import forms

from ressort.monitoring.library import THEMES, dimension_choices
from ressort.monitoring.models import Decision, ExperienceReport, Meeting, SizeClass
from ressort.territories.models import Territory


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def regions() -> Any:
    return Territory.objects.filter(type="REG").order_by("name")


class ExperienceSearchForm(forms.Form):
    q = forms.CharField(label="Mots", required=False)
    theme = forms.ChoiceField(label="Thème", required=False)
    dimension = forms.ChoiceField(label="Dimension d'un référentiel", required=False)
    size = forms.ChoiceField(label="Taille du territoire", required=False)
    region = forms.ModelChoiceField(
        label="Région", queryset=Territory.objects.none(), required=False, empty_label="Toutes"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", "Tous"), *THEMES.items()]
        self.fields["dimension"].choices = [("", "Toutes"), *dimension_choices()]
        self.fields["size"].choices = [("", "Toutes"), *SizeClass.choices]
        self.fields["region"].queryset = regions()  # type: ignore[attr-defined]


class ExperienceForm(forms.ModelForm):
    themes = forms.MultipleChoiceField(
        label="Thèmes", choices=list(THEMES.items()), widget=forms.CheckboxSelectMultiple
    )
    dimensions = forms.MultipleChoiceField(
        label="Dimensions des référentiels",
        required=False,
        help_text="Les dimensions du Donut et les leviers de la Boussole que l'expérience touche.",
    )

    class Meta:
        model = ExperienceReport
        fields = [
            "title",
            "territory_name",
            "population",
            "size_class",
            "region",
            "summary",
            "actions",
            "results",
            "lessons",
            "contacts",
            "source_url",
            "source_label",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("summary", "actions", "results", "lessons", "contacts")
        }

    source_url = forms.URLField(
        label="Source publique", max_length=500, required=False, assume_scheme="https"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dimensions"].choices = dimension_choices()
        self.fields["region"].queryset = regions()  # type: ignore[attr-defined]
        if self.instance.pk:
            self.initial["themes"] = self.instance.themes
            self.initial["dimensions"] = self.instance.dimension_codes


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["date", "body", "title", "attendees", "agenda", "minutes", "follow_ups"]
        widgets = {
            "date": DateInput(),
            "attendees": forms.Textarea(attrs={"rows": 4}),
            "agenda": forms.Textarea(attrs={"rows": 4}),
            "minutes": forms.Textarea(attrs={"rows": 4}),
            "follow_ups": forms.Textarea(attrs={"rows": 3}),
        }


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["kind", "text", "owner", "due", "done"]
        widgets = {"due": DateInput(), "text": forms.Textarea(attrs={"rows": 2})}
