"""The training catalogue shipped with Ressort, read from data/training/catalogue.yaml.

`read_catalogue` is the one reader of the file; `load_catalogue` creates the shipped modules
that the instance does not have yet (by code) and never overwrites a module that an operator
has since edited in the administration. It is idempotent: the catalogue page and the demo
call it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet

from ressort.analysis.training_paths import ModuleInfo
from ressort.approaches.models import Approach
from ressort.training.models import Audience, Format, Module, Trade

SHIPPED = Path(__file__).resolve().parents[2] / "data" / "training" / "catalogue.yaml"


@dataclass(frozen=True, slots=True)
class Catalogue:
    version: str
    source: str
    topics: dict[str, str]  # code → label
    modules: list[dict[str, Any]]


@cache
def read_catalogue(path: Path = SHIPPED) -> Catalogue:
    import yaml

    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    topics = {t["code"]: t["label"] for t in raw["topics"]}
    codes = {m["code"] for m in raw["modules"]}
    faults = []
    for m in raw["modules"]:
        where = f"module «\u00a0{m.get('code')}\u00a0»"
        faults += [
            f"{where} : public « {a} » inconnu" for a in m["audiences"] if a not in Audience.values
        ]
        faults += [
            f"{where} : métier « {t} » inconnu" for t in m["trades"] if t not in Trade.values
        ]
        faults += [f"{where} : thème « {t} » inconnu" for t in m["topics"] if t not in topics]
        faults += [
            f"{where} : prérequis « {p} » inconnu" for p in m["prerequisites"] if p not in codes
        ]
        if m["format"] not in Format.values:
            faults.append(f"{where}\u00a0: format «\u00a0{m['format']}\u00a0» inconnu")
    if faults:
        raise ValueError("Catalogue de formation\u00a0: " + "\u00a0; ".join(faults) + ".")
    return Catalogue(str(raw["version"]), raw["source"].strip(), topics, raw["modules"])


def topic_labels() -> dict[str, str]:
    return read_catalogue().topics


@transaction.atomic
def load_catalogue() -> int:
    """Create the shipped modules the instance lacks; returns how many were created."""
    catalogue = read_catalogue()
    existing = set(Module.objects.filter(approach=None).values_list("code", flat=True))
    created: dict[str, Module] = {}
    for m in catalogue.modules:
        if m["code"] in existing:
            continue
        created[m["code"]] = Module.objects.create(
            approach=None,
            code=m["code"],
            title=m["title"],
            objectives="\n".join(m["objectives"]),
            audiences=list(m["audiences"]),
            trades=list(m["trades"]),
            duration_hours=Decimal(str(m["duration_hours"])),
            format=m["format"],
            elements=list(m["elements"]),
            topics=list(m["topics"]),
            phase=str(m["phase"]),
            materials=m["materials"],
            source=m["source"],
            catalogue_version=catalogue.version,
        )
    if created:
        by_code = {x.code: x for x in Module.objects.filter(approach=None)}
        for m in catalogue.modules:
            if m["code"] in created:
                created[m["code"]].prerequisites.set(by_code[p] for p in m["prerequisites"])
    return len(created)


def modules_for(approach: Approach) -> QuerySet[Module]:
    """The instance's catalogue and the démarche's own modules."""
    return Module.objects.filter(Q(approach=None) | Q(approach=approach))


def module_infos(modules: QuerySet[Module]) -> list[ModuleInfo]:
    return [
        ModuleInfo(
            code=str(m.pk),
            audiences=tuple(m.audiences),
            trades=tuple(m.trades),
            phase=m.phase,
            topics=tuple(m.topics),
            prerequisites=tuple(str(p.pk) for p in m.prerequisites.all()),
            format=m.format,
        )
        for m in modules.prefetch_related("prerequisites").order_by("phase", "pk")
    ]
