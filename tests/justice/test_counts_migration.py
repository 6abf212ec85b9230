"""The data migration that collapses identical participations and acceptability answers into
one row with its count, and expands them back. The migration's functions run on the current
models (the suite runs without migrations), which have the `count` field they set."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from ressort.actions.models import Action
from ressort.approaches.models import Approach
from ressort.justice.models import AcceptabilityAnswer, Participation, PopulationGroup

migration = importlib.import_module("ressort.justice.migrations.0004_collapse_identical_rows")
pytestmark = pytest.mark.django_db


def test_identical_rows_become_one_row_with_their_count_and_back(approach: Approach) -> None:
    other = Approach.objects.create(name="Autre", slug="autre")
    action = Action.objects.create(approach=approach, title="Péage urbain")
    poor = PopulationGroup.objects.create(approach=approach, name="Modestes", dimension="revenu")
    Participation.objects.bulk_create(
        [Participation(approach=approach, event="Atelier") for _ in range(4)]
        + [Participation(approach=approach, event="Atelier", category=poor) for _ in range(2)]
        + [Participation(approach=approach, event="Forum")]
        + [Participation(approach=other, event="Atelier") for _ in range(3)]
    )

    def answer(acceptable: int) -> AcceptabilityAnswer:
        return AcceptabilityAnswer(
            approach=approach,
            consultation="Questionnaire",
            action=action,
            group=poor,
            acceptable=acceptable,
            affordable=2,
        )

    AcceptabilityAnswer.objects.bulk_create([answer(1) for _ in range(5)])
    AcceptabilityAnswer.objects.create(**{**_plain(answer(3)), "count": 2})

    migration.collapse(apps, None)

    rows = {(p.approach.slug, p.event, p.category_id): p.count for p in Participation.objects.all()}
    assert rows == {
        (approach.slug, "Atelier", None): 4,
        (approach.slug, "Atelier", poor.pk): 2,
        (approach.slug, "Forum", None): 1,
        ("autre", "Atelier", None): 3,
    }
    answers = sorted(AcceptabilityAnswer.objects.values_list("acceptable", "count"))
    assert answers == [(1, 5), (3, 2)]

    migration.collapse(apps, None)  # a second run changes nothing
    assert Participation.objects.count() == 4 and AcceptabilityAnswer.objects.count() == 2

    migration.expand(apps, None)
    assert Participation.objects.count() == 10 and AcceptabilityAnswer.objects.count() == 7
    assert set(Participation.objects.values_list("count", flat=True)) == {1}
    assert Participation.objects.filter(approach=approach, category=poor).count() == 2


def _plain(row: AcceptabilityAnswer) -> dict[str, object]:
    return {
        f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields if not f.primary_key
    }
