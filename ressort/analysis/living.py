"""The living lens of an action plan: which milieux the plan helps or harms, and whether
each harm went through the « éviter, réduire, compenser » sequence.

The sequence is the French doctrine of the Code de l'environnement (art. L110-1 II 2°,
L163-1) as written in the Doctrine nationale ERC (ministère de l'Écologie, 2012) and its
guide (Théma, CGDD, 2018): first avoid the harm, then reduce what cannot be avoided, then
compensate the significant residual harm, so that there is no net loss of biodiversity.
Here an action that harms a milieu (effect < 0) is « à instruire » until the team has written
what it avoids or reduces, and the compensation when a residual harm remains.

Effects are on the analysis grid's scale −2 (strong harm) … +2 (strong benefit).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

EFFECT_MIN, EFFECT_MAX = -2, 2


class ErcStatus(StrEnum):
    NOT_NEEDED = "sans-objet"  # the action does not harm the milieu
    TO_DO = "a-instruire"  # a harm without avoidance or reduction written
    MISSING_COMPENSATION = "compensation-manquante"  # residual harm, no compensation
    DONE = "instruit"


ERC_LABELS = {
    ErcStatus.NOT_NEEDED: "Sans objet (pas d'atteinte)",
    ErcStatus.TO_DO: "À instruire\u00a0: ni évitement ni réduction décrits",
    ErcStatus.MISSING_COMPENSATION: "Atteinte résiduelle sans compensation",
    ErcStatus.DONE: "Séquence éviter-réduire-compenser instruite",
}


@dataclass(frozen=True, slots=True)
class ErcCheck:
    status: ErcStatus
    missing: tuple[str, ...]  # the steps still to write, in French

    @property
    def label(self) -> str:
        return ERC_LABELS[self.status]


def erc_check(
    effect: int, *, avoid: str, reduce: str, compensate: str, residual_harm: bool
) -> ErcCheck:
    """The state of the ERC sequence for one action's effect on one milieu."""
    if not EFFECT_MIN <= effect <= EFFECT_MAX:
        raise ValueError(f"Effet {effect} hors de l'échelle {EFFECT_MIN} à +{EFFECT_MAX}.")
    if effect >= 0:
        return ErcCheck(ErcStatus.NOT_NEEDED, ())
    missing: list[str] = []
    if not avoid.strip() and not reduce.strip():
        missing.append("éviter ou réduire")
    if residual_harm and not compensate.strip():
        missing.append("compenser")
    if missing and missing[0] == "éviter ou réduire":
        return ErcCheck(ErcStatus.TO_DO, tuple(missing))
    if missing:
        return ErcCheck(ErcStatus.MISSING_COMPENSATION, tuple(missing))
    return ErcCheck(ErcStatus.DONE, ())


@dataclass(frozen=True, slots=True)
class LensEffect:
    action: str
    milieu: str
    effect: int  # −2 … +2
    erc: ErcStatus = ErcStatus.NOT_NEEDED


class Verdict(StrEnum):
    HELPED = "aide"
    HARMED = "atteint"
    MIXED = "partage"
    UNTOUCHED = "non-touche"


VERDICT_LABELS = {
    Verdict.HELPED: "Aidé par le plan",
    Verdict.HARMED: "Atteint par le plan",
    Verdict.MIXED: "Aidé et atteint",
    Verdict.UNTOUCHED: "Pas touché par le plan",
}


@dataclass(frozen=True, slots=True)
class MilieuBalance:
    milieu: str
    helped_by: tuple[tuple[str, int], ...]  # (action, effect > 0)
    harmed_by: tuple[tuple[str, int], ...]  # (action, effect < 0)
    benefit: int  # sum of positive effects
    harm: int  # sum of negative effects (≤ 0)
    erc_open: tuple[str, ...]  # actions whose harm is not fully instructed

    @property
    def net(self) -> int:
        return self.benefit + self.harm

    @property
    def verdict(self) -> Verdict:
        if self.helped_by and self.harmed_by:
            return Verdict.MIXED
        if self.helped_by:
            return Verdict.HELPED
        if self.harmed_by:
            return Verdict.HARMED
        return Verdict.UNTOUCHED

    @property
    def verdict_label(self) -> str:
        return VERDICT_LABELS[self.verdict]


def milieu_balance(milieux: Sequence[str], effects: Iterable[LensEffect]) -> list[MilieuBalance]:
    """Per milieu (in the order given), the actions that help it and those that harm it.

    An effect naming a milieu that is not in `milieux` is refused: the caller mixed two
    démarches or forgot a milieu.
    """
    known = set(milieux)
    helped: dict[str, list[tuple[str, int]]] = {m: [] for m in milieux}
    harmed: dict[str, list[tuple[str, int]]] = {m: [] for m in milieux}
    open_erc: dict[str, list[str]] = {m: [] for m in milieux}
    for e in effects:
        if e.milieu not in known:
            raise ValueError(f"Milieu inconnu «\u00a0{e.milieu}\u00a0».")
        if not EFFECT_MIN <= e.effect <= EFFECT_MAX:
            raise ValueError(f"Effet {e.effect} hors de l'échelle −2 à +2 ({e.action}).")
        if e.effect > 0:
            helped[e.milieu].append((e.action, e.effect))
        elif e.effect < 0:
            harmed[e.milieu].append((e.action, e.effect))
            if e.erc in (ErcStatus.TO_DO, ErcStatus.MISSING_COMPENSATION):
                open_erc[e.milieu].append(e.action)
    return [
        MilieuBalance(
            milieu=m,
            helped_by=tuple(helped[m]),
            harmed_by=tuple(harmed[m]),
            benefit=sum(v for _, v in helped[m]),
            harm=sum(v for _, v in harmed[m]),
            erc_open=tuple(open_erc[m]),
        )
        for m in milieux
    ]
