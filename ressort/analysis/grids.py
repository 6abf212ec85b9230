"""Aggregating question-grid scores: per question, then up the framework tree.

Each participant scores a question on a 0–4 scale with labelled levels, or answers « je ne
sais pas » (stored as None). Per question: number of answers, of « je ne sais pas », the
median (the middle of the sorted scores; the mean of the two middle ones for an even
count), the quartiles and the interquartile range (numpy's linear method), the range, and a
disagreement flag when the scores spread widely: an interquartile range of 2 points or more
on the 0–4 scale, or answers at both ends (0 and 4) — the facilitator then asks why in the
room rather than trusting the median. Up the tree (lever, principle), a node's score is the
weighted mean of its children's medians that have answers; it keeps how many questions are
answered and flags disagreement when any child does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

SCALE_MIN, SCALE_MAX = 0, 4
DISAGREEMENT_IQR = 2.0


@dataclass(frozen=True, slots=True)
class QuestionScore:
    question: str
    answers: int  # scores given (0–4)
    unknown: int  # « je ne sais pas »
    median: float | None
    q1: float | None
    q3: float | None
    iqr: float | None
    minimum: int | None
    maximum: int | None
    histogram: tuple[int, ...]  # count per level 0…4
    disagreement: bool


@dataclass(frozen=True, slots=True)
class NodeScore:
    node: str
    score: float | None  # weighted mean of the children's scores that have one
    answered: int  # questions under this node with at least one score
    questions: int  # questions under this node
    disagreement: bool


def score_question(question: str, answers: Sequence[int | None]) -> QuestionScore:
    scores = []
    for answer in answers:
        if answer is None:
            continue
        if not isinstance(answer, int) or not SCALE_MIN <= answer <= SCALE_MAX:
            raise ValueError(
                f"Question {question} : note {answer!r} hors de l'échelle "
                f"{SCALE_MIN}–{SCALE_MAX} (ou « je ne sais pas »)."
            )
        scores.append(answer)
    histogram = tuple(scores.count(level) for level in range(SCALE_MIN, SCALE_MAX + 1))
    if not scores:
        return QuestionScore(
            question, 0, len(answers), None, None, None, None, None, None, histogram, False
        )
    array = np.array(scores, dtype=float)
    q1, median, q3 = (float(v) for v in np.percentile(array, [25, 50, 75]))
    iqr = q3 - q1
    disagreement = iqr >= DISAGREEMENT_IQR or (
        min(scores) == SCALE_MIN and max(scores) == SCALE_MAX
    )
    return QuestionScore(
        question,
        len(scores),
        len(answers) - len(scores),
        median,
        q1,
        q3,
        iqr,
        min(scores),
        max(scores),
        histogram,
        disagreement,
    )


def aggregate_tree(
    questions: Mapping[str, QuestionScore],
    children: Mapping[str, Sequence[str]],
    weights: Mapping[str, float] | None = None,
) -> dict[str, NodeScore]:
    """Scores of every inner node, bottom-up. `children` maps a node to its children's codes
    (questions or inner nodes); a node absent from `children` and from `questions` counts as
    an unanswered leaf."""
    weights = weights or {}
    result: dict[str, NodeScore] = {}

    def visit(node: str, seen: frozenset[str]) -> tuple[float | None, int, int, bool]:
        if node in questions:
            q = questions[node]
            return q.median, int(q.answers > 0), 1, q.disagreement
        if node in seen:
            raise ValueError(f"Le nœud {node} est son propre descendant.")
        if node not in children:
            return None, 0, 1, False
        total = weight_sum = 0.0
        answered = count = 0
        disagreement = False
        for child in children[node]:
            score, child_answered, child_count, child_disagreement = visit(child, seen | {node})
            answered += child_answered
            count += child_count
            disagreement = disagreement or child_disagreement
            if score is not None:
                weight = weights.get(child, 1.0)
                total += weight * score
                weight_sum += weight
        score = total / weight_sum if weight_sum > 0 else None
        result[node] = NodeScore(node, score, answered, count, disagreement)
        return score, answered, count, disagreement

    for node in children:
        if node not in result:
            visit(node, frozenset())
    return result
