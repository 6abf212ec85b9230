"""A training path proposed from the audience's self-assessed needs and the démarche's phase.

Rule (Ressort's own, explained on the page for each module it proposes):
- the modules for the audience (and, for agents, for their trade or for every trade);
- only modules of the current step of the method, of earlier steps, or of the next one;
- a module's need is the mean gap of its topics, gap = (4 − mean self-assessed score) / 4
  (0 = everyone says they master it, 1 = nobody does); a topic without answers counts 0.5;
  a module of the current step gains 0.25;
- the best `size` modules are kept; at least one formation-action when there is one, since
  the offer asks to « passer de la prise de conscience à la mise en mouvement »; then their
  prerequisites are added, and the whole is ordered by step, prerequisites first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

STEP_ORDER = ("1", "2", "3A", "3B", "3C")
AUDIENCES = ("elus", "direction", "agents", "partenaires")
FORMATION_ACTION = "formation-action"
UNKNOWN_GAP = 0.5
PHASE_BONUS = 0.25
MAX_SCORE = 4.0


@dataclass(frozen=True, slots=True)
class ModuleInfo:
    code: str
    audiences: tuple[str, ...]
    trades: tuple[str, ...]  # empty: every trade
    phase: str
    topics: tuple[str, ...]
    prerequisites: tuple[str, ...]
    format: str


@dataclass(frozen=True, slots=True)
class ProposedStep:
    code: str
    need: float  # mean gap of its topics (+ bonus), 0 when added as a prerequisite
    gaps: tuple[tuple[str, float], ...]  # (topic, gap)
    reason: str  # "besoin", "formation-action", "prerequis"
    required_by: str = ""


def gap(score: float | None) -> float:
    if score is None:
        return UNKNOWN_GAP
    if not 0 <= score <= MAX_SCORE:
        raise ValueError(f"Note moyenne {score} hors de l'échelle 0 à 4.")
    return (MAX_SCORE - score) / MAX_SCORE


def propose(
    modules: Sequence[ModuleInfo],
    needs: Mapping[str, float | None],
    *,
    audience: str,
    trade: str = "",
    phase: str = "1",
    size: int = 5,
) -> list[ProposedStep]:
    """The proposed ordered path (see the module's docstring for the rule)."""
    if audience not in AUDIENCES:
        raise ValueError(f"Public inconnu « {audience} » ; possibles : {', '.join(AUDIENCES)}.")
    if phase not in STEP_ORDER:
        raise ValueError(f"Étape inconnue « {phase} » ; possibles : {', '.join(STEP_ORDER)}.")
    if size < 1:
        raise ValueError("La taille du parcours doit être d'au moins un module.")
    by_code = {m.code: m for m in modules}
    rank = {s: i for i, s in enumerate(STEP_ORDER)}
    current = rank[phase]

    def fits(m: ModuleInfo) -> bool:
        if audience not in m.audiences or rank[m.phase] > current + 1:
            return False
        return not (audience == "agents" and m.trades and trade not in m.trades)

    scored: list[ProposedStep] = []
    for m in modules:
        if not fits(m):
            continue
        gaps = tuple((t, gap(needs.get(t))) for t in m.topics)
        need = sum(g for _, g in gaps) / len(gaps) if gaps else UNKNOWN_GAP
        if rank[m.phase] == current:
            need += PHASE_BONUS
        scored.append(ProposedStep(m.code, round(need, 4), gaps, "besoin"))
    order = {m.code: i for i, m in enumerate(modules)}
    scored.sort(key=lambda s: (-s.need, order[s.code]))
    chosen = scored[:size]
    if not any(by_code[s.code].format == FORMATION_ACTION for s in chosen):
        extra = next((s for s in scored if by_code[s.code].format == FORMATION_ACTION), None)
        if extra is not None:
            step = ProposedStep(extra.code, extra.need, extra.gaps, "formation-action")
            chosen = [*chosen[: size - 1], step] if len(chosen) >= size else [*chosen, step]
    picked = {s.code: s for s in chosen}
    pending = list(chosen)
    while pending:
        step = pending.pop()
        for pre in by_code[step.code].prerequisites:
            if pre in by_code and pre not in picked:
                added = ProposedStep(pre, 0.0, (), "prerequis", required_by=step.code)
                picked[pre] = added
                pending.append(added)
    return _ordered(list(picked.values()), by_code, rank)


def _ordered(
    steps: list[ProposedStep], by_code: Mapping[str, ModuleInfo], rank: Mapping[str, int]
) -> list[ProposedStep]:
    """By step of the method, then need; a module always after its prerequisites."""
    remaining = sorted(steps, key=lambda s: (rank[by_code[s.code].phase], -s.need, s.code))
    done: list[ProposedStep] = []
    placed: set[str] = set()
    present = {s.code for s in steps}
    while remaining:
        for i, s in enumerate(remaining):
            pres = [p for p in by_code[s.code].prerequisites if p in present]
            if all(p in placed for p in pres):
                done.append(remaining.pop(i))
                placed.add(s.code)
                break
        else:  # a cycle of prerequisites in the data: keep the remaining order
            done.extend(remaining)
            break
    return done
