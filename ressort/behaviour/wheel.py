"""The Behaviour Change Wheel shipped with Ressort, read from data/behaviour/wheel.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ressort.analysis.behaviour_wheel import Wheel

SHIPPED = Path(__file__).resolve().parents[2] / "data" / "behaviour" / "wheel.yaml"


@dataclass(frozen=True, slots=True)
class WheelData:
    wheel: Wheel
    source: dict[str, str]
    examples_source: dict[str, str]
    components: dict[str, dict[str, str]]  # code → label, definition, question, family
    functions: dict[str, dict[str, str]]  # code → label, definition, example


@cache
def read_wheel(path: Path = SHIPPED) -> WheelData:
    import yaml

    raw: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return WheelData(
        wheel=Wheel.build(str(raw["version"]), raw["links"]),
        source=raw["source"],
        examples_source=raw["examples_source"],
        components={c["code"]: c for c in raw["components"]},
        functions={f["code"]: f for f in raw["functions"]},
    )


def component_choices() -> list[tuple[str, str]]:
    return [(code, c["label"]) for code, c in read_wheel().components.items()]


def function_choices() -> list[tuple[str, str]]:
    return [(code, f["label"]) for code, f in read_wheel().functions.items()]
