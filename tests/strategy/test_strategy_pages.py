"""Strategy pages: rights, axes and objectives, gaps, the one-page view, conflicts."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from ressort.approaches.models import Approach, Role
from ressort.strategy.models import Axis, Objective, StrategyStatement
from tests.conftest import page_text
from tests.strategy.conftest import client_for

pytestmark = pytest.mark.django_db

READ_PAGES = ["strategy:overview", "strategy:one_page", "strategy:history"]


@pytest.mark.parametrize("name", READ_PAGES)
def test_every_member_reads_and_outsiders_get_404(
    approach: Approach, personas: dict[str, Any], strategy: dict[str, Any], name: str
) -> None:
    url = reverse(name, args=[approach.slug])
    for role in Role:
        response = client_for(personas[role.value]).get(url)
        assert response.status_code == 200, role
    assert client_for(personas["outsider"]).get(url).status_code == 404
    assert Client().get(url).status_code == 302
    assert not StrategyStatement.objects.exists()  # reading writes nothing


def test_only_leads_edit_the_structure(
    approach: Approach, personas: dict[str, Any], strategy: dict[str, Any]
) -> None:
    axis = strategy["axis"]
    url = reverse("strategy:axis_edit", args=[approach.slug, axis.pk])
    for role in (Role.PARTNER, Role.TEAM_MEMBER, Role.ELECTED_LEAD):
        client = client_for(personas[role.value])
        assert client.get(url).status_code == 403
        response = client.post(url, {"title": "Piraté", "order": 1, "base_version": axis.version})
        assert response.status_code == 403
    axis.refresh_from_db()
    assert axis.title == "Sécuriser l'eau"
    # Another démarche's axis is a 404 even for its own lead.
    other = personas["other_approach"]
    other_lead = personas["outsider"]
    assert (
        client_for(other_lead)
        .get(reverse("strategy:axis_edit", args=[other.slug, axis.pk]))
        .status_code
        == 404
    )
    assert (
        client_for(other_lead)
        .post(reverse("strategy:axis_delete", args=[other.slug, axis.pk]))
        .status_code
        == 404
    )
    assert Axis.objects.filter(pk=axis.pk).exists()


def test_lead_builds_a_strategy_in_the_browser_forms(
    approach: Approach, personas: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from ressort.frameworks import services as frameworks

    frameworks.load_shipped()
    monkeypatch.setattr(
        "ressort.portrait.services.doughnut_gaps",
        lambda approach, year=None: {"water": "shortfall", "climate_change": "overshoot"},
    )
    client = client_for(personas["chef_projet"])
    slug = approach.slug
    response = client.post(
        reverse("strategy:statement_edit", args=[slug]),
        {"title": "Stratégie CAPI 2050", "preamble": "", "base_version": "1"},
    )
    assert response.status_code == 302
    # The strategy serves the shared vision, written on the « Vision » page.
    overview = page_text(client.get(reverse("strategy:overview", args=[slug])))
    assert "La vision n’est pas encore écrite." in overview
    assert reverse("systems:vision", args=[slug]) in overview
    form_page = page_text(client.get(reverse("strategy:statement_edit", args=[slug])))
    assert "Vision du territoire" not in form_page and "page «\u00a0Vision\u00a0»" in form_page
    response = client.post(
        reverse("systems:vision_save", args=[slug]),
        {"text": "Un territoire sobre en eau", "horizon_year": "2050"},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("strategy:axis_add", args=[slug]),
        {"title": "Eau", "description": "", "order": "1"},
    )
    assert response.status_code == 302
    axis = Axis.objects.get(approach=approach)
    overview = page_text(client.get(reverse("strategy:overview", args=[slug])))
    # Both gaps of the portrait are listed as not yet answered.
    assert "Écarts du portrait auxquels aucun objectif ne répond encore" in overview
    form_page = page_text(client.get(reverse("strategy:objective_add", args=[slug])))
    assert "Eau — sous le plancher social" in form_page
    response = client.post(
        reverse("strategy:objective_add", args=[slug]),
        {
            "axis": str(axis.pk),
            "title": "Réduire les fuites",
            "description": "",
            "vision_link": "Moins de pertes",
            "gap_codes": ["water"],
            "order": "1",
        },
    )
    assert response.status_code == 302, page_text(response)
    objective = Objective.objects.get(axis=axis)
    assert objective.gap_codes == ["water"]
    overview = page_text(client.get(reverse("strategy:overview", args=[slug])))
    assert "Objectif 1.1 — Réduire les fuites" in overview
    assert "Un territoire sobre en eau" in overview and "Vision à l’horizon 2050" in overview
    one_page = page_text(client.get(reverse("strategy:one_page", args=[slug])))
    assert "Vision 2050\u00a0:</strong> Un territoire sobre en eau" in one_page
    assert "Stratégie CAPI 2050" in one_page and "1.1 Réduire les fuites" in one_page
    assert "rs-gap-shortfall" in one_page


def test_invalid_input_is_refused_with_the_field_named(
    approach: Approach, personas: dict[str, Any], strategy: dict[str, Any]
) -> None:
    client = client_for(personas["facilitateur"])
    response = client.post(
        reverse("strategy:statement_edit", args=[approach.slug]),
        {"title": "", "preamble": "", "base_version": "1"},
    )
    assert response.status_code == 422
    assert "Ce champ est obligatoire." in page_text(response)


def test_second_save_of_an_axis_is_refused_with_what_changed(
    approach: Approach, personas: dict[str, Any], strategy: dict[str, Any]
) -> None:
    axis = strategy["axis"]
    url = reverse("strategy:axis_edit", args=[approach.slug, axis.pk])
    alice = client_for(personas["chef_projet"])
    bob = client_for(personas["facilitateur"])
    version = axis.version
    first = alice.post(
        url, {"title": "Eau pour tous", "description": "", "order": 1, "base_version": version}
    )
    assert first.status_code == 302
    second = bob.post(
        url,
        {"title": "Eau potable", "description": "Ajout", "order": 1, "base_version": version},
    )
    assert second.status_code == 409
    text = page_text(second)
    assert "Vos modifications n’ont pas été enregistrées" in text
    assert "Sécuriser l'eau" in text and "Eau pour tous" in text and "Eau potable" in text
    axis.refresh_from_db()
    assert axis.title == "Eau pour tous"
    # The rebuilt form now carries the current version: a deliberate second try goes through.
    assert f'name="base_version" value="{axis.version}"' in second.content.decode()
    third = bob.post(
        url,
        {"title": "Eau potable", "description": "Ajout", "order": 1, "base_version": axis.version},
    )
    assert third.status_code == 302
    axis.refresh_from_db()
    assert axis.title == "Eau potable"


def test_deleting_an_axis_renumbers_and_history_restores_it(
    approach: Approach, personas: dict[str, Any], strategy: dict[str, Any]
) -> None:
    lead = client_for(personas["chef_projet"])
    axis, axis2, objective = strategy["axis"], strategy["axis2"], strategy["objective"]
    assert (
        lead.post(reverse("strategy:axis_delete", args=[approach.slug, axis.pk])).status_code == 302
    )
    axis2.refresh_from_db()
    assert axis2.order == 1
    assert not Objective.objects.filter(pk=objective.pk).exists()
    page = page_text(lead.get(reverse("strategy:history", args=[approach.slug])))
    assert "Axe «\u00a0Axe 1 — Sécuriser l'eau\u00a0» — suppression" in page
    assert "Objectif «\u00a0Réduire les fuites des réseaux\u00a0» — suppression" in page
    from ressort.strategy.models import Axis as AxisModel

    deleted_axis = AxisModel.history.filter(id=axis.pk, history_type="-").get()
    deleted_objective = Objective.history.filter(id=objective.pk, history_type="-").get()
    revert_objective = reverse(
        "strategy:history_revert", args=[approach.slug, "objectif", deleted_objective.history_id]
    )
    # The objective cannot come back before its axis.
    response = lead.post(revert_objective, follow=True)
    assert "son axe n’existe plus" in page_text(response)
    # Read-only roles and members without the right cannot revert.
    for role in (Role.PARTNER, Role.TEAM_MEMBER):
        assert client_for(personas[role.value]).post(revert_objective).status_code == 403
    lead.post(
        reverse("strategy:history_revert", args=[approach.slug, "axe", deleted_axis.history_id])
    )
    lead.post(revert_objective)
    restored = Objective.objects.get(pk=objective.pk)
    assert restored.title == "Réduire les fuites des réseaux" and restored.gap_codes == ["water"]
    assert AxisModel.objects.get(pk=axis.pk).title == "Sécuriser l'eau"
    record = AxisModel.history.filter(id=axis.pk).order_by("-history_date").first()
    assert record.history_user == personas["chef_projet"]
    assert record.history_change_reason.startswith("Retour à l'état du")
    # Another démarche cannot reach these records.
    other = personas["other_approach"]
    assert (
        client_for(personas["outsider"])
        .post(reverse("strategy:history_revert", args=[other.slug, "axe", deleted_axis.history_id]))
        .status_code
        == 404
    )


def test_history_shows_who_changed_which_field(
    approach: Approach, personas: dict[str, Any], strategy: dict[str, Any]
) -> None:
    axis = strategy["axis"]
    lead = client_for(personas["chef_projet"])
    lead.post(
        reverse("strategy:axis_edit", args=[approach.slug, axis.pk]),
        {"title": "Eau partagée", "description": "", "order": 1, "base_version": axis.version},
    )
    page = page_text(lead.get(reverse("strategy:history", args=[approach.slug])))
    assert "<del>Sécuriser l'eau</del> → Eau partagée" in page
    assert "Revenir à cet état" in page
    partner_page = page_text(
        client_for(personas["partenaire"]).get(reverse("strategy:history", args=[approach.slug]))
    )
    assert "Eau partagée" in partner_page and "Revenir à cet état" not in partner_page
    # Reverting the creation record brings the old title back.
    created = axis.history.filter(history_type="+").get()
    lead.post(reverse("strategy:history_revert", args=[approach.slug, "axe", created.history_id]))
    axis.refresh_from_db()
    assert axis.title == "Sécuriser l'eau" and axis.version == 3
