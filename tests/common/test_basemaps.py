"""Background maps as configuration: IGN's Géoplateforme by default, beside OpenStreetMap."""

from __future__ import annotations

import json
from typing import Any

import pytest

from ressort.basemaps import DEFAULT_BASEMAPS, read_basemaps


def test_default_is_plan_ign_then_orthophotos_then_openstreetmap() -> None:
    layers = read_basemaps("", "", "")
    assert [b.name for b in layers] == [
        "Plan IGN",
        "Photographies aériennes (IGN)",
        "OpenStreetMap",
    ]
    assert "LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2" in layers[0].url
    assert "{z}" in layers[0].url and "{x}" in layers[0].url and "{y}" in layers[0].url
    assert layers[0].attribution == "© IGN – Géoplateforme"


def test_one_layer_from_url_and_attribution_or_none() -> None:
    (only,) = read_basemaps("", "https://tuiles.exemple.fr/{z}/{x}/{y}.png", "© Région")
    assert only.url.startswith("https://tuiles.exemple.fr/") and only.attribution == "© Région"
    assert read_basemaps("", "aucun", "") == []


def test_a_list_of_layers_and_a_malformed_one() -> None:
    layers = read_basemaps(
        json.dumps([{"nom": "Cadastre", "url": "https://c/{z}/{x}/{y}", "attribution": "© DGFiP"}]),
        "",
        "",
    )
    assert [(b.name, b.attribution, b.max_zoom) for b in layers] == [("Cadastre", "© DGFiP", 19)]
    with pytest.raises(ValueError, match=r"RESSORT_TILE_LAYERS.*« attribution »"):
        read_basemaps('[{"nom": "X", "url": "u"}]', "", "")
    with pytest.raises(ValueError, match="RESSORT_TILE_LAYERS"):
        read_basemaps("pas du json", "", "")


def test_every_page_carries_the_configuration_for_the_map_scripts(
    client: Any, db: Any, settings: Any
) -> None:
    page = client.get("/accessibilite/").content.decode()
    start = page.index('<script id="rs-basemaps" type="application/json">') + len(
        '<script id="rs-basemaps" type="application/json">'
    )
    config = json.loads(page[start : page.index("</script>", start)])
    assert [b["name"] for b in config] == [b.name for b in DEFAULT_BASEMAPS]
    assert "ressort/basemaps.js" in page
