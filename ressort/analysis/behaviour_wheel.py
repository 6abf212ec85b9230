"""Intervention functions suggested from a COM-B diagnosis (the Behaviour Change Wheel).

Method: Michie, van Stralen & West (2011), « The behaviour change wheel: a new method for
characterising and designing behaviour change interventions », Implementation Science 6:42,
and Michie, Atkins & West (2014), The Behaviour Change Wheel: A Guide to Designing
Interventions, chapter 2: a behaviour (B) occurs when capability (C), opportunity (O) and
motivation (M) allow it; the components that a diagnosis finds need to change point, through
the published links, to the intervention functions that can change them.

Rule used here, so that the page can explain each suggestion:
- a component *needs change* when the diagnosis records at least one barrier under it; its
  weight is the sum of its barriers' strengths (1 to 3), levers already in place are shown
  but do not cancel a barrier;
- an intervention function's score is the sum of the weights of the components needing
  change that it is linked to; every function with a score above 0 is suggested, highest
  first (the wheel's order breaks ties), with the components that justify it.

The links themselves are data (data/behaviour/wheel.yaml), passed in as a `Wheel`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

COMPONENTS = ("C-Ph", "C-Ps", "O-Ph", "O-So", "M-Re", "M-Au")
FUNCTIONS = (
    "education",
    "persuasion",
    "incentivisation",
    "coercion",
    "training",
    "restriction",
    "environmental_restructuring",
    "modelling",
    "enablement",
)
STRENGTHS = (1, 2, 3)


class Kind(StrEnum):
    BARRIER = "frein"
    LEVER = "levier"


@dataclass(frozen=True, slots=True)
class Wheel:
    """The COM-B → intervention functions links, as published (one version of them)."""

    version: str
    links: Mapping[str, tuple[str, ...]]

    @classmethod
    def build(cls, version: str, links: Mapping[str, Sequence[str]]) -> Wheel:
        faults = [f"composante inconnue « {c} »" for c in links if c not in COMPONENTS]
        faults += [f"composante sans lien « {c} »" for c in COMPONENTS if c not in links]
        for component, functions in links.items():
            faults += [
                f"fonction inconnue « {f} » (composante {component})"
                for f in functions
                if f not in FUNCTIONS
            ]
        if faults:
            allowed = ", ".join(FUNCTIONS)
            raise ValueError("; ".join(faults) + f". Fonctions possibles : {allowed}.")
        return cls(version, {c: tuple(links[c]) for c in COMPONENTS})

    def functions_for(self, component: str) -> tuple[str, ...]:
        return self.links[component]


@dataclass(frozen=True, slots=True)
class Determinant:
    component: str
    kind: Kind
    strength: int  # 1 (faible) to 3 (fort)


@dataclass(frozen=True, slots=True)
class ComponentNeed:
    component: str
    barriers: int  # sum of the barriers' strengths: the weight
    levers: int  # sum of the levers' strengths (shown, not subtracted)

    @property
    def needs_change(self) -> bool:
        return self.barriers > 0


@dataclass(frozen=True, slots=True)
class Suggestion:
    function: str
    score: int
    because: tuple[str, ...]  # the components needing change that it is linked to


@dataclass(frozen=True, slots=True)
class Diagnosis:
    wheel_version: str
    needs: tuple[ComponentNeed, ...]
    suggestions: tuple[Suggestion, ...]

    @property
    def components_to_change(self) -> tuple[str, ...]:
        return tuple(n.component for n in self.needs if n.needs_change)


def validate(determinants: Iterable[Determinant]) -> list[Determinant]:
    items = list(determinants)
    for item in items:
        if item.component not in COMPONENTS:
            raise ValueError(
                f"Composante COM-B inconnue « {item.component} » ; possibles : "
                + ", ".join(COMPONENTS)
            )
        if item.strength not in STRENGTHS:
            raise ValueError(f"Force {item.strength} hors de l'échelle 1 à 3.")
    return items


def suggest(wheel: Wheel, determinants: Iterable[Determinant]) -> Diagnosis:
    """The components needing change and the intervention functions that address them."""
    items = validate(determinants)
    needs = tuple(
        ComponentNeed(
            component,
            sum(d.strength for d in items if d.component == component and d.kind == Kind.BARRIER),
            sum(d.strength for d in items if d.component == component and d.kind == Kind.LEVER),
        )
        for component in COMPONENTS
    )
    weight = {n.component: n.barriers for n in needs if n.needs_change}
    suggestions = []
    for function in FUNCTIONS:
        because = tuple(c for c in COMPONENTS if c in weight and function in wheel.links[c])
        score = sum(weight[c] for c in because)
        if score > 0:
            suggestions.append(Suggestion(function, score, because))
    rank = {f: i for i, f in enumerate(FUNCTIONS)}
    suggestions.sort(key=lambda s: (-s.score, rank[s.function]))
    return Diagnosis(wheel.version, needs, tuple(suggestions))
