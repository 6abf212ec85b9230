"""The offer as contracted, read from data/method/offre.yaml by one function.

Per step of the method and per depth (léger, standard, approfondi): the expected activities,
deliverables, typical duration and indicative days; per complementary brique the same; and
the rules that suggest a depth from the authority's size and kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ressort.analysis.depth import Rule, suggest_depth
from ressort.approaches.method import MODULE_CODES, STEP_CODES

OFFER_FILE = Path(__file__).resolve().parents[2] / "data" / "method" / "offre.yaml"
DEPTHS = ("leger", "standard", "approfondi")
CUSTOM_KIND = "regroupement"


@dataclass(frozen=True, slots=True)
class Depth:
    code: str
    label: str
    summary: str


@dataclass(frozen=True, slots=True)
class Expectation:
    """What a step at one depth (or a brique) is expected to involve and produce."""

    activities: tuple[str, ...]
    deliverables: tuple[str, ...]
    duration: str
    days: float


@dataclass(frozen=True, slots=True)
class Offer:
    version: str
    source: str
    depths: dict[str, Depth]
    steps: dict[str, dict[str, Expectation]]  # step code → depth code → expectation
    modules: dict[str, Expectation]
    suggestion: dict[str, tuple[Rule, ...]]
    thresholds: dict[str, dict[str, int]]  # depth → name → minimum, for the checklists

    def expected(self, step: str, depth: str) -> Expectation:
        return self.steps[step][depth]

    def suggest(self, kind: str, population: int | None) -> str:
        rules = self.suggestion.get(kind) or self.suggestion[CUSTOM_KIND]
        return suggest_depth(population, rules)

    def depth_label(self, code: str) -> str:
        return self.depths[code].label if code in self.depths else code


def _expectation(raw: dict[str, object], where: str) -> Expectation:
    try:
        return Expectation(
            activities=tuple(str(a) for a in raw.get("activities") or ()),  # type: ignore[attr-defined]
            deliverables=tuple(str(d) for d in raw["deliverables"]),  # type: ignore[attr-defined]
            duration=str(raw["duration"]),
            days=float(raw["days"]),  # type: ignore[arg-type]
        )
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(
            f"{OFFER_FILE.name}, {where}\u00a0: champ manquant ou invalide ({error})."
        ) from error


@lru_cache(maxsize=1)
def load_offer() -> Offer:
    """The offer file, checked against the method's codes (a French error names the place)."""
    raw = yaml.safe_load(OFFER_FILE.read_text(encoding="utf-8"))
    depths = {
        code: Depth(code, str(d["label"]), str(d["summary"])) for code, d in raw["depths"].items()
    }
    if tuple(depths) != DEPTHS:
        raise ValueError(f"{OFFER_FILE.name}\u00a0: profondeurs attendues {', '.join(DEPTHS)}.")
    steps: dict[str, dict[str, Expectation]] = {}
    for code in STEP_CODES:
        per_depth = raw["steps"].get(code)
        if not per_depth or set(per_depth) != set(DEPTHS):
            raise ValueError(f"{OFFER_FILE.name}, étape {code} : les trois profondeurs manquent.")
        steps[code] = {d: _expectation(per_depth[d], f"étape {code}, {d}") for d in DEPTHS}
    modules = {
        code: _expectation(raw["modules"][code], f"brique {code}")
        for code in MODULE_CODES
        if code in raw["modules"]
    }
    suggestion = {
        kind: tuple((None if t is None else int(t), str(d)) for t, d in rules)
        for kind, rules in raw["suggestion"].items()
    }
    for kind, rules in suggestion.items():
        if any(d not in DEPTHS for _, d in rules) or rules[-1][0] is not None:
            raise ValueError(f"{OFFER_FILE.name}, suggestion {kind}\u00a0: règle invalide.")
    thresholds = {d: {k: int(v) for k, v in raw["thresholds"][d].items()} for d in DEPTHS}
    return Offer(
        thresholds=thresholds,
        version=str(raw["version"]),
        source=" ".join(str(raw["source"]).split()),
        depths=depths,
        steps=steps,
        modules=modules,
        suggestion=suggestion,
    )
