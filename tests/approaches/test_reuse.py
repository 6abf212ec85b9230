"""Starting a démarche from another's reusable parts: the method is copied (briques and
depths, the calendar's shape, co-built grids and their questions, the indicators followed,
the prioritisation criteria), never a person nor the source's data; the source is unchanged."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import models
from django.forms.models import model_to_dict
from django.test import Client

from ressort.actions.models import Action, Criterion, CriterionValue, GridChoice
from ressort.approaches.models import Approach, GovernanceBody, GovernanceMember, MethodStep
from ressort.fieldwork import models as fieldwork
from ressort.frameworks import services as grids
from ressort.frameworks.models import Dimension, Framework
from ressort.portrait.models import Indicator, IndicatorValue
from tests.conftest import page_text
from tests.demarche_objects import demarche_querysets

pytestmark = pytest.mark.django_db

PEOPLE = ("Jeanne Dupont", "jeanne.dupont@example.org", "Louise Martin")


@pytest.fixture
def source(approach: Approach, personas: dict[str, Any]) -> Approach:
    lead = personas["chef_projet"]
    approach.modules = ["recit", "gouvernance"]
    approach.save(update_fields=["modules"])
    for step, (start, end) in {
        "1": (date(2026, 9, 1), date(2026, 10, 31)),
        "2": (date(2026, 11, 15), date(2027, 3, 31)),
    }.items():
        MethodStep.objects.filter(approach=approach, code=step).update(
            start_date=start, end_date=end, depth="approfondi", notes="Notes de Jeanne Dupont"
        )
    grid = grids.create_grid(approach, lead, "Grille de la CAPI")
    GridChoice.objects.create(approach=approach, grid=grid)
    indicator = Indicator.objects.create(
        approach=approach,
        code="part-bio",
        name="Part de la surface agricole en bio",
        unit="%",
        source="Agence Bio",
        year=2023,
        target=30,
        social_floor=None,
        ecological_ceiling=None,
        dimension_codes=["food"],
        created_by=lead,
    )
    IndicatorValue.objects.create(indicator=indicator, year=2023, value=12.5)
    criterion = Criterion.objects.create(approach=approach, name="Coût", direction="min", weight=2)
    action = Action.objects.create(approach=approach, title="Cantines bio", created_by=lead)
    CriterionValue.objects.create(criterion=criterion, action=action, value=40000)
    GovernanceMember.objects.create(
        approach=approach, body=GovernanceBody.TEAM, name=PEOPLE[0], email=PEOPLE[1]
    )
    fieldwork.Testimony.objects.create(
        approach=approach,
        speaker_category="habitant",
        speaker_name=PEOPLE[2],
        consent_recorded=True,
        spoken_on=date(2026, 3, 1),
    )
    return approach


def snapshot(approach: Approach) -> dict[str, list[dict[str, Any]]]:
    return {
        qs.model._meta.label: [model_to_dict(o) for o in qs.order_by("pk")]
        for qs in demarche_querysets(approach)
    }


def create_from(client: Client, source: Approach, parts: list[str], **extra: str) -> Any:
    return client.post(
        "/demarches/nouvelle/",
        {
            "name": "Nouvelle démarche",
            "perimeter_kind": "officiel",
            "territory": "38553",
            "role": "facilitateur",
            "source": source.pk,
            "parts": parts,
            **extra,
        },
    )


def test_a_demarche_starts_from_anothers_parts_without_its_people_or_data(
    source: Approach, personas: dict[str, Any]
) -> None:
    before = snapshot(source)
    lead = personas["chef_projet"]
    client = Client()
    client.force_login(lead)
    form = page_text(client.get("/demarches/nouvelle/"))
    assert "Partir d’une autre démarche" in form and "CAPI résiliente" in form
    response = create_from(
        client,
        source,
        ["briques", "calendrier", "grilles", "indicateurs", "criteres"],
        calendar_start="2027-01-04",
    )
    assert response.status_code == 302, page_text(response)
    new = Approach.objects.get(name="Nouvelle démarche")
    message = page_text(client.get(response["Location"]))
    assert "Repris de «\u00a0CAPI résiliente\u00a0»" in message
    assert (
        "1\u00a0grille co-construite, 1\u00a0indicateur, 1\u00a0critère de priorisation" in message
    )

    # What was copied.
    assert set(new.modules) == {"gouvernance", "recit"}
    steps = {s.code: s for s in new.steps.all()}
    assert steps["1"].depth == steps["2"].depth == "approfondi"
    assert (steps["1"].start_date, steps["1"].end_date) == (date(2027, 1, 4), date(2027, 3, 5))
    assert steps["2"].start_date == date(2027, 3, 20)  # the same gap of 15 days
    assert steps["1"].notes == ""
    grid = Framework.objects.get(approach=new)
    assert grid.name == "Grille de la CAPI"
    assert (
        Dimension.objects.filter(version__framework=grid).count()
        == Dimension.objects.filter(version__framework__approach=source).count()
    )
    assert GridChoice.objects.get(approach=new).grid == grid
    copy = Indicator.objects.get(approach=new)
    assert (copy.code, copy.name, copy.unit, copy.dimension_codes) == (
        "part-bio",
        "Part de la surface agricole en bio",
        "%",
        ["food"],
    )
    assert copy.target is None and copy.year is None and not copy.values.exists()
    assert copy.created_by == lead
    criterion = Criterion.objects.get(approach=new)
    assert (criterion.name, criterion.direction, criterion.weight) == ("Coût", "min", 2)

    # Nothing of the source's people or data.
    users = get_user_model()
    for qs in demarche_querysets(new):
        model = qs.model
        for obj in qs:
            for field in model._meta.concrete_fields:
                value = getattr(obj, field.attname)
                if isinstance(field, models.ForeignKey) and field.related_model is users:
                    assert value in (None, lead.pk), (model, field.name)
                if isinstance(value, str):
                    assert not any(p in value for p in PEOPLE), (model, field.name, value)
    copied_kinds = {
        "approaches.Approach",
        "approaches.Membership",
        "approaches.MethodStep",
        "frameworks.Framework",
        "frameworks.FrameworkVersion",
        "frameworks.Dimension",
        "frameworks.GridChange",
        "actions.GridChoice",
        "portrait.Indicator",
        "portrait.HistoricalIndicator",
        "actions.Criterion",
    }
    extra = {qs.model._meta.label for qs in demarche_querysets(new) if qs.exists()} - copied_kinds
    assert extra == set()
    assert list(new.memberships.values_list("user", flat=True)) == [lead.pk]

    # The source is unchanged.
    assert snapshot(source) == before


def test_only_chosen_parts_and_only_from_ones_own_demarches(
    source: Approach, personas: dict[str, Any]
) -> None:
    lead = Client()
    lead.force_login(personas["chef_projet"])
    create_from(lead, source, ["criteres"])
    new = Approach.objects.get(name="Nouvelle démarche")
    assert Criterion.objects.filter(approach=new).count() == 1
    assert not Indicator.objects.filter(approach=new).exists()
    assert new.modules == [] and not Framework.objects.filter(approach=new).exists()
    assert all(s.start_date is None for s in new.steps.all())

    outsider = Client()
    outsider.force_login(personas["outsider"])
    response = create_from(outsider, source, ["criteres", "indicateurs"])
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in page_text(response)
    assert Approach.objects.filter(name="Nouvelle démarche").count() == 1
    response = create_from(lead, source, [], name="Sans rien")
    assert "Cochez au moins un élément à reprendre" in page_text(response)
    assert not Approach.objects.filter(name="Sans rien").exists()
