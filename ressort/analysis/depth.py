"""Which depth of accompaniment to suggest for an authority, from its size and kind.

The Cerema offer says the accompaniment « sera adapté à la taille et au niveau de
collectivité »; the thresholds themselves are data (data/method/offre.yaml, a Ressort
proposal), passed in by the caller.
"""

from __future__ import annotations

from collections.abc import Sequence

Rule = tuple[int | None, str]  # (population below which this depth applies, or None: any)


def suggest_depth(population: int | None, rules: Sequence[Rule]) -> str:
    """The depth of the first rule whose threshold the population is below.

    An unknown population gets the middle rule's depth (neither the lightest nor the
    deepest). `rules` must end with a rule without threshold.
    """
    if not rules or rules[-1][0] is not None:
        raise ValueError("Les règles doivent finir par une profondeur sans seuil.")
    if population is None:
        return rules[len(rules) // 2][1]
    for threshold, depth in rules:
        if threshold is None or population < threshold:
            return depth
    return rules[-1][1]  # pragma: no cover - the last rule has no threshold
