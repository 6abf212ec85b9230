"""The background maps offered under every map, as configuration (not code).

By default the State's Géoplateforme (IGN) — Plan IGN and orthophotos — beside
OpenStreetMap, as public services publish their maps. An operator replaces the list with
`RESSORT_TILE_LAYERS` (JSON), or sets one layer with `RESSORT_TILE_URL` and
`RESSORT_TILE_ATTRIBUTION`; `RESSORT_TILE_URL=aucun` shows the contours alone (offline).
The maps' scripts read the list from the page (ressort/static/ressort/basemaps.js).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

GEOPF_WMTS = (
    "https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER={layer}"
    "&STYLE=normal&TILEMATRIXSET=PM&FORMAT={format}&TILEMATRIX={{z}}&TILEROW={{y}}&TILECOL={{x}}"
)
IGN_ATTRIBUTION = "© IGN – Géoplateforme"


@dataclass(frozen=True, slots=True)
class Basemap:
    name: str
    url: str
    attribution: str
    max_zoom: int = 19


DEFAULT_BASEMAPS = (
    Basemap(
        "Plan IGN",
        GEOPF_WMTS.format(layer="GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2", format="image/png"),
        IGN_ATTRIBUTION,
    ),
    Basemap(
        "Photographies aériennes (IGN)",
        GEOPF_WMTS.format(layer="ORTHOIMAGERY.ORTHOPHOTOS", format="image/jpeg"),
        IGN_ATTRIBUTION,
    ),
    Basemap(
        "OpenStreetMap",
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "© contributeurs OpenStreetMap",
    ),
)


def read_basemaps(layers_json: str, url: str, attribution: str) -> list[Basemap]:
    """The configured layers; a French error naming the variable when they are malformed."""
    if layers_json.strip():
        try:
            raw = json.loads(layers_json)
            return [
                Basemap(
                    str(item["nom"]),
                    str(item["url"]),
                    str(item["attribution"]),
                    int(item.get("zoom_max", 19)),
                )
                for item in raw
            ]
        except (ValueError, TypeError, KeyError) as exc:
            raise ValueError(
                "RESSORT_TILE_LAYERS : liste JSON attendue, chaque fond avec « nom », « url » "
                f"et « attribution » (et « zoom_max » facultatif) — {exc}"
            ) from exc
    if url.strip().lower() == "aucun":
        return []
    if url.strip():
        return [Basemap("Fond de carte", url.strip(), attribution.strip() or "Fond de carte")]
    return list(DEFAULT_BASEMAPS)


def as_json(basemaps: list[Basemap]) -> list[dict[str, object]]:
    return [asdict(b) for b in basemaps]


# Aerial imagery for photo-interpretation (ressort/aerial): today's orthophotos beside
# historical aerial photographs, from the Géoplateforme's WMTS (layers of the IGN catalogue
# « ORTHOIMAGERY.* »). `periode` says when each was taken; the page pairs one « then » with
# one « now ». An operator replaces the list with `RESSORT_AERIAL_LAYERS` (same JSON as
# RESSORT_TILE_LAYERS, plus « periode »), or `RESSORT_AERIAL_LAYERS=aucun` (offline: the
# team's own georeferenced images only).
@dataclass(frozen=True, slots=True)
class AerialLayer:
    name: str
    url: str
    attribution: str
    period: str
    max_zoom: int = 19


DEFAULT_AERIAL_LAYERS = (
    AerialLayer(
        "Photographies aériennes actuelles (IGN)",
        GEOPF_WMTS.format(layer="ORTHOIMAGERY.ORTHOPHOTOS", format="image/jpeg"),
        IGN_ATTRIBUTION,
        "actuelle",
    ),
    AerialLayer(
        "Photographies aériennes 2000–2005 (IGN)",
        GEOPF_WMTS.format(layer="ORTHOIMAGERY.ORTHOPHOTOS2000-2005", format="image/jpeg"),
        IGN_ATTRIBUTION,
        "2000–2005",
        18,
    ),
    AerialLayer(
        "Photographies aériennes 1950–1965 (IGN)",
        GEOPF_WMTS.format(layer="ORTHOIMAGERY.ORTHOPHOTOS.1950-1965", format="image/png"),
        IGN_ATTRIBUTION,
        "1950–1965",
        18,
    ),
)


def read_aerial_layers(layers_json: str) -> list[AerialLayer]:
    """The configured aerial layers; a French error naming the variable when malformed."""
    text = layers_json.strip()
    if not text:
        return list(DEFAULT_AERIAL_LAYERS)
    if text.lower() == "aucun":
        return []
    try:
        return [
            AerialLayer(
                str(item["nom"]),
                str(item["url"]),
                str(item["attribution"]),
                str(item["periode"]),
                int(item.get("zoom_max", 19)),
            )
            for item in json.loads(text)
        ]
    except (ValueError, TypeError, KeyError) as exc:
        raise ValueError(
            "RESSORT_AERIAL_LAYERS : liste JSON attendue, chaque couche avec « nom », « url », "
            f"« attribution » et « periode » (et « zoom_max » facultatif) — {exc}"
        ) from exc
