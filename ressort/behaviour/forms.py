"""Forms of the behaviour app (French labels; the démarche scopes every choice)."""

from __future__ import annotations

from typing import Any

from django import forms

from ressort.behaviour.models import Determinant, Intervention, TargetBehaviour
from ressort.behaviour.wheel import component_choices, function_choices
from ressort.web.forms import DemarcheForm


class BehaviourForm(DemarcheForm):
    class Meta:
        model = TargetBehaviour
        fields = ["group", "title", "detail", "actions"]
        widgets = {
            "detail": forms.Textarea(attrs={"rows": 3}),
            "actions": forms.CheckboxSelectMultiple,
        }


class DeterminantForm(DemarcheForm):
    class Meta:
        model = Determinant
        fields = [
            "component",
            "kind",
            "statement",
            "strength",
            "justification",
            "origin",
            "testimonies",
            "observations",
        ]
        widgets = {"justification": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["component"].choices = component_choices()
        self.fields["testimonies"].required = False
        self.fields["observations"].required = False
        self.fields["testimonies"].help_text = "Recueillis sur le terrain (portrait)."
        self.fields["observations"].help_text = "Faites sur le terrain (portrait)."


class InterventionForm(DemarcheForm):
    class Meta:
        model = Intervention
        fields = [
            "function",
            "title",
            "description",
            "action",
            "indicator",
            "baseline",
            "target",
            "unit",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["function"].choices = function_choices()
        self.fields["action"].empty_label = "Aucune pour l'instant"
        for name in ("baseline", "target"):  # French decimals (« 12,5 ») in a text input
            self.fields[name] = forms.DecimalField(
                label=self.fields[name].label,
                required=False,
                max_digits=12,
                decimal_places=2,
                localize=True,
                widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            )
