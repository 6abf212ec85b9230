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
