"""Forms of the behaviour app (French labels; the démarche scopes every choice)."""

from __future__ import annotations

from typing import Any

from django import forms

from ressort.actions.models import Action
from ressort.approaches.models import Approach
from ressort.behaviour.models import Determinant, Intervention, TargetBehaviour
from ressort.behaviour.wheel import component_choices, function_choices
from ressort.fieldwork.models import Observation, Testimony


class BehaviourForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = TargetBehaviour
        fields = ["group", "title", "detail", "actions"]
        widgets = {"detail": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, approach: Approach, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actions"].queryset = Action.objects.filter(approach=approach)
        self.fields["actions"].widget = forms.CheckboxSelectMultiple()
        self.fields["actions"].choices = [(a.pk, a.title) for a in self.fields["actions"].queryset]


class DeterminantForm(forms.ModelForm):  # type: ignore[type-arg]
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

    def __init__(self, *args: Any, approach: Approach, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["component"].choices = component_choices()
        testimonies = Testimony.objects.filter(approach=approach)
        observations = Observation.objects.filter(approach=approach)
        self.fields["testimonies"].queryset = testimonies
        self.fields["observations"].queryset = observations
        self.fields["testimonies"].required = False
        self.fields["observations"].required = False
        self.fields["testimonies"].help_text = "Recueillis sur le terrain (portrait)."
        self.fields["observations"].help_text = "Faites sur le terrain (portrait)."


class InterventionForm(forms.ModelForm):  # type: ignore[type-arg]
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

    def __init__(self, *args: Any, approach: Approach, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["function"].choices = function_choices()
        self.fields["action"].queryset = Action.objects.filter(approach=approach)
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
