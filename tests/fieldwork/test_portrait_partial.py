"""The partial the portrait page includes, and indicators as evidence of the inventory."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse

from ressort.fieldwork import services
from ressort.fieldwork.models import Photo, Vulnerability
from tests.conftest import page_text
from tests.fieldwork import factories

pytestmark = pytest.mark.django_db


def test_partial_shows_one_dimension_and_only_portrait_photos(approach: Any) -> None:
    obs = factories.observation(approach)
    public = Photo(observation=obs, description="Le pont à sec", in_portrait=True)
    public.image.save("a.jpg", SimpleUploadedFile("a.jpg", b"x"), save=True)
    private = Photo(observation=obs, description="Visage d'un riverain")
    private.image.save("b.jpg", SimpleUploadedFile("b.jpg", b"x"), save=True)
    factories.testimony(approach, quotes=(("On a peur de manquer d'eau.", ["water"]),))
    factories.vulnerability(approach)
    factories.resource(approach, title="Nappe de la Bourbre")
    evidence = services.evidence_by_dimension(approach)
    html = render_to_string(
        "fieldwork/_portrait_evidence.html", {"evidence": evidence["water"], "approach": approach}
    )
    assert "On a peur de manquer d" in html and "Habitant·e" in html
    assert obs.title in html and public.get_absolute_url() in html
    assert private.get_absolute_url() not in html
    assert "Dépendance à une seule ressource en eau" in html and "Nappe de la Bourbre" in html
    empty = render_to_string("fieldwork/_portrait_evidence.html", {"evidence": None})
    assert "Aucune observation" in empty


def test_inventory_links_portrait_indicators_of_its_approach_only(
    client: Any, approach: Any, personas: Any
) -> None:
    from ressort.portrait.models import Indicator

    mine = Indicator.objects.create(
        approach=approach,
        code="conso-eau",
        name="Consommation d'eau",
        unit="m³/hab.",
        source="Illustratif",
        year=2024,
        dimension_codes=["water"],
    )
    theirs = Indicator.objects.create(
        approach=personas["other_approach"], code="x", name="Autre", unit="%", source="S"
    )
    client.force_login(personas["equipe"])
    url = reverse("fieldwork:item_create", args=[approach.slug, "vulnerabilite"])
    assert "Autre (%)" not in page_text(client.get(url))
    refused = client.post(url, {"title": "X", "severity": 2, "indicators": [theirs.pk]})
    assert refused.status_code == 200 and not Vulnerability.objects.exists()
    client.post(url, {"title": "Captage unique", "severity": 4, "indicators": [mine.pk]})
    vuln = Vulnerability.objects.get()
    assert list(vuln.indicators.all()) == [mine]
    detail = page_text(client.get(vuln.get_absolute_url()))
    assert "Consommation d'eau (m³/hab.)" in detail and "Illustratif, 2024" in detail
