"""The cross-app contracts: evidence_by_dimension, map_features, add_testimony; hazards."""

from typing import Any

import pytest

from ressort.fieldwork import models, services
from ressort.fieldwork.models import Hazard, Quote
from tests.fieldwork import factories

pytestmark = pytest.mark.django_db


def test_evidence_by_dimension_groups_every_kind_and_stays_in_its_approach(
    approach: Any, personas: Any
) -> None:
    obs = factories.observation(approach)
    t = factories.testimony(
        approach, quotes=(("La nappe baisse chaque année.", ["water"]), ("Sans tag.", []))
    )
    vuln = factories.vulnerability(approach, severity=2)
    worse = factories.vulnerability(approach, title="Captage unique", severity=4)
    res = factories.resource(approach)
    factories.observation(personas["other_approach"], title="Ailleurs")
    evidence = services.evidence_by_dimension(approach)
    assert set(evidence) == {"water", "freshwater", "biodiversity"}
    water = evidence["water"]
    assert set(water) == {"quotes", "observations", "vulnerabilities", "resources"}
    assert [q.text for q in water["quotes"]] == ["La nappe baisse chaque année."]
    assert water["quotes"][0].testimony == t
    assert water["observations"] == [obs]
    assert water["vulnerabilities"] == [worse, vuln]  # by decreasing severity
    assert water["resources"] == [res]
    assert evidence["freshwater"]["quotes"] == []
    assert "energy" not in evidence


def test_map_features_is_geojson_of_located_items_only(approach: Any) -> None:
    obs = factories.observation(approach)
    factories.observation(approach, title="Sans lieu", latitude=None, longitude=None)
    vuln = factories.vulnerability(approach)
    factories.resource(approach)  # no point
    collection = services.map_features(approach)
    assert collection["type"] == "FeatureCollection"
    by_title = {f["properties"]["title"]: f for f in collection["features"]}
    assert set(by_title) == {obs.title, vuln.title}
    feature = by_title[obs.title]
    assert feature["geometry"] == {"type": "Point", "coordinates": [5.2736, 45.5866]}
    assert feature["properties"]["kind"] == "observation"
    assert feature["properties"]["url"] == obs.get_absolute_url()
    assert by_title[vuln.title]["properties"]["kind"] == "vulnerabilite"
    assert by_title[vuln.title]["properties"]["level"] == 3


def test_add_testimony_creates_a_tagged_quote(approach: Any) -> None:
    t = services.add_testimony(
        approach,
        "  Il faudrait un verger partagé au centre.  ",
        category="habitant",
        source="Atelier du 12 mars",
        dimension_codes=["food", "food", "L2.3"],
    )
    assert isinstance(t, models.Testimony)
    assert t.approach == approach and t.source == "Atelier du 12 mars"
    assert t.speaker_category == "habitant" and t.speaker_name == ""
    [quote] = Quote.objects.filter(testimony=t)
    assert quote.text == "Il faudrait un verger partagé au centre."
    assert quote.dimensions == ["food", "L2.3"]
    other = services.add_testimony(approach, "Texte", category="inconnue", source="Mur")
    assert other.speaker_category == "autre"
    with pytest.raises(ValueError, match="vide"):
        services.add_testimony(approach, "   ", category="elu", source="Mur")


def test_shipped_hazards_load_idempotently(approach: Any) -> None:
    count = services.load_hazards()
    assert count >= 9
    assert services.load_hazards() == count
    codes = set(Hazard.objects.filter(approach=None).values_list("code", flat=True))
    for code in (
        "canicule",
        "secheresse",
        "inondation",
        "tempete",
        "feu_foret",
        "choc_prix_energie",
        "perte_employeur",
        "pandemie",
        "rupture_approvisionnement",
    ):
        assert code in codes
    Hazard.objects.create(approach=approach, code="glissement", label="Glissement de la côte")
    assert len(services.hazards_for(approach)) == count + 1


def test_dimension_catalogue_falls_back_on_the_shipped_examples() -> None:
    catalogue = services.dimension_catalogue()
    donut = [d for d in catalogue if d.framework == "donut"]
    levers = [d for d in catalogue if d.framework == "boussole"]
    assert len(donut) == 21 and len(levers) == 18
    assert services.dimension_labels()["water"] == "Eau"


def test_dimension_catalogue_uses_the_loaded_frameworks() -> None:
    from ressort.frameworks import services as fw_services

    fw_services.load_shipped()
    catalogue = services.dimension_catalogue()
    assert len([d for d in catalogue if d.framework == "donut"]) == 21
    assert len([d for d in catalogue if d.framework == "boussole"]) == 18
    # Every code we tag with has example sentences, and every example names a real code.
    assert {d.code for d in catalogue} == set(services.tag_examples())
