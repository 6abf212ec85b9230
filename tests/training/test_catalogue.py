"""The shipped catalogue: at least 15 sourced modules, loaded once, operator edits kept."""

from __future__ import annotations

from typing import Any

from ressort.training.catalogue import load_catalogue, read_catalogue
from ressort.training.models import Format, Module


def test_the_shipped_catalogue_is_complete_and_sourced() -> None:
    catalogue = read_catalogue()
    assert catalogue.version and catalogue.source
    assert len(catalogue.modules) >= 15
    assert {m["format"] for m in catalogue.modules} == set(Format.values)
    assert {str(m["phase"]) for m in catalogue.modules} == {"1", "2", "3A", "3B", "3C"}
    for m in catalogue.modules:
        for key in (
            "title",
            "objectives",
            "audiences",
            "duration_hours",
            "elements",
            "materials",
            "source",
        ):
            assert m[key], (m["code"], key)


def test_loading_is_idempotent_and_keeps_operator_edits(db: Any) -> None:
    assert Module.objects.filter(approach=None).count() == len(read_catalogue().modules)
    Module.objects.filter(approach=None).delete()  # loaded after migrate; load it again
    created = load_catalogue()
    assert created == len(read_catalogue().modules)
    climate = Module.objects.get(approach=None, code="tracc-territoire")
    assert [p.code for p in climate.prerequisites.all()] == ["acculturation-resilience"]
    climate.title = "Titre revu par l'opérateur"
    climate.save()
    assert load_catalogue() == 0
    climate.refresh_from_db()
    assert climate.title == "Titre revu par l'opérateur"
