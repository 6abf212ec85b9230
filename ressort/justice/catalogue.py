"""The justice brique's catalogue (data/justice/justice.yaml), read by one function."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

PATH = Path(__file__).resolve().parents[2] / "data" / "justice" / "justice.yaml"


@dataclass(frozen=True, slots=True)
class Remedy:
    code: str
    label: str
    summary: str


@dataclass(frozen=True, slots=True)
class Outreach:
    code: str
    label: str
    suggestions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Catalogue:
    version: str
    source: str
    remedies: tuple[Remedy, ...]
    outreach: dict[str, Outreach]
    insee: dict[str, tuple[str, str]]  # INSEE variable without its year prefix → (group, dimension)


@cache
def load() -> Catalogue:
    raw = yaml.safe_load(PATH.read_text(encoding="utf-8"))
    return Catalogue(
        version=str(raw["version"]),
        source=" ".join(str(raw["source"]).split()),
        remedies=tuple(
            Remedy(code, item["label"], " ".join(item["summary"].split()))
            for code, item in raw["remedies"].items()
        ),
        outreach={
            code: Outreach(code, item["label"], tuple(item["suggestions"]))
            for code, item in raw["outreach"].items()
        },
        insee={code: (group, dim) for code, (group, dim) in raw["insee"].items()},
    )
