"""The démarche's form (`ressort.web.forms.DemarcheForm`): another démarche's objects are
neither offered nor accepted, a name is unique in the démarche whatever its case, a date is
typed with the date picker."""

from __future__ import annotations

import pytest
from django import forms

from ressort.actions.models import Action
from ressort.approaches.models import Approach
from ressort.justice.models import DistributiveEffect, PopulationGroup
from ressort.legal.models import ConsentRecord
from ressort.web.forms import DemarcheForm, belongs_to_demarche, taken
from ressort.web.generic import Noun

pytestmark = pytest.mark.django_db


class EffectForm(DemarcheForm):
    class Meta:
        model = DistributiveEffect
        fields = ["action", "group", "gain", "cost", "exclusion", "justification", "confidence"]


class GroupForm(DemarcheForm):
    class Meta:
        model = PopulationGroup
        fields = ["name", "dimension"]

    def clean_name(self) -> str:
        return self.unique("name", "Ce nom est pris.")


class ConsentForm(DemarcheForm):
    class Meta:
        model = ConsentRecord
        fields = ["person", "purpose", "given_on"]


def test_choices_are_the_demarches_only(approach: Approach) -> None:
    other = Approach.objects.create(name="Autre", slug="autre")
    ours = Action.objects.create(approach=approach, title="Haies")
    theirs = Action.objects.create(approach=other, title="Parking")
    group = PopulationGroup.objects.create(approach=approach, name="Jeunes", dimension="age")
    form = EffectForm(approach=approach)
    assert list(form.fields["action"].queryset) == [ours]  # type: ignore[attr-defined]
    data = {"action": theirs.pk, "group": group.pk, "gain": 1, "cost": 0, "exclusion": 0}
    data |= {"justification": "…", "confidence": "moyenne"}
    refused = EffectForm(data, approach=approach)
    assert not refused.is_valid()
    assert "action" in refused.errors


def test_a_name_is_unique_in_the_demarche_whatever_its_case(approach: Approach) -> None:
    other = Approach.objects.create(name="Autre", slug="autre")
    taken_name = PopulationGroup.objects.create(approach=approach, name="Jeunes", dimension="age")
    PopulationGroup.objects.create(approach=other, name="Aînés", dimension="age")
    form = GroupForm({"name": " jeunes ", "dimension": "age"}, approach=approach)
    assert form.errors["name"] == ["Ce nom est pris."]
    again = GroupForm(
        {"name": "Jeunes", "dimension": "age"}, instance=taken_name, approach=approach
    )
    assert again.is_valid(), again.errors
    elsewhere = GroupForm({"name": "AÎNÉS ", "dimension": "age"}, approach=approach)
    assert elsewhere.is_valid(), elsewhere.errors
    assert elsewhere.cleaned_data["name"] == "AÎNÉS"


def test_taken_leaves_the_object_itself_aside(approach: Approach) -> None:
    group = PopulationGroup.objects.create(approach=approach, name="Jeunes", dimension="age")
    assert not taken(group, approach=approach, name="Jeunes")
    assert taken(PopulationGroup(approach=approach), approach=approach, name="Jeunes")


def test_which_models_belong_to_a_demarche() -> None:
    assert belongs_to_demarche(Action)
    assert not belongs_to_demarche(Approach)


def test_a_date_is_typed_with_the_date_picker(approach: Approach) -> None:
    widget = ConsentForm(approach=approach).fields["given_on"].widget
    assert isinstance(widget, forms.DateInput)
    assert widget.input_type == "date"
    assert widget.format == "%Y-%m-%d"


def test_a_noun_writes_the_french_of_an_objects_pages(approach: Approach) -> None:
    group = Noun("le groupe")
    jeunes = PopulationGroup.objects.create(approach=approach, name="Jeunes", dimension="age")
    assert group.title(PopulationGroup(approach=approach)) == "Ajouter un groupe"
    assert group.title(jeunes) == "Modifier le groupe «\u00a0Jeunes\u00a0»"
    assert group.what(jeunes) == "Le groupe «\u00a0Jeunes\u00a0»"
    assert group.saved == "Le groupe est enregistré."
    assert (
        group.gone.format(what=group.what(jeunes)) == "Le groupe «\u00a0Jeunes\u00a0» est supprimé."
    )
    species = Noun("l'espèce", feminine=True)
    assert species.title(PopulationGroup()) == "Ajouter une espèce"
    assert species.what(jeunes) == "L'espèce «\u00a0Jeunes\u00a0»"
    assert species.saved == "L'espèce est enregistrée."
    part = Noun("l'option", "title", feminine=True, removed=True, add="Explorer une option")
    assert part.gone == "{what} est retirée."
    assert part.title(PopulationGroup()) == "Explorer une option"
