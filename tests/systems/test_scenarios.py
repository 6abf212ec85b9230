"""Morphological box, exclusions, combinations, scenarios with TRACC levels, stress test."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from ressort.approaches.models import Approach
from ressort.frameworks import services as frameworks
from ressort.systems.models import Exclusion, ImpactChain, MorphVariable, Scenario
from ressort.systems.services.chains import create_chain_from_template
from ressort.systems.services.scenarios import (
    build_box,
    hypotheses_of,
    morph_components,
    save_scenario_frame,
    stress_test,
)
from tests.conftest import page_text
from tests.systems.conftest import client_for


@pytest.fixture
def tracc(db: Any) -> None:
    report = frameworks.load_shipped()
    assert not report.errors


def add_component(client: Client, approach: Approach, name: str, hypotheses: str) -> Any:
    return client.post(
        reverse("systems:component_add", args=[approach.slug]),
        {
            "composante-name": name,
            "composante-hypotheses_text": hypotheses,
        },
    )


@pytest.fixture
def box(approach: Approach, personas: dict[str, Any]) -> dict[str, Any]:
    """Three components (3 × 2 × 2 = 12 combinations) and one exclusion (−2)."""
    client = client_for(personas["equipe"])
    add_component(client, approach, "Eau", "Abondante\nTendue\nRationnée")
    add_component(client, approach, "Agriculture", "Irriguée\nSèche")
    add_component(client, approach, "Emploi", "Industriel\nRésidentiel")
    h = {
        (c.name, x.label): x
        for c in MorphVariable.objects.filter(approach=approach)
        for x in c.hypotheses.all()
    }
    client.post(
        reverse("systems:exclusion_add", args=[approach.slug]),
        {
            "exclusion-first": h["Eau", "Rationnée"].pk,
            "exclusion-second": h["Agriculture", "Irriguée"].pk,
            "exclusion-reason": "pas d'irrigation sous restrictions",
        },
    )
    return {"client": client, "h": h}


def test_rights(approach: Approach, personas: dict[str, Any], box: dict[str, Any]) -> None:
    scenario = Scenario.objects.create(approach=approach, name="Sobriété")
    component = MorphVariable.objects.filter(approach=approach).first()
    assert component
    s = approach.slug
    pages = [
        reverse("systems:scenarios", args=[s]),
        reverse("systems:combinations", args=[s]),
        reverse("systems:scenario", args=[s, scenario.pk]),
    ]
    outsider = client_for(personas["outsider"])
    partner = client_for(personas["partenaire"])
    for url in pages:
        assert Client().get(url).status_code == 302
        assert outsider.get(url).status_code == 404
        assert partner.get(url).status_code == 200
    exclusion = Exclusion.objects.get(approach=approach)
    writes = [
        reverse("systems:scenario_save", args=[s, scenario.pk]),
        reverse("systems:scenario_delete", args=[s, scenario.pk]),
        reverse("systems:scenario_frame", args=[s, scenario.pk]),
        reverse("systems:scenario_add", args=[s]),
        reverse("systems:morph_edit", args=[s, component.pk]),
        reverse("systems:morph_delete", args=[s, component.pk]),
        reverse("systems:component_add", args=[s]),
        reverse("systems:exclusion_add", args=[s]),
        reverse("systems:exclusion_delete", args=[s, exclusion.pk]),
    ]
    for url in writes:
        assert partner.post(url, {"scenario-name": "X"}).status_code == 403, url
    assert partner.get(reverse("systems:morph_edit", args=[s, component.pk])).status_code == 403
    other = personas["other_approach"].slug
    assert outsider.get(reverse("systems:scenario", args=[other, scenario.pk])).status_code == 404
    assert (
        outsider.post(reverse("systems:morph_delete", args=[other, component.pk])).status_code
        == 404
    )
    assert Scenario.objects.filter(pk=scenario.pk).exists()
    assert MorphVariable.objects.filter(pk=component.pk).exists()
    assert Exclusion.objects.filter(pk=exclusion.pk).exists()


def test_box_counts_and_lists_consistent_combinations(
    approach: Approach, box: dict[str, Any]
) -> None:
    client, h = box["client"], box["h"]
    page = page_text(client.get(reverse("systems:scenarios", args=[approach.slug])))
    assert "<strong>10</strong> combinaisons cohérentes sur 12 possibles (2 exclues" in page
    assert "pas d'irrigation sous restrictions" in page
    listing = page_text(client.get(reverse("systems:combinations", args=[approach.slug])))
    assert "Page 1 sur 1" in listing
    assert listing.count("Retenir<span") == 10
    # the excluded pair never appears in a listed combination
    _, box_ = build_box(approach)
    components = morph_components(approach)
    from ressort.analysis.morphology import iter_combinations

    for combination in iter_combinations(box_):
        chosen = {x.pk for x in hypotheses_of(components, combination)}
        assert not {h["Eau", "Rationnée"].pk, h["Agriculture", "Irriguée"].pk} <= chosen


def test_combinations_are_paginated(approach: Approach, personas: dict[str, Any]) -> None:
    client = client_for(personas["equipe"])
    for name in ("A", "B", "C", "D"):
        add_component(client, approach, name, "1\n2\n3\n4")
    url = reverse("systems:combinations", args=[approach.slug])
    first = page_text(client.get(url))
    assert "256 combinaisons cohérentes sur 256" in first and "Page 1 sur 6" in first
    last = page_text(client.get(url, {"page": "6"}))
    assert "Page 6 sur 6" in last and last.count("Retenir<span") == 6
    assert "Page 1 sur 6" in page_text(client.get(url, {"page": "abc"}))


def test_component_faults(approach: Approach, personas: dict[str, Any]) -> None:
    client = client_for(personas["equipe"])
    assert "il en faut de 2 à 5" in page_text(add_component(client, approach, "Eau", "Seule"))
    six = "\n".join("abcdef")
    assert "6 hypothèses" in page_text(add_component(client, approach, "Eau", six))
    assert "en double" in page_text(add_component(client, approach, "Eau", "a\nb\na"))
    assert not MorphVariable.objects.exists()


def test_exclusion_within_a_component_is_refused(approach: Approach, box: dict[str, Any]) -> None:
    client, h = box["client"], box["h"]
    response = client.post(
        reverse("systems:exclusion_add", args=[approach.slug]),
        {
            "exclusion-first": h["Eau", "Tendue"].pk,
            "exclusion-second": h["Eau", "Abondante"].pk,
        },
    )
    assert "s’excluent déjà" in page_text(response)
    assert Exclusion.objects.count() == 1


def test_editing_a_component_keeps_unchanged_hypotheses(
    approach: Approach, box: dict[str, Any]
) -> None:
    client, h = box["client"], box["h"]
    water = MorphVariable.objects.get(approach=approach, name="Eau")
    client.post(
        reverse("systems:morph_edit", args=[approach.slug, water.pk]),
        {"name": "Eau", "hypotheses_text": "Rationnée\nAbondante"},
    )
    assert [x.label for x in water.hypotheses.all()] == ["Rationnée", "Abondante"]
    assert water.hypotheses.get(label="Rationnée").pk == h["Eau", "Rationnée"].pk
    assert Exclusion.objects.count() == 1


def test_scenario_with_tracc_and_stress_test(
    approach: Approach,
    personas: dict[str, Any],
    box: dict[str, Any],
    tracc: None,
    heat: ImpactChain,
    drought: ImpactChain,
) -> None:
    client, h = box["client"], box["h"]
    url = reverse("systems:scenarios", args=[approach.slug])
    combination = f"{h['Eau', 'Rationnée'].pk},{h['Agriculture', 'Sèche'].pk}"
    form = page_text(client.get(url, {"combinaison": combination}))
    assert "France métropolitaine (hexagonale) : +2,7 °C en 2050" in form
    client.post(
        reverse("systems:scenario_add", args=[approach.slug]),
        {
            "combinaison": combination,
            "scenario-name": "Sécheresse chronique",
            "scenario-tracc_level": "metropole.2050",
            "scenario-story": "En 2050, l'eau manque chaque été.",
            "scenario-key_figures": "−30 % de débit d'étiage\n40 jours de restrictions",
        },
    )
    scenario = Scenario.objects.get(approach=approach, name="Sécheresse chronique")
    assert {x.label for x in scenario.hypotheses.all()} == {"Rationnée", "Sèche"}
    detail_url = reverse("systems:scenario", args=[approach.slug, scenario.pk])
    page = page_text(client.get(detail_url))
    assert "TRACC France métropolitaine (hexagonale) : +2,7 °C en 2050" in page
    assert "40 jours de restrictions" in page
    assert "Indiquez ci-dessous les aléas" in page
    bad_tracc = client.post(
        reverse("systems:scenario_save", args=[approach.slug, scenario.pk]),
        {"scenario-name": "X", "scenario-tracc_level": "mars.2100"},
    )
    assert "Sélectionnez un choix valide" in page_text(bad_tracc)
    # the frame: an excluded pair is refused, then hazards drive the stress test
    drought_node = drought.nodes.get(label="Sécheresse")
    heat_node = heat.nodes.get(label="Canicule")
    water = MorphVariable.objects.get(approach=approach, name="Eau")
    farming = MorphVariable.objects.get(approach=approach, name="Agriculture")
    frame_url = reverse("systems:scenario_frame", args=[approach.slug, scenario.pk])
    refused = client.post(
        frame_url,
        {
            f"h_{water.pk}": h["Eau", "Rationnée"].pk,
            f"h_{farming.pk}": h["Agriculture", "Irriguée"].pk,
            f"a_{drought_node.pk}": "3",
        },
    )
    assert "ne vont pas ensemble" in page_text(refused)
    assert not scenario.hazards.exists()
    client.post(
        frame_url,
        {
            f"h_{water.pk}": h["Eau", "Rationnée"].pk,
            f"h_{farming.pk}": h["Agriculture", "Sèche"].pk,
            f"a_{drought_node.pk}": "3",
            f"a_{heat_node.pk}": "0",
        },
    )
    assert [(x.node.label, x.intensity) for x in scenario.hazards.all()] == [("Sécheresse", 3)]
    stress = stress_test(scenario)
    assert stress is not None
    worse = {r.label for r in stress.vulnerabilities}
    assert {"Restrictions d'usage de l'eau", "Pertes de récoltes"} <= worse
    assert "Surmortalité et hospitalisations" not in worse
    page = page_text(client.get(detail_url))
    assert "Test de résistance" in page and "Restrictions d'usage de l'eau" in page
    assert "Prélèvements d'eau douce" in page  # a Doughnut dimension worsened
    client.post(reverse("systems:scenario_delete", args=[approach.slug, scenario.pk]))
    assert not Scenario.objects.filter(pk=scenario.pk).exists()


def test_scenario_hazards_must_belong_to_the_demarche(
    approach: Approach, personas: dict[str, Any]
) -> None:
    other_chain = create_chain_from_template(personas["other_approach"], "chaleur")
    scenario = Scenario.objects.create(approach=approach, name="S")
    foreign = other_chain.nodes.get(label="Canicule")
    save_scenario_frame(scenario, [], {foreign.pk: 3})
    assert not scenario.hazards.exists()
