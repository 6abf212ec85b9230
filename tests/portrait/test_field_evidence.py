"""An indicator names the vulnerabilities and resources of the field inventory it supports.

The links are the portrait's (`Indicator.vulnerabilities`, `Indicator.resources`): field work
knows nothing of indicators, and shows them on an item's page through the reverse name.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from ressort.portrait.models import Indicator
from tests.conftest import page_text
from tests.fieldwork import factories
from tests.portrait.conftest import client_for

pytestmark = pytest.mark.django_db

INDICATOR = {
    "name": "Consommation d'eau",
    "code": "conso-eau",
    "unit": "m³/hab.",
    "source": "Illustratif",
    "year": "2024",
    "direction": "higher",
    "dimension_codes": ["water"],
}


def test_an_indicator_supports_field_items_of_its_demarche_only(
    approach: Any, personas: Any
) -> None:
    mine = factories.vulnerability(approach)
    nappe = factories.resource(approach, title="Nappe de la Bourbre")
    theirs = factories.vulnerability(personas["other_approach"], title="Vulnérabilité d'ailleurs")
    client = client_for(personas["equipe"])
    url = reverse("portrait:indicator_add", args=[approach.slug])
    form = page_text(client.get(url))
    assert mine.title in form and "Nappe de la Bourbre" in form
    assert "Vulnérabilité d'ailleurs" not in form
    refused = client.post(url, {**INDICATOR, "vulnerabilities": [theirs.pk]})
    assert refused.status_code == 200 and not Indicator.objects.filter(code="conso-eau").exists()
    saved = client.post(url, {**INDICATOR, "vulnerabilities": [mine.pk], "resources": [nappe.pk]})
    assert saved.status_code == 302
    indicator = Indicator.objects.get(code="conso-eau")
    assert list(mine.indicators.all()) == [indicator] == list(nappe.indicators.all())
    assert not theirs.indicators.exists()
    url = reverse("portrait:indicator", args=[approach.slug, indicator.pk])
    page = re.sub(r"<[^>]+>", "", page_text(client.get(url)))  # the text, without the links
    assert f"Vulnérabilité\u00a0: {mine.title}" in page
    assert "Ressource\u00a0: Nappe de la Bourbre" in page
    detail = page_text(client.get(mine.get_absolute_url()))
    assert "Consommation d'eau (m³/hab.)" in detail and "Illustratif, 2024" in detail


def test_unticking_an_item_unlinks_it_and_deleting_the_indicator_keeps_the_item(
    approach: Any, personas: Any
) -> None:
    vuln = factories.vulnerability(approach)
    fields = {"code": "x", "name": "X", "unit": "%", "source": "S"}
    indicator = Indicator.objects.create(approach=approach, **fields)
    indicator.vulnerabilities.add(vuln)
    client = client_for(personas["equipe"])
    edit = reverse("portrait:indicator_edit", args=[approach.slug, indicator.pk])
    assert client.post(edit, {**INDICATOR, **fields}).status_code == 302
    assert not vuln.indicators.exists()
    indicator.vulnerabilities.add(vuln)
    client.post(reverse("portrait:indicator_delete", args=[approach.slug, indicator.pk]))
    assert not Indicator.objects.exists()
    vuln.refresh_from_db()
    assert not vuln.indicators.exists()
