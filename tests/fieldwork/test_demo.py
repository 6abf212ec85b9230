"""The demo content: enough to show every page, on real CAPI places, labelled illustrative."""

from typing import Any

import pytest
from django.urls import reverse

from ressort.fieldwork import demo, services
from ressort.fieldwork.models import Observation, Quote, Resource, Vulnerability
from tests.conftest import page_text

pytestmark = pytest.mark.django_db


def test_demo_builds_a_consistent_field_evidence(client: Any, approach: Any) -> None:
    demo.build(approach)
    assert Observation.objects.filter(approach=approach).count() == 10
    assert approach.testimonies.count() == 12
    assert Quote.objects.filter(testimony__approach=approach).count() == 24
    assert Vulnerability.objects.filter(approach=approach).count() == 8
    assert Resource.objects.filter(approach=approach).count() == 6
    known = set(services.dimension_labels())
    for quote in Quote.objects.all():
        assert quote.dimensions and set(quote.dimensions) <= known, quote.text
    for obs in Observation.objects.all():
        assert set(obs.dimensions) <= known and "illustratif" in obs.text
        assert 45.5 < obs.latitude < 45.7 and 5.0 < obs.longitude < 5.4  # the CAPI
    assert all(t.speaker_name == "" for t in approach.testimonies.all())
    assert Vulnerability.objects.filter(hazards__code="canicule").exists()
    assert Vulnerability.objects.exclude(observations=None).count() >= 5
    evidence = services.evidence_by_dimension(approach)
    assert evidence["water"]["quotes"] and evidence["water"]["vulnerabilities"]
    # observations, vulnerabilities, resources, and the demo walk (its testimonies have no place)
    assert len(services.map_features(approach)["features"]) == 10 + 7 + 4 + 1
    client.force_login(approach.memberships.get().user)
    text = page_text(client.get(reverse("fieldwork:map", args=[approach.slug])))
    assert "Marais de la Bourbre" in text


def test_demo_photos_are_our_own_drawings_with_their_licence(approach: Any) -> None:
    from ressort.fieldwork.models import Photo, Walk

    demo.build(approach)
    photos = Photo.objects.filter(observation__approach=approach)
    assert photos.count() == 3
    for photo in photos:
        assert "CC0" in photo.description and "illustratif" in photo.description
        with photo.image.open("rb") as f:
            assert f.read(2) == b"\xff\xd8"
    walk = Walk.objects.get(approach=approach)
    assert len(walk.route) >= 2 and walk.observations.exists() and walk.length_m > 500
