"""Species and protected areas of the perimeter from the national biodiversity open data.

Two services of the Muséum national d'Histoire naturelle (PatriNat: OFB, CNRS, MNHN):
- OpenObs, the national portal of species observations (SINP), whose REST API is described
  at https://openobs.mnhn.fr/api/docs (OpenAPI): the taxa observed in a commune, by its
  INSEE code, with their number of observations;
- the INPN's protected and inventoried areas (Natura 2000, ZNIEFF, réserves, arrêtés de
  protection de biotope…) that touch a commune.

Both answer JSON in the HAL style (`{"_embedded": {<list name>: [...]}}`). The loading is in
two halves so that the tests never touch the network: `fetch` asks the service for each
commune of the perimeter (urllib, with a timeout); `parse_species` / `parse_areas` read one
answer and say in French what is wrong with it; `load` writes the whole lot in one
transaction, or nothing.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from ressort.analysis.typography import agree
from ressort.approaches.models import Approach
from ressort.living.models import ProtectedArea, Species, SpeciesStatus

SOURCE = "OpenObs / INPN (MNHN, PatriNat)"
SPECIES_URL = "https://openobs.mnhn.fr/api/occurrences/taxa"
AREAS_URL = "https://openobs.mnhn.fr/api/territories/municipalities/{code}/protected-areas"
TIMEOUT = 20  # seconds, per request
MAX_ANSWER_BYTES = 5 * 1024 * 1024  # as for an uploaded answer (forms.OpenDataUploadForm)
PAGE_SIZE = 500
USER_AGENT = "Ressort (outil de démarche de résilience territoriale)"


class OpenDataError(ValueError):
    """An answer that cannot be used, explained in French."""


@dataclass(frozen=True, slots=True)
class Taxon:
    taxref_id: int
    scientific_name: str
    vernacular_name: str
    observations: int
    protected: bool
    red_list: str  # IUCN category on the national red list, "" when none


@dataclass(frozen=True, slots=True)
class Area:
    code: str
    name: str
    kind: str


def species_url(commune_code: str) -> str:
    query = urllib.parse.urlencode(
        {"municipalityInseeId": commune_code, "taxonomicRank": "ES", "size": PAGE_SIZE}
    )
    return f"{SPECIES_URL}?{query}"


def areas_url(commune_code: str) -> str:
    return AREAS_URL.format(code=urllib.parse.quote(commune_code))


Opener = Callable[..., Any]


def fetch(url: str, *, opener: Opener = urllib.request.urlopen, timeout: float = TIMEOUT) -> bytes:
    """One GET; every failure becomes an OpenDataError in French."""
    if not url.startswith("https://"):
        raise OpenDataError(
            "Adresse de service refusée\u00a0: seules les adresses https sont permises."
        )
    request = urllib.request.Request(  # noqa: S310 (https only, checked above)
        url, headers={"Accept": "application/json", "User-Agent": USER_AGENT}
    )
    try:
        with opener(request, timeout=timeout) as response:
            data = bytes(response.read(MAX_ANSWER_BYTES + 1))
    except TimeoutError:
        raise OpenDataError(
            f"Le service national n'a pas répondu dans les {timeout:g} secondes\u00a0; "
            "réessayez plus tard."
        ) from None
    except urllib.error.HTTPError as error:
        raise OpenDataError(
            f"Le service national a refusé la demande (erreur {error.code})."
        ) from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise OpenDataError(f"Le service national est injoignable ({reason}).") from None
    if len(data) > MAX_ANSWER_BYTES:
        raise OpenDataError(
            f"La réponse du service national dépasse {MAX_ANSWER_BYTES // (1024 * 1024)} Mo\u00a0: "
            "elle est ignorée."
        )
    return data


def _embedded(data: bytes, key: str, what: str) -> list[Any]:
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise OpenDataError(
            f"La réponse ({what}) n'est pas du JSON lisible\u00a0: {error}."
        ) from None
    if not isinstance(document, dict):
        raise OpenDataError(f"La réponse ({what}) n'a pas la forme attendue (un objet JSON).")
    embedded = document.get("_embedded", {})
    if embedded in ({}, None) and "page" in document:
        return []  # an empty page: nothing observed, nothing protected
    items = embedded.get(key) if isinstance(embedded, dict) else None
    if not isinstance(items, list):
        raise OpenDataError(f"La réponse ({what}) ne contient pas la liste «\u00a0{key}\u00a0».")
    return items


def parse_species(data: bytes) -> list[Taxon]:
    """The species of one OpenObs answer; every faulty entry named by its rank."""
    items = _embedded(data, "taxa", "espèces")
    taxa, faults = [], []
    for rank, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            faults.append(f"espèce n°\u00a0{rank}\u00a0: ce n'est pas un objet")
            continue
        taxref, name = item.get("id"), item.get("scientificName")
        if not isinstance(taxref, int) or taxref <= 0:
            faults.append(
                f"espèce n°\u00a0{rank}\u00a0: identifiant TAXREF «\u00a0id\u00a0» "
                "manquant ou invalide"
            )
            continue
        if not isinstance(name, str) or not name.strip():
            faults.append(
                f"espèce n°\u00a0{rank}\u00a0: nom scientifique "
                "«\u00a0scientificName\u00a0» manquant"
            )
            continue
        count = item.get("occurrenceCount", 0)
        if not isinstance(count, int) or count < 0:
            faults.append(
                f"espèce n°\u00a0{rank}\u00a0: nombre d'observations "
                "«\u00a0occurrenceCount\u00a0» invalide"
            )
            continue
        taxa.append(
            Taxon(
                taxref_id=taxref,
                scientific_name=name.strip()[:200],
                vernacular_name=str(item.get("frenchVernacularName") or "").strip()[:200],
                observations=count,
                protected=bool(item.get("protected", False)),
                red_list=str(item.get("redListCategory") or "").strip()[:4],
            )
        )
    if faults:
        raise OpenDataError(
            "Réponse des espèces invalide\u00a0: " + "\u00a0; ".join(faults[:10]) + "."
        )
    return taxa


def parse_areas(data: bytes) -> list[Area]:
    items = _embedded(data, "protectedAreas", "espaces protégés")
    areas, faults = [], []
    for rank, item in enumerate(items, start=1):
        code = item.get("code") if isinstance(item, dict) else None
        name = item.get("name") if isinstance(item, dict) else None
        if (
            not isinstance(code, str)
            or not code.strip()
            or not isinstance(name, str)
            or not name.strip()
        ):
            faults.append(f"espace n°\u00a0{rank}\u00a0: code ou nom manquant")
            continue
        areas.append(
            Area(code.strip()[:40], name.strip()[:300], str(item.get("type") or "").strip()[:200])
        )
    if faults:
        raise OpenDataError(
            "Réponse des espaces protégés invalide\u00a0: " + "\u00a0; ".join(faults[:10]) + "."
        )
    return areas


THREATENED = {"CR", "EN", "VU"}


@dataclass(frozen=True, slots=True)
class LoadReport:
    species_created: int
    species_updated: int
    areas_created: int

    def message(self) -> str:
        return (
            f"Espèces protégées ou menacées\u00a0: {self.species_created} "
            f"{agree(self.species_created, 'ajoutée')}, {self.species_updated} "
            f"{agree(self.species_updated, 'mise')} à jour\u00a0; espaces protégés\u00a0: "
            f"{self.areas_created} {agree(self.areas_created, 'ajouté')}."
        )


def _status(taxon: Taxon) -> str:
    if taxon.red_list in THREATENED:
        return SpeciesStatus.THREATENED
    if taxon.protected:
        return SpeciesStatus.PROTECTED
    return SpeciesStatus.COMMON


def load(
    approach: Approach, species_answers: Iterable[bytes], area_answers: Iterable[bytes] = ()
) -> LoadReport:
    """Read every answer first (any fault: nothing written), then write in one transaction.

    Only protected or threatened species are kept: a commune's full list runs to thousands
    of taxa, and the diagnosis wants the ones that carry an obligation or a concern. The
    same species seen in several communes adds up its observations.
    """
    taxa: dict[int, Taxon] = {}
    counts: dict[int, int] = {}
    for answer in species_answers:
        for taxon in parse_species(answer):
            if taxon.protected or taxon.red_list in THREATENED:
                taxa.setdefault(taxon.taxref_id, taxon)
                counts[taxon.taxref_id] = counts.get(taxon.taxref_id, 0) + taxon.observations
    areas: dict[str, Area] = {}
    for answer in area_answers:
        for area in parse_areas(answer):
            areas.setdefault(area.code, area)
    created = updated = areas_created = 0
    with transaction.atomic():
        for taxref_id, taxon in taxa.items():
            existing = Species.objects.filter(approach=approach, taxref_id=taxref_id).first()
            if existing:
                existing.observation_count = counts[taxref_id]
                existing.source = SOURCE
                existing.save(update_fields=["observation_count", "source"])
                updated += 1
                continue
            name = taxon.vernacular_name or taxon.scientific_name
            if Species.objects.filter(approach=approach, name=name).exists():
                name = f"{name} ({taxon.scientific_name})"[:200]
            Species.objects.create(
                approach=approach,
                name=name,
                scientific_name=taxon.scientific_name,
                taxref_id=taxref_id,
                status=_status(taxon),
                observation_count=counts[taxref_id],
                source=SOURCE,
            )
            created += 1
        for area in areas.values():
            _, made = ProtectedArea.objects.get_or_create(
                approach=approach,
                code=area.code,
                defaults={"name": area.name, "kind": area.kind, "source": SOURCE},
            )
            areas_created += made
    return LoadReport(created, updated, areas_created)


def fetch_perimeter(approach: Approach, *, opener: Opener = urllib.request.urlopen) -> LoadReport:
    """Ask the national services for each commune of the perimeter, then load."""
    codes = list(approach.communes.values_list("code", flat=True))
    if not codes:
        raise OpenDataError("Le périmètre de la démarche ne compte aucune commune.")
    species = [fetch(species_url(code), opener=opener) for code in codes]
    areas = [fetch(areas_url(code), opener=opener) for code in codes]
    return load(approach, species, areas)
