"""Forms of the living brique: every choice is scoped to the démarche."""

from __future__ import annotations

from typing import Any

from django import forms

from ressort.actions.models import GRADE_CHOICES
from ressort.approaches.models import Approach
from ressort.fieldwork.forms import COORD_HELP
from ressort.living.models import (
    LivingEffect,
    Milieu,
    Parliament,
    Service,
    Species,
    Spokesperson,
    Statement,
)
from ressort.uploads import CappedFileField
from ressort.web.forms import DemarcheForm, taken

TEXTAREA = forms.Textarea(attrs={"rows": 3})
CHECKBOXES = dict.fromkeys(
    ("observations", "indicators", "chain_nodes", "milieux"), forms.CheckboxSelectMultiple
)


class _Scoped(DemarcheForm):
    """A milieu or a species: a name unique in the démarche, its links as checkboxes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "chain_nodes" in self.fields:
            nodes = self.fields["chain_nodes"]
            nodes.queryset = nodes.queryset.select_related("chain")  # type: ignore[attr-defined]
            nodes.label_from_instance = lambda node: f"{node.label} ({node.chain.name})"  # type: ignore[attr-defined]

    def clean_name(self) -> str:
        return self.unique("name", "Ce nom est déjà pris dans la démarche.")


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
        widgets = CHECKBOXES | dict.fromkeys(("description", "pressures", "evidence"), TEXTAREA)
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
        widgets = CHECKBOXES | dict.fromkeys(("description", "pressures", "evidence"), TEXTAREA)


class LivingEffectForm(DemarcheForm):
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
        help_texts = {
            "residual_harm": "Pour une action qui porte atteinte au milieu\u00a0: décochez si "
            "l'évitement et la réduction suffisent."
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        action, milieu = data.get("action"), data.get("milieu")
        if action and milieu and taken(self.instance, action=action, milieu=milieu):
            raise forms.ValidationError(
                "L'effet de cette action sur ce milieu est déjà décrit\u00a0: modifiez-le."
            )
        return data


class ParliamentForm(DemarcheForm):
    class Meta:
        model = Parliament
        fields = ["title", "date", "question"]
        widgets = {"question": TEXTAREA}


class SpokespersonForm(DemarcheForm):
    class Meta:
        model = Spokesperson
        fields = ["entity", "milieu", "species", "speaker_name"]

        help_texts = {"entity": "la rivière, la forêt, les pollinisateurs…"}
        labels = {
            "milieu": "milieu du diagnostic (facultatif)",
            "species": "espèce du diagnostic (facultatif)",
        }

    def __init__(self, *args: Any, approach: Approach, parliament: Parliament, **kwargs: Any):
        super().__init__(*args, approach=approach, **kwargs)
        self.parliament = parliament

    def clean_entity(self) -> str:
        entity: str = self.cleaned_data["entity"].strip()
        if self.parliament.spokespeople.filter(entity__iexact=entity).exists():
            raise forms.ValidationError("Cette entité a déjà un·e porte-parole dans la séance.")
        return entity


class StatementForm(DemarcheForm):
    class Meta:
        model = Statement
        fields = ["text", "action", "position", "grade", "resource"]
        widgets = {"text": TEXTAREA}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
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
