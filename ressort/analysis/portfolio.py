"""What an analysis grid says about actions, one by one and as a portfolio.

Each action (or existing policy) has an effect on each dimension of the grid, an integer
from −2 (worsens a lot) to +2 (improves a lot), today and possibly under named scenarios.
From these effects alone this module derives:

- an action's **co-benefits** (the dimensions it improves) and its **points de vigilance**:
  trade-offs between dimensions (it improves one and worsens another) and trade-offs in
  time (it improves a dimension today and worsens it, or worsens it more, under a
  scenario);
- the **portfolio** against the portrait's gaps: for each dimension in shortfall or
  overshoot, which actions improve it and which worsen it, and the gaps no action
  addresses;
- the **conflicts** between actions: two actions pushing one dimension in opposite
  directions, and actions drawing on the same contested resource.

Effects are read as "improves the situation of the dimension", whatever its ring: for a
social foundation, +2 strengthens it; for an ecological ceiling, +2 relieves the pressure.
Pure Python, no Django.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

EFFECT_MIN, EFFECT_MAX = -2, 2
GAP_STATUSES = ("shortfall", "overshoot")

Effects = Mapping[str, int]


def check_effects(effects: Effects) -> None:
    """Raise ValueError unless every effect is an integer in −2 … +2."""
    for code, value in effects.items():
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"effect of {code!r} must be an integer, not {value!r}")
        if not EFFECT_MIN <= value <= EFFECT_MAX:
            raise ValueError(f"effect of {code!r} must lie in −2 … +2, not {value}")


@dataclass(frozen=True, slots=True)
class Vigilance:
    """A trade-off. kind "dimension": `helped` improves while `harmed` worsens (today).
    kind "scenario": `harmed` (== `helped`) has effect `today` now and `under` under
    `scenario`, which is worse and negative."""

    kind: str
    helped: str
    harmed: str
    today: int
    under: int
    scenario: str = ""


@dataclass(frozen=True, slots=True)
class Profile:
    co_benefits: tuple[str, ...]  # improved today, strongest first
    harmed: tuple[str, ...]  # worsened today or under some scenario, worst first
    vigilance: tuple[Vigilance, ...]
    balance: int  # sum of today's effects

    @property
    def is_co_beneficial(self) -> bool:
        return len(self.co_benefits) >= 2


def profile(
    today: Effects,
    scenarios: Mapping[str, Effects] | None = None,
    order: Sequence[str] | None = None,
) -> Profile:
    """Co-benefits and points de vigilance of one action.

    `order` (the grid's dimension codes) breaks ties between equal effects; by default the
    codes' sorted order.
    """
    scenarios = scenarios or {}
    check_effects(today)
    for effects in scenarios.values():
        check_effects(effects)
    position = {code: i for i, code in enumerate(order or sorted(today))}

    def key(code: str) -> tuple[int, str]:
        return (position.get(code, len(position)), code)

    helped = sorted((c for c, v in today.items() if v > 0), key=lambda c: (-today[c], key(c)))
    harmed_today = sorted((c for c, v in today.items() if v < 0), key=lambda c: (today[c], key(c)))
    vigilance = [
        Vigilance("dimension", h, w, today[h], today[w]) for w in harmed_today for h in helped
    ]
    worst: dict[str, int] = {c: today[c] for c in harmed_today}
    for name in sorted(scenarios):
        for code, under in sorted(scenarios[name].items(), key=lambda kv: key(kv[0])):
            now = today.get(code, 0)
            if under < 0 and under < now:
                vigilance.append(Vigilance("scenario", code, code, now, under, name))
            if under < 0:
                worst[code] = min(worst.get(code, 0), under)
    harmed = tuple(sorted(worst, key=lambda c: (worst[c], key(c))))
    return Profile(tuple(helped), harmed, tuple(vigilance), sum(today.values()))


@dataclass(frozen=True, slots=True)
class GapCoverage:
    code: str
    status: str  # "shortfall" or "overshoot"
    improving: tuple[str, ...]  # actions with a positive effect, strongest first
    worsening: tuple[str, ...]  # actions with a negative effect, worst first

    @property
    def addressed(self) -> bool:
        return bool(self.improving)


@dataclass(frozen=True, slots=True)
class Portfolio:
    gaps: tuple[GapCoverage, ...]  # in the order of `gaps`
    unaddressed: tuple[str, ...]  # gap codes that no action improves
    net: Mapping[str, int]  # dimension → sum of every action's effect

    @property
    def worsened_gaps(self) -> tuple[str, ...]:
        """Gaps that at least one action makes worse."""
        return tuple(g.code for g in self.gaps if g.worsening)


def portfolio(actions: Mapping[str, Effects], gaps: Mapping[str, str]) -> Portfolio:
    """All actions (name → today's effects) against the portrait's gaps (dimension code →
    "shortfall" | "overshoot" | "safe" | "missing"); only shortfalls and overshoots are
    gaps."""
    net: dict[str, int] = {}
    for effects in actions.values():
        check_effects(effects)
        for code, value in effects.items():
            net[code] = net.get(code, 0) + value
    coverage = []
    for code, status in gaps.items():
        if status not in GAP_STATUSES:
            continue
        scored = [(name, effects.get(code, 0)) for name, effects in actions.items()]
        improving = tuple(n for n, v in sorted(scored, key=lambda x: -x[1]) if v > 0)
        worsening = tuple(n for n, v in sorted(scored, key=lambda x: x[1]) if v < 0)
        coverage.append(GapCoverage(code, status, improving, worsening))
    return Portfolio(tuple(coverage), tuple(g.code for g in coverage if not g.addressed), dict(net))


@dataclass(frozen=True, slots=True)
class OppositePush:
    """Two actions pushing one dimension in opposite directions."""

    dimension: str
    improving: str
    improving_effect: int
    worsening: str
    worsening_effect: int

    @property
    def severity(self) -> int:
        return min(self.improving_effect, -self.worsening_effect)


def _sides(
    actions: Mapping[str, Effects],
) -> list[tuple[str, list[tuple[str, int]], list[tuple[str, int]]]]:
    """Per dimension (by code): the improving and the worsening actions, by name."""
    for effects in actions.values():
        check_effects(effects)
    codes = sorted({c for effects in actions.values() for c in effects})
    out = []
    for code in codes:
        plus = sorted((n, e[code]) for n, e in actions.items() if e.get(code, 0) > 0)
        minus = sorted((n, e[code]) for n, e in actions.items() if e.get(code, 0) < 0)
        out.append((code, plus, minus))
    return out


def count_opposite_pushes(actions: Mapping[str, Effects]) -> int:
    """How many opposite pushes there are, without listing them."""
    return sum(len(plus) * len(minus) for _, plus, minus in _sides(actions))


def opposite_pushes(actions: Mapping[str, Effects], limit: int | None = None) -> list[OppositePush]:
    """Every (dimension, improving action, worsening action), most severe first (then by
    dimension, improving and worsening action); with `limit`, only the first `limit`.

    The number of pushes grows as the square of the number of actions (500 actions, half
    improving and half worsening a dimension: 62,500 pushes for that dimension alone), so
    the pushes are produced in their final order, severity level by severity level, and
    the production stops at `limit`: a page showing the first hundred never builds the
    rest (`count_opposite_pushes` says how many there are).
    """
    sides = _sides(actions)
    found: list[OppositePush] = []
    for severity in range(EFFECT_MAX, 0, -1):
        for code, plus, minus in sides:
            for p, pv in plus:
                if pv < severity:
                    continue
                for m, mv in minus:
                    if -mv < severity or min(pv, -mv) != severity:
                        continue
                    found.append(OppositePush(code, p, pv, m, mv))
                    if limit is not None and len(found) >= limit:
                        return found
    return found


@dataclass(frozen=True, slots=True)
class SharedResource:
    resource: str
    actions: tuple[str, ...]


def shared_resources(uses: Mapping[str, Sequence[str]]) -> list[SharedResource]:
    """Resources that two or more actions draw on: `uses` maps an action to its resources.
    Actions are listed in the order of `uses`; resources by name."""
    by_resource: dict[str, list[str]] = {}
    for action, resources in uses.items():
        for resource in dict.fromkeys(resources):
            by_resource.setdefault(resource, []).append(action)
    return [
        SharedResource(r, tuple(names))
        for r, names in sorted(by_resource.items())
        if len(names) >= 2
    ]


def pairs_in_conflict(actions: Mapping[str, Effects]) -> set[frozenset[str]]:
    """The unordered pairs of actions that push at least one dimension in opposite ways."""
    names = list(actions)
    return {
        frozenset((a, b))
        for a, b in combinations(names, 2)
        if any(actions[a].get(c, 0) * actions[b].get(c, 0) < 0 for c in actions[a])
    }
