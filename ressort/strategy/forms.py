"""Forms of the strategy. Versioned forms carry the version they were built from."""

from __future__ import annotations

from typing import Any

from django import forms

from ressort.strategy.models import Axis, Objective, StrategyStatement
from ressort.strategy.services import GAP_LABELS, DoughnutDimension


class VersionedForm(forms.ModelForm):  # type: ignore[type-arg]
    """A ModelForm with the hidden `base_version` that save_versioned checks."""

    base_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["base_version"].initial = self.instance.version
        if not self.instance.pk:
            self.fields["base_version"].required = False

    def edited_fields(self) -> list[str]:
        return [name for name in self.fields if name != "base_version"]


class StatementForm(VersionedForm):
    class Meta:
        model = StrategyStatement
        fields = ["title", "vision", "horizon", "preamble"]
        widgets = {
            "vision": forms.Textarea(attrs={"rows": 5}),
            "preamble": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"horizon": "Année visée, par exemple 2050."}

    def clean_horizon(self) -> int | None:
        horizon = self.cleaned_data.get("horizon")
        if horizon is not None and not 2000 <= horizon <= 2200:
            raise forms.ValidationError("L'horizon est une année entre 2000 et 2200.")
        return horizon


class AxisForm(VersionedForm):
    class Meta:
        model = Axis
        fields = ["title", "description", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"order": "Numéro de l'axe dans la stratégie (1, 2, 3…)."}


def gap_choice_label(dim: DoughnutDimension) -> str:
    ring = "plancher social" if dim.ring == "plancher_social" else "plafond écologique"
    return f"{dim.label} ({ring}) — {GAP_LABELS.get(dim.gap, dim.gap)}"


class ObjectiveForm(VersionedForm):
    gap_codes = forms.MultipleChoiceField(
        label="Manques et dépassements du portrait auxquels l'objectif répond",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=(
            "Dimensions du Donut ; l'état indiqué est celui du portrait de la démarche "
            "(en manque sous le plancher social, en dépassement au-delà du plafond écologique)."
        ),
    )

    class Meta:
        model = Objective
        fields = ["axis", "title", "description", "vision_link", "gap_codes", "order"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "vision_link": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {"order": "Numéro de l'objectif dans son axe."}

    def __init__(
        self, *args: Any, axes: Any, dimensions: list[DoughnutDimension], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["axis"].queryset = axes
        self.fields["axis"].empty_label = None
        known = {d.code for d in dimensions}
        choices = [(d.code, gap_choice_label(d)) for d in dimensions]
        # Codes kept from an older framework version stay selectable rather than vanish.
        for code in self.instance.gap_codes or []:
            if code not in known:
                choices.append((code, f"{code} (dimension absente du référentiel en vigueur)"))
        self.fields["gap_codes"].choices = choices
