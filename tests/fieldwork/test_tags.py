"""Tag suggestions for quotes and observations, and learning from confirmed tags."""

from typing import Any

import pytest

from ressort.fieldwork import services, tags
from ressort.fieldwork.models import TagDecision
from tests.fieldwork import factories

pytestmark = pytest.mark.django_db


def test_every_dimension_has_french_examples() -> None:
    examples = services.tag_examples()
    assert len(examples) == 21 + 18
    for code, sentences in examples.items():
        assert len(sentences) >= 3, code


def test_suggestions_leave_out_set_and_rejected_tags(approach: Any) -> None:
    t = factories.testimony(
        approach,
        quotes=(
            ("Les restrictions d'eau potable reviennent et la facture de chauffage a doublé.", []),
        ),
    )
    quote = t.quotes.get()
    first = [s.code for s in tags.suggest_for(quote)]
    assert first[:2] == ["water", "energy"] or first[:2] == ["energy", "water"]
    tags.decide(quote, "water", True, None)
    quote.refresh_from_db()
    assert quote.dimensions == ["water"]
    assert "water" not in [s.code for s in tags.suggest_for(quote)]
    second = tags.suggest_for(quote)[0].code
    assert second == "energy"
    tags.decide(quote, second, False, None)
    assert second not in [s.code for s in tags.suggest_for(quote)]
    quote.refresh_from_db()
    assert second not in quote.dimensions


def test_confirmations_teach_only_their_own_approach(approach: Any, personas: Any) -> None:
    """The transparent embedder knows no link between « composteur » and any dimension;
    once a person confirms it under « Alimentation », later texts about it get that tag."""
    text = "Le composteur collectif du quartier déborde"
    assert all(s.code != "food" for s in tags.suggest(approach, text))
    t = factories.testimony(approach, quotes=(("Le composteur collectif est plein", []),))
    tags.decide(t.quotes.get(), "food", True, personas["equipe"])
    assert TagDecision.objects.get().user == personas["equipe"]
    [best, *_] = tags.suggest(approach, text)
    assert best.code == "food" and best.confirmed == 1
    other = personas["other_approach"]
    assert all(s.code != "food" for s in tags.suggest(other, text))


def test_observations_are_tagged_from_title_and_text(approach: Any) -> None:
    obs = factories.observation(
        approach,
        title="Loyers",
        text="Les loyers ont beaucoup augmenté et les jeunes ne trouvent pas à se loger.",
        dimensions=[],
    )
    assert tags.suggest_for(obs)[0].code == "housing"
    tags.decide(obs, "housing", True, None)
    obs.refresh_from_db()
    assert obs.dimensions == ["housing"]
    assert TagDecision.objects.get().text.startswith("Loyers. Les loyers")


def test_the_real_model_learns_a_local_word(approach: Any, real_embedder: Any) -> None:
    """With the shipped multilingual model: French paraphrases find their dimension, and a
    confirmation changes the suggestions for a later, similar text."""
    suggestion = tags.suggest(approach, "Mon puits est vide depuis juillet, plus d'arrosage")
    assert suggestion[0].code in {"water", "freshwater"}
    later = "Le Vernay n'a plus coulé de tout l'été"  # a local stream's name, no keyword
    before = tags.suggest(approach, later, limit=39)
    before_rank = (
        [s.code for s in before].index("L3.3") if "L3.3" in [s.code for s in before] else 99
    )
    for sentence in (
        "Le Vernay est à sec, on le surveille chaque semaine",
        "On relève le niveau du Vernay pour donner l'alerte",
    ):
        t = factories.testimony(approach, quotes=((sentence, []),))
        tags.decide(t.quotes.get(), "L3.3", True, None)
    after = [s.code for s in tags.suggest(approach, later, limit=39)]
    assert "L3.3" in after
    assert after.index("L3.3") < before_rank
