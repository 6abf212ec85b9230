"""History of the actions, indicators, trajectories and steering on the démarche's history
page: field-by-field changes, revert by the leads, rights."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from ressort.actions.models import Action, Evaluation
from ressort.approaches.models import Approach
from ressort.monitoring.models import Decision, Meeting, Trajectory
from ressort.portrait.models import Indicator, IndicatorValue
from ressort.systems.models import Vision
from tests.conftest import page_text
from tests.strategy.conftest import client_for

pytestmark = pytest.mark.django_db


def _indicator(approach: Approach) -> Indicator:
    return Indicator.objects.create(
        approach=approach, code="eau-potable", name="Eau potable", unit="m³", source="Régie"
    )


def _action(approach: Approach) -> Action:
    return Action.objects.create(approach=approach, title="Réduire les fuites")


def _meeting(approach: Approach) -> Meeting:
    import datetime

    return Meeting.objects.create(
        approach=approach, date=datetime.date(2026, 3, 1), title="COPIL 1"
    )


# kind, builder, field, old value, new value (as shown on the page)
CASES: list[tuple[str, Callable[[Approach], Any], str, Any, Any]] = [
    (
        "vision",
        lambda a: Vision.objects.create(approach=a, text="Garder l'eau"),
        "text",
        "Garder l'eau",
        "Garder l'eau et la fraîcheur",
    ),
    ("action", _action, "title", "Réduire les fuites", "Rénover les réseaux"),
    (
        "effet",
        lambda a: Evaluation.objects.create(action=_action(a), dimension_code="water", effect=1),
        "justification",
        "",
        "Moins de prélèvements",
    ),
    ("indicateur", _indicator, "name", "Eau potable", "Eau distribuée"),
    (
        "valeur",
        lambda a: IndicatorValue.objects.create(indicator=_indicator(a), year=2020, value=10.0),
        "source_note",
        "",
        "Rapport annuel 2020",
    ),
    (
        "trajectoire",
        lambda a: Trajectory.objects.create(
            approach=a, indicator=_indicator(a), baseline_year=2020, baseline_value=10.0
        ),
        "notes",
        "",
        "Cible du SAGE",
    ),
    ("reunion", _meeting, "title", "COPIL 1", "COPIL de lancement"),
    (
        "decision",
        lambda a: Decision.objects.create(approach=a, meeting=_meeting(a), text="Lancer l'étude"),
        "text",
        "Lancer l'étude",
        "Lancer l'étude des fuites",
    ),
]


@pytest.mark.parametrize(("kind", "build", "name", "old", "new"), CASES, ids=[c[0] for c in CASES])
def test_change_is_shown_and_reverted_by_a_lead_only(
    approach: Approach,
    personas: dict[str, Any],
    kind: str,
    build: Callable[[Approach], Any],
    name: str,
    old: Any,
    new: Any,
) -> None:
    obj = build(approach)
    setattr(obj, name, new)
    obj.save()
    lead = client_for(personas["chef_projet"])
    url = reverse("strategy:history", args=[approach.slug])
    page = page_text(lead.get(url))
    assert new in page
    if old:
        assert f"<del>{old}</del> → {new}" in page
    created = obj.history.filter(history_type="+").get()
    revert_url = reverse("strategy:history_revert", args=[approach.slug, kind, created.history_id])

    # A partner reads the history but cannot revert; another démarche cannot reach it.
    partner = client_for(personas["partenaire"])
    assert new in page_text(partner.get(url))
    assert partner.post(revert_url).status_code == 403
    other = personas["other_approach"]
    foreign_url = reverse("strategy:history_revert", args=[other.slug, kind, created.history_id])
    assert client_for(personas["outsider"]).post(foreign_url).status_code == 404
    obj.refresh_from_db()
    assert getattr(obj, name) == new

    # The facilitator (a lead too) brings the first state back; the revert is recorded.
    response = client_for(personas["facilitateur"]).post(revert_url)
    assert response.status_code == 302
    obj.refresh_from_db()
    assert getattr(obj, name) == old
    latest = obj.history.order_by("-history_date", "-history_id").first()
    assert latest.history_user == personas["facilitateur"]
    assert latest.history_change_reason.startswith("Retour à l'état du")


def test_filter_by_group(approach: Approach, personas: dict[str, Any]) -> None:
    _action(approach)
    _indicator(approach)
    lead = client_for(personas["chef_projet"])
    url = reverse("strategy:history", args=[approach.slug])
    page = page_text(lead.get(url, {"quoi": "indicateurs"}))
    assert "Eau potable" in page and "Réduire les fuites" not in page
    page = page_text(lead.get(url, {"quoi": "inconnu"}))
    assert "Eau potable" in page and "Réduire les fuites" in page


def test_deleted_value_comes_back_unless_its_place_is_taken(
    approach: Approach, personas: dict[str, Any]
) -> None:
    indicator = _indicator(approach)
    value = IndicatorValue.objects.create(indicator=indicator, year=2020, value=10.0)
    pk = value.pk
    value.delete()
    deleted = IndicatorValue.history.filter(id=pk, history_type="-").get()
    lead = client_for(personas["chef_projet"])
    url = reverse("strategy:history_revert", args=[approach.slug, "valeur", deleted.history_id])
    other = IndicatorValue.objects.create(indicator=indicator, year=2020, value=11.0)
    response = lead.post(url, follow=True)
    assert "un autre élément occupe déjà sa place" in page_text(response)
    assert list(IndicatorValue.objects.values_list("value", flat=True)) == [11.0]
    other.delete()
    lead.post(url)
    assert IndicatorValue.objects.get(pk=pk).value == 10.0


def test_a_value_of_a_deleted_indicator_waits_for_its_indicator(
    approach: Approach, personas: dict[str, Any]
) -> None:
    indicator = _indicator(approach)
    value = IndicatorValue.objects.create(indicator=indicator, year=2020, value=10.0)
    created = value.history.get()
    indicator_pk = indicator.pk
    indicator.delete()
    lead = client_for(personas["chef_projet"])
    url = reverse("strategy:history_revert", args=[approach.slug, "valeur", created.history_id])
    response = lead.post(url, follow=True)
    assert "son indicateur n’existe plus" in page_text(response)
    assert not IndicatorValue.objects.exists()
    gone = Indicator.history.filter(history_type="-").get()
    lead.post(
        reverse("strategy:history_revert", args=[approach.slug, "indicateur", gone.history_id])
    )
    lead.post(url)
    assert IndicatorValue.objects.get().indicator_id == indicator_pk
