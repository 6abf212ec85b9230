"""The Doughnut's dimensions and their labels come from one place: the framework."""

from typing import Any

import pytest

from ressort.frameworks import services
from ressort.portrait import services as portrait

pytestmark = pytest.mark.django_db


def test_the_same_21_dimensions_from_the_file_and_from_the_loaded_framework(db: Any) -> None:
    from_file = services.doughnut_dimensions()
    services.load_shipped()
    loaded = services.doughnut_dimensions()
    assert from_file == loaded
    assert len(loaded) == 21
    rings = [d.ring for d in loaded]
    assert rings == ["plancher_social"] * 12 + ["plafond_ecologique"] * 9
    water = next(d for d in loaded if d.code == "water")
    assert (water.label, water.short_label) == ("Eau", "Eau, assainissement")
    food = next(d for d in loaded if d.code == "food")
    assert food.short_label == food.label == "Alimentation"


def test_a_label_changed_in_the_framework_shows_in_the_portrait(frameworks: None) -> None:
    version = services.shipped_current("donut")
    version.dimensions.filter(code="biodiversity").update(short_label="Le vivant")
    labels = {code: label for code, label, _ in portrait.doughnut_dimensions()}
    assert labels["biodiversity"] == "Le vivant"
