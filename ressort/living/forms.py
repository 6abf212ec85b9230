"""Forms of the living brique: every choice is scoped to the démarche."""

from __future__ import annotations

from typing import Any

from django import forms

from ressort.actions.models import GRADE_CHOICES, Action, ContestedResource
from ressort.approaches.models import Approach
from ressort.fieldwork.forms import COORD_HELP
from ressort.fieldwork.models import Observation
from ressort.living.models import (
    LivingEffect,
    Milieu,
    Parliament,
    Service,
    Species,
    Spokesperson,
    Statement,
)
from ressort.portrait.models import Indicator
from ressort.systems.models import Node
from ressort.uploads import CappedFileField

TEXTAREA = forms.Textarea(attrs={"rows": 3})
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _Scoped(forms.ModelForm):  # type: ignore[type-arg]
    """Unique name in the démarche, and the linked objects of the démarche only."""

    def __init__(self, *args: Any, approach: Approach, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.approach = approach
        scopes = {
            "observations": Observation.objects.filter(approach=approach),
            "indicators": Indicator.objects.filter(approach=approach),
            "chain_nodes": Node.objects.filter(chain__approach=approach).select_related("chain"),
            "milieux": Milieu.objects.filter(approach=approach),
        }
        for name, queryset in scopes.items():
            if name in self.fields:
                field = self.fields[name]
                field.queryset = queryset  # type: ignore[attr-defined]
                field.widget = forms.CheckboxSelectMultiple(choices=field.choices)  # type: ignore[attr-defined]
        if "chain_nodes" in self.fields:
            self.fields["chain_nodes"].label_from_instance = (  # type: ignore[attr-defined]
                lambda node: f"{node.label} ({node.chain.name})"
            )

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        others = type(self.instance).objects.filter(approach=self.approach, name__iexact=name)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError("Ce nom est déjà pris dans la démarche.")
        return name


class MilieuForm(_Scoped):
    services = forms.MultipleChoiceField(
        label="Services rendus au territoire",
        choices=Service.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Milieu
        fields = [
            "name",
            "kind",
            "places",
            "latitude",
            "longitude",
            "description",
            "state",
            "trend",
            "pressures",
            "services",
            "evidence",
            "observations",
            "indicators",
            "chain_nodes",
        ]
        widgets = {"description": TEXTAREA, "pressures": TEXTAREA, "evidence": TEXTAREA}
        help_texts = {"latitude": COORD_HELP, "longitude": COORD_HELP}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lat, lon = data.get("latitude"), data.get("longitude")
        if (lat is None) != (lon is None) and not self.errors.get("latitude"):
            missing = "longitude" if lon is None else "latitude"
            self.add_error(missing, f"Indiquez aussi la {missing}, ou laissez les deux vides.")
        return data


class SpeciesForm(_Scoped):
    class Meta:
        model = Species
        fields = [
            "name",
            "scientific_name",
            "taxref_id",
            "status",
            "description",
            "state",
            "trend",
            "pressures",
            "milieux",
            "evidence",
            "observations",
            "indicators",
        ]
        widgets = {"description": TEXTAREA, "pressures": TEXTAREA, "evidence": TEXTAREA}


class LivingEffectForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = LivingEffect
        fields = [
            "action",
            "milieu",
            "effect",
            "justification",
            "on_species",
            "on_continuities",
            "avoid",
            "reduce",
            "compensate",
            "residual_harm",
        ]
        widgets = dict.fromkeys(
            ("justification", "on_species", "on_continuities", "avoid", "reduce", "compensate"),
            TEXTAREA,
        )

    def __init__(self, *args: Any, approach: Approach, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["action"].queryset = Action.objects.filter(approach=approach)  # type: ignore[attr-defined]
        self.fields["milieu"].queryset = Milieu.objects.filter(approach=approach)  # type: ignore[attr-defined]
        self.fields["residual_harm"].help_text = (
            "Pour une action qui porte atteinte au milieu\u00a0: décochez si l'évitement et la "
            "réduction suffisent."
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        action, milieu = data.get("action"), data.get("milieu")
        if action and milieu:
            others = LivingEffect.objects.filter(action=action, milieu=milieu)
            if self.instance.pk:
                others = others.exclude(pk=self.instance.pk)
            if others.exists():
                raise forms.ValidationError(
                    "L'effet de cette action sur ce milieu est déjà décrit\u00a0: modifiez-le."
                )
        return data


class ParliamentForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Parliament
        fields = ["title", "date", "question"]
        widgets = {"date": DATE_INPUT, "question": TEXTAREA}

    def __init__(self, *args: Any, approach: Approach, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class SpokespersonForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Spokesperson
        fields = ["entity", "milieu", "species", "speaker_name"]

    def __init__(self, *args: Any, approach: Approach, parliament: Parliament, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.parliament = parliament
        self.fields["milieu"].queryset = Milieu.objects.filter(approach=approach)  # type: ignore[attr-defined]
        self.fields["species"].queryset = Species.objects.filter(approach=approach)  # type: ignore[attr-defined]
        self.fields["entity"].help_text = "la rivière, la forêt, les pollinisateurs…"
        self.fields["milieu"].label = "milieu du diagnostic (facultatif)"
        self.fields["species"].label = "espèce du diagnostic (facultatif)"

    def clean_entity(self) -> str:
        entity: str = self.cleaned_data["entity"].strip()
        if self.parliament.spokespeople.filter(entity__iexact=entity).exists():
            raise forms.ValidationError("Cette entité a déjà un·e porte-parole dans la séance.")
        return entity


class StatementForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Statement
        fields = ["text", "action", "position", "grade", "resource"]
        widgets = {"text": TEXTAREA}

    def __init__(self, *args: Any, approach: Approach, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["action"].queryset = Action.objects.filter(approach=approach)  # type: ignore[attr-defined]
        self.fields["resource"].queryset = ContestedResource.objects.filter(approach=approach)  # type: ignore[attr-defined]
        self.fields["grade"].choices = [("", "Pas de mention"), *GRADE_CHOICES]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("grade") is not None and not data.get("action"):
            self.add_error("grade", "Une mention porte sur une action\u00a0: choisissez-la.")
        return data


class OpenDataUploadForm(forms.Form):
    species = CappedFileField(
        label="Réponse OpenObs des espèces (JSON)",
        required=False,
        max_bytes=5 * 1024 * 1024,
    )
    areas = CappedFileField(
        label="Réponse INPN des espaces protégés (JSON)",
        required=False,
        max_bytes=5 * 1024 * 1024,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("species") and not data.get("areas"):
            raise forms.ValidationError("Joignez au moins un fichier.")
        return data
