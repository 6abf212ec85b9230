"""Indicator pages: rights, creation, values, deletion, official figures."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from ressort.portrait.models import Indicator, IndicatorValue, Scope
from tests.conftest import page_text
from tests.portrait.conftest import client_for


def test_outsider_gets_404_and_partner_reads_only(
    approach: Any, personas: Any, make_indicator: Any
) -> None:
    indicator = make_indicator("x", (2020, 1.0))
    urls = [
        reverse("portrait:indicators", args=[approach.slug]),
        reverse("portrait:indicator", args=[approach.slug, indicator.pk]),
    ]
    for url in urls:
        assert client_for(personas["outsider"]).get(url).status_code == 404
        assert client_for(personas["partenaire"]).get(url).status_code == 200
        assert Client().get(url).status_code == 302
    partner = client_for(personas["partenaire"])
    assert partner.get(reverse("portrait:indicator_add", args=[approach.slug])).status_code == 403
    assert (
        partner.post(
            reverse("portrait:value_add", args=[approach.slug, indicator.pk]), {}
        ).status_code
        == 403
    )
    # another démarche's indicator is a 404 even for its URL under this démarche
    other = Indicator.objects.create(
        approach=personas["other_approach"], code="y", name="y", unit="%", source="s"
    )
    facil = client_for(personas["facilitateur"])
    assert (
        facil.get(reverse("portrait:indicator", args=[approach.slug, other.pk])).status_code == 404
    )


def test_create_enter_value_edit_delete(approach: Any, personas: Any) -> None:
    client = client_for(personas["equipe"])
    response = client.post(
        reverse("portrait:indicator_add", args=[approach.slug]),
        {
            "name": "Part de logements décents",
            "code": "logement",
            "unit": "%",
            "source": "INSEE",
            "direction": "higher",
            "social_floor": "95",
            "dimension_codes": ["housing"],
        },
    )
    indicator = Indicator.objects.get(code="logement")
    assert response.status_code == 302 and indicator.dimension_codes == ["housing"]
    url = reverse("portrait:value_add", args=[approach.slug, indicator.pk])
    assert (
        client.post(url, {"place": "perimetre", "year": "2021", "value": "80"}).status_code == 302
    )
    assert client.post(url, {"place": "france", "year": "2021", "value": "90"}).status_code == 302
    response = client.post(url, {"place": "autre", "insee": "00000", "year": "2021", "value": "1"})
    t = page_text(response)
    assert "Code «\u00a000000\u00a0» inconnu" in t
    assert IndicatorValue.objects.count() == 2
    listing = page_text(client.get(reverse("portrait:indicators", args=[approach.slug])))
    assert "Part de logements décents" in listing and "80" in listing and "90" in listing
    value = IndicatorValue.objects.get(scope=Scope.PERIMETER)
    client.post(
        reverse("portrait:value_edit", args=[approach.slug, indicator.pk, value.pk]),
        {"place": "perimetre", "year": "2021", "value": "85"},
    )
    value.refresh_from_db()
    assert value.value == 85
    client.post(reverse("portrait:value_delete", args=[approach.slug, indicator.pk, value.pk]))
    assert IndicatorValue.objects.count() == 1
    client.post(reverse("portrait:indicator_delete", args=[approach.slug, indicator.pk]))
    assert not Indicator.objects.exists() and not IndicatorValue.objects.exists()


def test_value_edit_keeps_typed_figures_and_names_a_clash(
    approach: Any, personas: Any, make_indicator: Any
) -> None:
    indicator = make_indicator("eau", (2020, 10.0), (2021, 12.5))
    value = IndicatorValue.objects.get(year=2021)
    url = reverse("portrait:value_edit", args=[approach.slug, indicator.pk, value.pk])
    client = client_for(personas["equipe"])
    shown = page_text(client.get(url))
    assert 'value="12,5"' in shown and 'value="2021"' in shown
    response = client.post(
        url, {"place": "perimetre", "year": "2020", "value": "13,25", "source_note": "relevé"}
    )
    text = page_text(response)
    assert response.status_code == 200
    assert "Une valeur existe déjà pour ce lieu et cette année." in text
    assert 'value="13,25"' in text and 'value="2020"' in text and 'value="relevé"' in text
    value.refresh_from_db()
    assert (value.year, value.value) == (2021, 12.5)


def test_zero_threshold_and_duplicate_code_refused(
    approach: Any, personas: Any, make_indicator: Any
) -> None:
    make_indicator("pris")
    response = client_for(personas["facilitateur"]).post(
        reverse("portrait:indicator_add", args=[approach.slug]),
        {
            "name": "n",
            "code": "pris",
            "unit": "%",
            "source": "s",
            "direction": "higher",
            "social_floor": "0",
        },
    )
    text = page_text(response)
    assert "Un seuil nul" in text and "porte déjà ce code" in text
    assert Indicator.objects.count() == 1


def test_official_figures_for_free(approach: Any, personas: Any, territories: Any) -> None:
    client = client_for(personas["facilitateur"])
    client.post(reverse("portrait:indicator_official", args=[approach.slug]))
    population = Indicator.objects.get(approach=approach, computed_from="population")
    own = population.values.get(scope=Scope.PERIMETER)
    assert own.value == 29816 + 19018
    density = Indicator.objects.get(approach=approach, computed_from="density")
    assert density.values.get(scope=Scope.PERIMETER).value == pytest.approx(48834 / 61.0, abs=0.01)
    # France is every current commune; the département gets its members' sum
    assert population.values.get(scope=Scope.FRANCE).value == 29816 + 19018 + 30000
    assert population.values.get(territory=territories["dep"]).value == 29816 + 19018 + 30000
    # refreshing does not duplicate
    client.post(reverse("portrait:indicator_official", args=[approach.slug]))
    assert Indicator.objects.filter(approach=approach).count() == 4


def test_import_page_shows_faults_and_imports_nothing(
    approach: Any, personas: Any, make_indicator: Any
) -> None:
    make_indicator("chomage")
    client = client_for(personas["facilitateur"])
    url = reverse("portrait:import", args=[approach.slug])
    bad = SimpleUploadedFile(
        "v.csv", b"Indicateur;Code INSEE;Ann\xc3\xa9e;Valeur\nchomage;99999;2020;1\n"
    )
    text = page_text(client.post(url, {"file": bad}))
    assert "rien n’a été importé" in text and "Ligne 2, colonne «\u00a0Code INSEE\u00a0»" in text
    good = SimpleUploadedFile(
        "v.csv", b"Indicateur;Code INSEE;Ann\xc3\xa9e;Valeur\nchomage;38053;2020;1\n"
    )
    assert client.post(url, {"file": good}).status_code == 302
    assert IndicatorValue.objects.count() == 1
    assert client_for(personas["partenaire"]).get(url).status_code == 403


def test_value_in_french_notation(approach: Any, personas: Any, make_indicator: Any) -> None:
    indicator = make_indicator("x")
    url = reverse("portrait:value_add", args=[approach.slug, indicator.pk])
    client = client_for(personas["facilitateur"])
    response = client.post(url, {"place": "perimetre", "year": "2021", "value": "beaucoup"})
    assert "«\u00a0beaucoup\u00a0» n’est pas un nombre" in page_text(response)
    client.post(url, {"place": "perimetre", "year": "2021", "value": "12,5"})
    assert IndicatorValue.objects.get().value == 12.5
