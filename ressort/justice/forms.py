"""Forms of the justice brique: every choice is scoped to the démarche."""

from __future__ import annotations

from typing import Any

from django import forms

from ressort.approaches.models import Approach
from ressort.justice.catalogue import load as catalogue
from ressort.justice.models import (
    AcceptabilityAnswer,
    Dimension,
    DistributiveEffect,
    Participation,
    PopulationGroup,
    Remedy,
)
from ressort.uploads import CappedFileField
from ressort.web.forms import DemarcheForm, taken

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class GroupForm(DemarcheForm):
    class Meta:
        model = PopulationGroup
        fields = ["name", "dimension", "vulnerable", "description", "source"]
        widgets = {"description": TEXTAREA}

    def clean_name(self) -> str:
        return self.unique("name", "Un groupe de ce nom existe déjà dans la démarche.")


class SizesForm(forms.Form):
    """One optional whole number per commune of the perimeter."""

    year = forms.IntegerField(
        label="Année des effectifs", min_value=1900, max_value=2100, required=False
    )

    def __init__(self, *args: Any, communes: list[Any], current: dict[int, int], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.communes = communes
        for commune in communes:
            self.fields[f"c{commune.pk}"] = forms.IntegerField(
                label=f"{commune.name} ({commune.code})",
                min_value=0,
                required=False,
                initial=current.get(commune.pk),
            )

    def counts(self) -> dict[Any, int | None]:
        return {c: self.cleaned_data.get(f"c{c.pk}") for c in self.communes}


class InseeUploadForm(forms.Form):
    file = CappedFileField(
        label="Fichier communal du recensement (CSV ou XLSX)",
        help_text="par exemple base-cc-evol-struct-pop-2021.CSV\u00a0: colonne CODGEO et variables "
        "P21_POP0014, P21_POP1529…",
    )


class EffectForm(DemarcheForm):
    class Meta:
        model = DistributiveEffect
        fields = ["action", "group", "gain", "cost", "exclusion", "justification", "confidence"]
        widgets = {"justification": TEXTAREA}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        action, group = data.get("action"), data.get("group")
        if action and group and taken(self.instance, action=action, group=group):
            raise forms.ValidationError(
                "L'effet de cette action sur ce groupe est déjà décrit\u00a0: modifiez-le."
            )
        return data


class RemedyForm(DemarcheForm):
    kind = forms.ChoiceField(label="Remède")

    class Meta:
        model = Remedy
        fields = ["action", "group", "kind", "description"]
        widgets = {"description": TEXTAREA, "action": forms.HiddenInput, "group": forms.HiddenInput}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(r.code, r.label) for r in catalogue().remedies]  # type: ignore[attr-defined]


class ParticipationForm(DemarcheForm):
    count = forms.IntegerField(
        label="Nombre de personnes à enregistrer ainsi",
        min_value=1,
        max_value=500,
        initial=1,
        help_text="pour saisir d'un coup les personnes qui ont répondu la même chose",
    )

    class Meta:
        model = Participation
        fields = ["event", "age_group", "commune", "category", "count"]

    def __init__(self, *args: Any, approach: Approach, **kwargs: Any) -> None:
        super().__init__(*args, approach=approach, **kwargs)
        groups = PopulationGroup.objects.filter(approach=approach)
        self.fields["age_group"].queryset = groups.filter(dimension=Dimension.AGE)  # type: ignore[attr-defined]
        self.fields["category"].queryset = groups.exclude(dimension=Dimension.AGE)  # type: ignore[attr-defined]
        self.fields["commune"].queryset = approach.communes.order_by("name")  # type: ignore[attr-defined]
        for name in ("age_group", "commune", "category"):
            self.fields[name].empty_label = "Non renseigné"  # type: ignore[attr-defined]
            self.fields[name].help_text = "facultatif"


class AcceptabilityForm(DemarcheForm):
    count = forms.IntegerField(
        label="Nombre de réponses identiques", min_value=1, max_value=500, initial=1
    )

    class Meta:
        model = AcceptabilityAnswer
        fields = ["consultation", "action", "group", "acceptable", "affordable", "count"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].empty_label = "Non renseigné"  # type: ignore[attr-defined]
        scale = [
            (1, "1\u00a0: pas du tout"),
            (2, "2\u00a0: plutôt pas"),
            (3, "3\u00a0: plutôt"),
            (4, "4\u00a0: tout à fait"),
        ]
        for name in ("acceptable", "affordable"):
            self.fields[name] = forms.TypedChoiceField(
                label=self.fields[name].label, choices=scale, coerce=int
            )
