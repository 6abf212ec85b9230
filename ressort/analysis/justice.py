"""A just transition: who gains, who bears the cost and who risks being left out of an
action plan, per population group; who took part compared with who lives there; how
acceptable and affordable each measure is, per group.

The reading follows the distributive analysis of climate policies (I4CE and France
Stratégie, « Les incidences économiques de l'action pour le climat », rapport
Pisani-Ferry & Mahfouz, 2023, ch. 6; OECD, « Assessing the distributional impacts of
climate policies », 2023): an action is regressive for a group when what it costs that
group outweighs what it brings, and the concern is sharpest for vulnerable groups (low
income, fuel poverty, dependence on the car, disability, isolation). Each effect is scored
by the team on 0 (none) … 3 (strong) for gain, cost and risk of exclusion, with its
confidence.

Participation is compared with the population by the representation ratio (share among
participants ÷ share in the population), the usual measure of descriptive
representativeness of mini-publics (OECD, « Innovative citizen participation and new
democratic institutions », 2020, ch. 3): a group whose ratio is under `UNDER` is
under-represented.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

SCALE_MAX = 3
UNDER = 0.8  # representation ratio below which a group is called under-represented
EXCLUSION_FLAG = 2  # a risk of exclusion this high on a vulnerable group raises a flag


class Confidence(StrEnum):
    LOW = "faible"
    MEDIUM = "moyenne"
    HIGH = "forte"


@dataclass(frozen=True, slots=True)
class Group:
    name: str
    vulnerable: bool = False
    size: int | None = None  # people (or households) in the perimeter, when known


@dataclass(frozen=True, slots=True)
class GroupEffect:
    action: str
    group: str
    gain: int  # 0 … 3
    cost: int  # 0 … 3
    exclusion: int  # 0 … 3
    confidence: Confidence = Confidence.MEDIUM

    @property
    def net(self) -> int:
        return self.gain - self.cost


def _check(effect: GroupEffect, groups: Mapping[str, Group]) -> None:
    if effect.group not in groups:
        raise ValueError(f"Groupe inconnu «\u00a0{effect.group}\u00a0» ({effect.action}).")
    for name, value in (
        ("gain", effect.gain),
        ("coût", effect.cost),
        ("exclusion", effect.exclusion),
    ):
        if not 0 <= value <= SCALE_MAX:
            raise ValueError(
                f"{name.capitalize()} {value} hors de l'échelle 0 à {SCALE_MAX} "
                f"({effect.action}, {effect.group})."
            )


class Verdict(StrEnum):
    SERVED = "servi"
    BURDENED = "charge"
    BALANCED = "equilibre"
    UNTOUCHED = "non-touche"


VERDICT_LABELS = {
    Verdict.SERVED: "Servi par le plan",
    Verdict.BURDENED: "Chargé par le plan",
    Verdict.BALANCED: "Gains et coûts s'équilibrent",
    Verdict.UNTOUCHED: "Pas touché par le plan",
}


@dataclass(frozen=True, slots=True)
class GroupBalance:
    group: Group
    gains: int
    costs: int
    exclusion_risks: tuple[str, ...]  # actions with a risk of exclusion ≥ 1
    actions: int  # actions with an effect on the group
    low_confidence: int  # of which scored with low confidence

    @property
    def net(self) -> int:
        return self.gains - self.costs

    @property
    def verdict(self) -> Verdict:
        if not self.actions:
            return Verdict.UNTOUCHED
        if self.net > 0:
            return Verdict.SERVED
        if self.net < 0:
            return Verdict.BURDENED
        return Verdict.BALANCED

    @property
    def verdict_label(self) -> str:
        return VERDICT_LABELS[self.verdict]


def portfolio_justice(
    groups: Sequence[Group], effects: Iterable[GroupEffect]
) -> list[GroupBalance]:
    """The justice view of the plan as a whole: per group, its gains and costs summed over
    the actions, and the actions that risk leaving it out."""
    by_name = {g.name: g for g in groups}
    rows: dict[str, list[GroupEffect]] = {g.name: [] for g in groups}
    for effect in effects:
        _check(effect, by_name)
        rows[effect.group].append(effect)
    result = []
    for group in groups:
        mine = rows[group.name]
        result.append(
            GroupBalance(
                group=group,
                gains=sum(e.gain for e in mine),
                costs=sum(e.cost for e in mine),
                exclusion_risks=tuple(e.action for e in mine if e.exclusion >= 1),
                actions=len({e.action for e in mine}),
                low_confidence=sum(1 for e in mine if e.confidence == Confidence.LOW),
            )
        )
    return result


@dataclass(frozen=True, slots=True)
class Flag:
    action: str
    group: str
    reasons: tuple[str, ...]  # in French, for the page


def regressive_flags(groups: Sequence[Group], effects: Iterable[GroupEffect]) -> list[Flag]:
    """Actions that weigh on a vulnerable group: it bears more cost than it gains, or it
    risks being left out (exclusion ≥ EXCLUSION_FLAG). In the order of the effects."""
    by_name = {g.name: g for g in groups}
    flags = []
    for effect in effects:
        _check(effect, by_name)
        if not by_name[effect.group].vulnerable:
            continue
        reasons = []
        if effect.cost > effect.gain:
            reasons.append(f"coût {effect.cost} supérieur au gain {effect.gain}")
        if effect.exclusion >= EXCLUSION_FLAG:
            reasons.append(f"risque d'exclusion {effect.exclusion} sur {SCALE_MAX}")
        if reasons:
            flags.append(Flag(effect.action, effect.group, tuple(reasons)))
    return flags


@dataclass(frozen=True, slots=True)
class Representation:
    category: str
    population: int
    participants: int
    population_share: float
    participant_share: float

    @property
    def ratio(self) -> float | None:
        """Share among participants ÷ share in the population (None: nobody lives there)."""
        if self.population_share == 0:
            return None
        return self.participant_share / self.population_share

    @property
    def under_represented(self) -> bool:
        ratio = self.ratio
        return ratio is not None and ratio < UNDER


def representation(
    population: Mapping[str, int], participants: Mapping[str, int]
) -> list[Representation]:
    """Per category of the population (age band, commune…), its share among those who took
    part against its share among those who live there. Participants of a category the
    population does not know are refused, so that no one is silently dropped."""
    unknown = set(participants) - set(population)
    if unknown:
        raise ValueError(
            "Catégories de participants absentes de la population\u00a0: "
            + ", ".join(sorted(unknown))
            + "."
        )
    if any(v < 0 for v in population.values()) or any(v < 0 for v in participants.values()):
        raise ValueError("Les effectifs ne peuvent pas être négatifs.")
    total_pop = sum(population.values())
    total_part = sum(participants.values())
    return [
        Representation(
            category=category,
            population=size,
            participants=participants.get(category, 0),
            population_share=size / total_pop if total_pop else 0.0,
            participant_share=participants.get(category, 0) / total_part if total_part else 0.0,
        )
        for category, size in population.items()
    ]


@dataclass(frozen=True, slots=True)
class Acceptability:
    action: str
    group: str
    answers: int
    acceptable: float  # mean, 1 (pas du tout) … 4 (tout à fait)
    affordable: float  # mean, 1 … 4
    share_acceptable: float  # answers at 3 or 4 on acceptability


def acceptability(
    answers: Iterable[tuple[str, str, int, int, int]],
) -> list[Acceptability]:
    """(action, group, acceptable 1–4, affordable 1–4, how many people answered so) rows →
    per action and group, the means and the share who find the measure acceptable (3 or 4),
    in first-seen order. Each row counts as many times as people gave that answer."""
    cells: dict[tuple[str, str], list[tuple[int, int, int]]] = {}
    for action, group, acc, aff, count in answers:
        if not (1 <= acc <= 4 and 1 <= aff <= 4):
            raise ValueError(f"Réponse hors de l'échelle 1 à 4 ({action}, {group}).")
        if count < 1:
            raise ValueError(f"Nombre de réponses inférieur à 1 ({action}, {group}).")
        cells.setdefault((action, group), []).append((acc, aff, count))
    rows = []
    for (action, group), values in cells.items():
        people = sum(n for _, _, n in values)
        rows.append(
            Acceptability(
                action=action,
                group=group,
                answers=people,
                acceptable=sum(a * n for a, _, n in values) / people,
                affordable=sum(b * n for _, b, n in values) / people,
                share_acceptable=sum(n for a, _, n in values if a >= 3) / people,
            )
        )
    return rows
