"""Forms of the actions app (French labels; the démarche scopes every choice)."""

from __future__ import annotations

from typing import Any

from django import forms

from ressort.actions.models import (
    Action,
    Arbitration,
    ContestedResource,
    Criterion,
    Idea,
    ResourceOption,
    ResourceUse,
    Theme,
)
from ressort.approaches.models import Approach
from ressort.uploads import CappedFileField


class ScopedForm(forms.ModelForm):  # type: ignore[type-arg]
    """Limits the démarche's foreign keys (theme, resources…) to its own rows."""

    def __init__(self, *args: Any, approach: Approach, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.approach = approach
        if "theme" in self.fields:
            self.fields["theme"].queryset = Theme.objects.filter(approach=approach)  # type: ignore[attr-defined]
        if "resources" in self.fields:
            self.fields["resources"].queryset = ContestedResource.objects.filter(  # type: ignore[attr-defined]
                approach=approach
            )


class IdeaForm(ScopedForm):
    class Meta:
        model = Idea
        fields = [
            "text",
            "proposer",
            "source",
            "source_label",
            "answers",
            "answers_detail",
            "dimension_code",
            "theme",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "answers_detail": forms.TextInput(attrs={"list": "reponses-possibles"}),
        }

    def __init__(self, *args: Any, dimensions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dimension_code"] = forms.ChoiceField(
            label="Dimension du référentiel",
            choices=[("", "—"), *dimensions],
            required=False,
        )


class ThemeForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Theme
        fields = ["name"]


class ActionForm(ScopedForm):
    class Meta:
        model = Action
        fields = ["kind", "title", "description", "theme", "resources"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "resources": forms.CheckboxSelectMultiple,
        }


class CriterionForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Criterion
        fields = ["name", "weight", "direction", "function", "q", "p", "from_grid"]

    def __init__(self, *args: Any, approach: Approach, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.approach = approach

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        clash = Criterion.objects.filter(approach=self.approach, name=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(f"Un critère « {name} » existe déjà.")
        return name

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if data.get("function") == Criterion.Function.LINEAR:
            q, p = data.get("q"), data.get("p")
            if q is not None and q < 0:
                self.add_error("q", "Le seuil q doit être positif ou nul.")
            if q is not None and p is not None and p <= q:
                self.add_error("p", f"Le seuil p ({p}) doit être strictement supérieur à q ({q}).")
        return data


class ResourceForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ContestedResource
        fields = ["name", "kind", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class UseForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ResourceUse
        fields = ["use", "actors", "claim"]
        widgets = {"claim": forms.Textarea(attrs={"rows": 2})}


class OptionForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ResourceOption
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class ArbitrationForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Arbitration
        fields = ["criteria", "decided_by", "decided_on", "option", "decision", "rationale"]
        widgets = {
            "criteria": forms.Textarea(attrs={"rows": 2}),
            "decision": forms.Textarea(attrs={"rows": 2}),
            "rationale": forms.Textarea(attrs={"rows": 3}),
            "decided_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, resource: ContestedResource, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["option"].queryset = resource.options.all()  # type: ignore[attr-defined]


class VoteImportForm(forms.Form):
    file = CappedFileField(
        label="Fichier CSV des bulletins",
        help_text="En-tête : les intitulés des actions ; une ligne par bulletin ; chaque case "
        "une mention (« À rejeter » … « Excellent ») ; une case vide vaut « À rejeter ».",
    )
    source = forms.CharField(label="Origine", max_length=200, required=False)
