"""Running the connectors for a démarche: fetch, aggregate to the perimeter, store.

For each connector serving at least one of the démarche's catalogue indicators, one
FetchRecord tells what happened. A connector that fails (timeout, refused, malformed
answer) stores nothing and says, in French, what could not be fetched: the values already
there are kept. A connector that succeeds replaces the figures of the years it fetched
(in one transaction), each with its source, vintage, retrieval date and level; the commune
figures behind an aggregate are stored too (as official-territory values).
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from ressort.analysis.aggregation import aggregate
from ressort.analysis.typography import agree, plural
from ressort.approaches.models import Approach
from ressort.opendata.catalogue import Entry, load_catalogue
from ressort.opendata.connectors import REGISTRY
from ressort.opendata.connectors.base import Commune, Context, Harvest
from ressort.opendata.http import FetchError
from ressort.opendata.models import FetchRecord
from ressort.portrait.models import AGGREGATIONS, Indicator, IndicatorValue, Scope
from ressort.territories.models import Territory, TerritoryType

log = logging.getLogger(__name__)
RULE_LABELS = dict(AGGREGATIONS)


def perimeter(approach: Approach) -> tuple[list[Commune], str]:
    """The démarche's communes, and the EPCI's SIREN when the perimeter is exactly it."""
    communes = list(approach.communes.filter(type=TerritoryType.COMMUNE).order_by("code"))
    epci = ""
    territory = approach.territory
    if territory is not None and territory.type == TerritoryType.EPCI:
        members = set(territory.members().values_list("code", flat=True))
        if members and members == {c.code for c in communes}:
            epci = territory.code
    return [Commune(c.code, c.name, float(c.population or 0)) for c in communes], epci


def connectors_of(approach: Approach) -> dict[str, list[tuple[Entry, Indicator]]]:
    """Connector name → the démarche's catalogue indicators it serves."""
    catalogue = load_catalogue()
    result: dict[str, list[tuple[Entry, Indicator]]] = {}
    for indicator in approach.indicators.exclude(catalogue_code=""):
        entry = catalogue.get(indicator.catalogue_code)
        if entry is not None and entry.connector in REGISTRY:
            result.setdefault(entry.connector, []).append((entry, indicator))
    return result


def _store(
    approach: Approach,
    harvest: Harvest,
    served: dict[str, tuple[Entry, Indicator]],
    communes: list[Commune],
    label: str,
) -> int:
    now = timezone.now()
    population = {c.code: c.population for c in communes}
    territories = {
        t.code: t
        for t in Territory.objects.filter(
            type=TerritoryType.COMMUNE, code__in=[c.code for c in communes]
        )
    }
    stored = 0
    for figure in harvest.figures:
        if figure.code not in served:
            continue
        entry, indicator = served[figure.code]
        rule = indicator.aggregation or entry.aggregation
        value = figure.whole
        note = "Valeur publiée pour l'EPCI"
        if value is None:
            value = aggregate(rule, figure.parts, population)
            places = len([p for p in figure.parts if p.place != "*"])
            note = (
                f"Agrégé de {places} commune{'s' if places > 1 else ''}\u00a0: "
                f"{RULE_LABELS.get(rule, rule).lower()}"
                if places
                else "Total du périmètre"
            )
        if value is None:
            continue
        provenance = {
            "source": f"{label} — {entry.source}"[:300],
            "vintage": figure.vintage[:40],
            "retrieved_at": now,
            "level": figure.level,
            "illustrative": False,
        }
        IndicatorValue.objects.update_or_create(
            indicator=indicator,
            scope=Scope.PERIMETER,
            territory=None,
            year=figure.year,
            defaults={"value": round(value, 4), "source_note": note[:300], **provenance},
        )
        stored += 1
        if figure.whole is None and rule not in ("jours_distincts",):
            for part in figure.parts:
                territory = territories.get(part.place)
                if territory is None or part.value is None:
                    continue
                IndicatorValue.objects.update_or_create(
                    indicator=indicator,
                    scope=Scope.TERRITORY,
                    territory=territory,
                    year=figure.year,
                    defaults={"value": round(part.value, 4), "source_note": "", **provenance},
                )
    return stored


def run_connector(
    approach: Approach,
    name: str,
    *,
    user: Any = None,
    today: datetime.date | None = None,
) -> FetchRecord:
    connector = REGISTRY[name]
    served = {
        entry.code: (entry, indicator) for entry, indicator in connectors_of(approach).get(name, [])
    }
    record = FetchRecord.objects.create(
        approach=approach, connector=name, created_by=user if getattr(user, "pk", None) else None
    )
    communes, epci = perimeter(approach)
    context = Context(
        communes=communes,
        epci_code=epci,
        entries=[entry for entry, _ in served.values()],
        today=today or timezone.localdate(),
    )
    try:
        if not communes:
            raise FetchError(f"{connector.label} : le périmètre de la démarche n'a aucune commune.")
        harvest = connector.fetch(context)
        with transaction.atomic():
            stored = _store(approach, harvest, served, communes, connector.label)
            seeded = 0
            if harvest.shocks:
                from ressort.opendata import shocks

                seeded = shocks.seed(approach, harvest.shocks)
    except FetchError as error:
        record.status = FetchRecord.Status.FAILED
        record.message = f"{error} Les valeurs déjà enregistrées sont conservées."
    except Exception:  # a connector's bug must not lose the other sources
        log.exception("open-data connector %s failed", name)
        record.status = FetchRecord.Status.FAILED
        record.message = (
            f"{connector.label}\u00a0: erreur inattendue pendant la lecture de la réponse. "
            "Les valeurs déjà enregistrées sont conservées."
        )
    else:
        record.values = stored
        if stored or seeded:
            record.status = FetchRecord.Status.DONE
            record.message = f"{plural(stored, 'valeur')} {agree(stored, 'enregistrée')}"
            if seeded:
                record.message += f", {plural(seeded, 'choc')} {agree(seeded, 'ajouté')} à la frise"
            record.message += "."
        else:
            record.status = FetchRecord.Status.EMPTY
            record.message = (
                f"{connector.label}\u00a0: aucune donnée publiée pour les communes du périmètre. "
                "Les valeurs déjà enregistrées sont conservées."
            )
        if harvest.notes:
            record.message += " " + " ".join(harvest.notes)
    record.finished_at = timezone.now()
    record.save()
    return record


def refresh(
    approach: Approach,
    names: Iterable[str] | None = None,
    *,
    user: Any = None,
    today: datetime.date | None = None,
) -> list[FetchRecord]:
    """Run the démarche's connectors (all those its indicators need, or the named ones)."""
    wanted = sorted(connectors_of(approach)) if names is None else list(names)
    return [run_connector(approach, name, user=user, today=today) for name in wanted]


def refresh_all() -> None:
    """The scheduled refresh (RESSORT_OPEN_DATA_REFRESHERS): every démarche using a connector."""
    for approach in Approach.objects.filter(indicators__catalogue_code__gt="").distinct():
        if connectors_of(approach):
            refresh(approach)
