"""From commune figures to a perimeter figure, by the rule the indicator catalogue declares.

The rules (data/opendata/catalogue.yaml, field `agregation`):

- ``somme``: counts and surfaces add up (installations, hectares consumed);
- ``moyenne_ponderee_population``: a rate published per commune becomes the mean of the
  communes' rates weighted by their population, Σ vᵢ·pᵢ / Σ pᵢ (the usual approximation
  when numerators are not published; exact when the rate's denominator is proportional to
  the population);
- ``ratio``: Σ numeratorsᵢ / Σ denominatorsᵢ × 100 (e.g. conforming samples over samples);
- ``par_habitant``: Σ vᵢ / Σ pᵢ over the perimeter's population (withdrawals per inhabitant);
- ``max``: the largest commune value (the worst station, the commune with most risks);
- ``jours_distincts``: the number of distinct days on which at least one commune met the
  condition (a day counted once, however many communes).

A commune without a figure is left out, never counted as zero; a rule that ends with no
figure at all returns None. Pure module: no Django.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

RULES = (
    "somme",
    "moyenne_ponderee_population",
    "ratio",
    "par_habitant",
    "max",
    "jours_distincts",
)


@dataclass(frozen=True)
class Part:
    """One commune's contribution: a value, or a numerator and a denominator, or days."""

    place: str
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    days: frozenset[str] = field(default_factory=frozenset)


class UnknownRule(ValueError):
    pass


def aggregate(rule: str, parts: Iterable[Part], population: dict[str, float]) -> float | None:
    """The perimeter value of `parts` by `rule`; `population` gives each place's weight."""
    rows = list(parts)
    if rule == "somme":
        values = [p.value for p in rows if p.value is not None]
        return float(sum(values)) if values else None
    if rule == "max":
        values = [p.value for p in rows if p.value is not None]
        return float(max(values)) if values else None
    if rule == "moyenne_ponderee_population":
        weighted = [
            (p.value, population.get(p.place, 0.0))
            for p in rows
            if p.value is not None and population.get(p.place)
        ]
        total = sum(w for _, w in weighted)
        if not weighted or total <= 0:
            return None
        return sum(v * w for v, w in weighted) / total
    if rule == "ratio":
        pairs = [
            (p.numerator, p.denominator)
            for p in rows
            if p.numerator is not None and p.denominator is not None
        ]
        denominator = sum(d for _, d in pairs)
        if not pairs or denominator <= 0:
            return None
        return 100.0 * sum(n for n, _ in pairs) / denominator
    if rule == "par_habitant":
        values = [p.value for p in rows if p.value is not None]
        inhabitants = sum(population.values())
        if not values or inhabitants <= 0:
            return None
        return float(sum(values)) / inhabitants
    if rule == "jours_distincts":
        if not rows:
            return None
        days: set[str] = set()
        for p in rows:
            days |= p.days
        return float(len(days))
    raise UnknownRule(f"Règle d'agrégation inconnue : « {rule} ».")
