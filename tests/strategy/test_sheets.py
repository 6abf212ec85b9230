"""Action sheets: rights, editing with its parts, the concurrent-edit refusal, history."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from ressort.actions.models import Action
from ressort.approaches.models import Approach, Role
from ressort.strategy import services
from ressort.strategy.models import ActionSheet, BudgetLine, Milestone
from tests.conftest import page_text
from tests.strategy.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def sheet(approach: Approach, strategy: dict[str, Any]) -> ActionSheet:
    return services.create_sheet(
        approach,
        title="Récupérateurs d'eau de pluie",
        objective=strategy["objective"],
        pilot_service="Service eau",
    )


def sheet_post(sheet: ActionSheet, **changes: Any) -> dict[str, Any]:
    data = {
        "objective": sheet.objective_id or "",
        "purpose": sheet.purpose,
        "pilot_service": sheet.pilot_service,
        "pilot_name": sheet.pilot_name,
        "pilot_email": sheet.pilot_email,
        "elected_lead": sheet.elected_lead,
        "partners": sheet.partners,
        "target_public": sheet.target_public,
        "whole_territory": "on" if sheet.whole_territory else "",
        "start_date": "",
        "end_date": "",
        "status": sheet.status,
        "progress": sheet.progress,
        "prerequisites": "",
        "risks": "",
        "skills": "",
        "base_version": sheet.version,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != "" or k in ("objective",)}


def test_pages_read_by_members_and_404_elsewhere(
    approach: Approach, personas: dict[str, Any], sheet: ActionSheet
) -> None:
    urls = [
        reverse("strategy:sheet_detail", args=[approach.slug, sheet.pk]),
        reverse("strategy:sheet_history", args=[approach.slug, sheet.pk]),
        reverse("strategy:sheet_geojson", args=[approach.slug, sheet.pk]),
    ]
    for url in urls:
        for role in Role:
            assert client_for(personas[role.value]).get(url).status_code == 200, (url, role)
        assert client_for(personas["outsider"]).get(url).status_code == 404
    # Another démarche's URL with this sheet's number is a 404 for its own members.
    other = personas["other_approach"].slug
    outsider = client_for(personas["outsider"])
    assert outsider.get(reverse("strategy:sheet_detail", args=[other, sheet.pk])).status_code == 404
    assert (
        outsider.post(reverse("strategy:sheet_delete", args=[other, sheet.pk])).status_code == 404
    )
    assert ActionSheet.objects.filter(pk=sheet.pk).exists()


def test_partner_cannot_write_a_sheet(
    approach: Approach, personas: dict[str, Any], sheet: ActionSheet
) -> None:
    partner = client_for(personas["partenaire"])
    edit = reverse("strategy:sheet_edit", args=[approach.slug, sheet.pk])
    assert partner.get(edit).status_code == 403
    assert partner.post(edit, sheet_post(sheet, progress=90)).status_code == 403
    add = reverse("strategy:part_add", args=[approach.slug, sheet.pk, "budget"])
    assert (
        partner.post(add, {"kind": "investissement", "year": 2027, "planned": 5}).status_code == 403
    )
    detail = page_text(
        partner.get(reverse("strategy:sheet_detail", args=[approach.slug, sheet.pk]))
    )
    assert "Modifier la fiche" not in detail and "Ajouter une ligne de budget" not in detail
    sheet.refresh_from_db()
    assert sheet.progress == 0 and not sheet.budget_lines.exists()


def test_agent_creates_and_fills_a_sheet(
    approach: Approach, personas: dict[str, Any], strategy: dict[str, Any], territories: Any
) -> None:
    agent = client_for(personas["equipe"])
    slug = approach.slug
    action = Action.objects.create(approach=approach, title="Haies bocagères")
    page = page_text(agent.get(reverse("strategy:sheet_add", args=[slug])))
    assert "Haies bocagères" in page
    refused = agent.post(reverse("strategy:sheet_add", args=[slug]), {"objective": ""})
    assert refused.status_code == 422
    assert "l’un ou l’autre" in page_text(refused)
    response = agent.post(
        reverse("strategy:sheet_add", args=[slug]),
        {"objective": strategy["objective"].pk, "action": action.pk},
    )
    sheet = ActionSheet.objects.get(action=action)
    assert response.status_code == 302 and sheet.objective == strategy["objective"]
    # Only some communes: at least one must be ticked; the end may not precede the start.
    edit = reverse("strategy:sheet_edit", args=[slug, sheet.pk])
    bad = agent.post(
        edit,
        sheet_post(sheet, whole_territory="", start_date="2027-05-01", end_date="2027-01-01"),
    )
    assert bad.status_code == 422
    text = page_text(bad)
    assert "Cochez au moins une commune" in text and "La fin prévue précède le début." in text
    ok = agent.post(
        edit,
        sheet_post(
            sheet,
            whole_territory="",
            commune_codes=["38553"],
            start_date="2027-01-01",
            end_date="2028-12-31",
            status="planifiee",
            progress=10,
            pilot_email="haies@example.org",
        ),
    )
    assert ok.status_code == 302, page_text(ok)
    sheet.refresh_from_db()
    assert sheet.commune_codes == ["38553"] and sheet.status == "planifiee"
    geo = agent.get(reverse("strategy:sheet_geojson", args=[slug, sheet.pk])).json()
    marked = {f["properties"]["code"]: f["properties"]["concernee"] for f in geo["features"]}
    assert marked == {"38053": False, "38553": True}
    # Parts: a budget line (negative refused), a milestone, an indicator.
    add_budget = reverse("strategy:part_add", args=[slug, sheet.pk, "budget"])
    negative = agent.post(
        add_budget, {"kind": "investissement", "year": 2027, "planned": "-3", "spent": "0"}
    )
    assert negative.status_code == 422 and "ne peut pas être négatif" in page_text(negative)
    agent.post(
        add_budget,
        {
            "kind": "investissement",
            "year": 2027,
            "label": "Plants",
            "planned": "12000",
            "spent": "0",
        },
    )
    agent.post(
        reverse("strategy:part_add", args=[slug, sheet.pk, "jalon"]),
        {"title": "Plantation", "due_date": "2027-11-15"},
    )
    no_label = agent.post(
        reverse("strategy:part_add", args=[slug, sheet.pk, "indicateur"]),
        {"kind": "realisation", "label": ""},
    )
    assert "Choisissez un indicateur du portrait ou nommez-le ici." in page_text(no_label)
    agent.post(
        reverse("strategy:part_add", args=[slug, sheet.pk, "indicateur"]),
        {
            "kind": "realisation",
            "label": "Mètres de haies plantés",
            "unit": "m",
            "target": "5000",
            "target_year": "2028",
            "baseline": "0",
            "baseline_year": "2026",
        },
    )
    detail = page_text(agent.get(reverse("strategy:sheet_detail", args=[slug, sheet.pk])))
    assert "Plants" in detail and "12 000" in detail.replace("\u202f", " ").replace("\xa0", " ")
    assert "Plantation" in detail and "Mètres de haies plantés" in detail
    assert "Villefontaine" in detail
    line = BudgetLine.objects.get(sheet=sheet)
    # Deleting a part, then the history of the sheet shows it all.
    agent.post(reverse("strategy:part_delete", args=[slug, sheet.pk, "budget", line.pk]))
    assert not BudgetLine.objects.filter(pk=line.pk).exists()
    history = page_text(agent.get(reverse("strategy:sheet_history", args=[slug, sheet.pk])))
    assert (
        "Ligne de budget «\u00a0Investissement 2027 — Plants (Haies bocagères)\u00a0» — suppression"
        in history
    )
    assert "Jalon «\u00a0Plantation (Haies bocagères)\u00a0» — création" in history
    assert "equipe@example.org" in history or personas["equipe"].display_name in history


def test_second_concurrent_save_of_a_sheet_is_refused_field_by_field(
    approach: Approach, personas: dict[str, Any], sheet: ActionSheet
) -> None:
    url = reverse("strategy:sheet_edit", args=[approach.slug, sheet.pk])
    lead = client_for(personas["chef_projet"])
    agent = client_for(personas["equipe"])
    opened = sheet_post(sheet)  # both open the form at the same version
    first = lead.post(url, {**opened, "progress": 30, "pilot_name": "Aline Martin"})
    assert first.status_code == 302
    second = agent.post(url, {**opened, "progress": 50, "status": "engagee"})
    assert second.status_code == 409
    text = page_text(second)
    assert "Vos modifications n’ont pas été enregistrées" in text
    assert "a enregistré cette fiche" in text
    # The table names the fields the lead changed, with before / now / mine.
    assert "avancement (%)" in text and "pilote (personne)" in text
    assert "Aline Martin" in text
    sheet.refresh_from_db()
    assert (sheet.progress, sheet.pilot_name, sheet.status) == (30, "Aline Martin", "idee")
    # The agent's values are kept in the form, which now carries the current version.
    assert 'name="progress" value="50"' in second.content.decode()
    assert f'name="base_version" value="{sheet.version}"' in second.content.decode()


def test_milestone_edit_is_versioned_too(
    approach: Approach, personas: dict[str, Any], sheet: ActionSheet
) -> None:
    milestone = Milestone.objects.create(sheet=sheet, title="Marché", due_date="2027-03-01")
    url = reverse("strategy:part_edit", args=[approach.slug, sheet.pk, "jalon", milestone.pk])
    a = client_for(personas["chef_projet"])
    b = client_for(personas["equipe"])
    base = {"title": "Marché", "due_date": "2027-03-01", "base_version": 1}
    assert a.post(url, {**base, "done_on": "2027-03-02"}).status_code == 302
    refused = b.post(url, {**base, "title": "Marché public"})
    assert refused.status_code == 409 and "atteint le" in page_text(refused)
    milestone.refresh_from_db()
    assert milestone.title == "Marché" and str(milestone.done_on) == "2027-03-02"


def test_a_deleted_sheet_comes_back_from_history(
    approach: Approach, personas: dict[str, Any], sheet: ActionSheet
) -> None:
    BudgetLine.objects.create(sheet=sheet, kind="investissement", year=2027, planned=100)
    lead = client_for(personas["chef_projet"])
    lead.post(reverse("strategy:sheet_delete", args=[approach.slug, sheet.pk]))
    assert not ActionSheet.objects.filter(pk=sheet.pk).exists()
    assert Action.objects.filter(pk=sheet.action_id).exists()
    record = ActionSheet.history.get(id=sheet.pk, history_type="-")
    lead.post(reverse("strategy:history_revert", args=[approach.slug, "fiche", record.history_id]))
    restored = ActionSheet.objects.get(pk=sheet.pk)
    assert restored.pilot_service == "Service eau"
    line_record = BudgetLine.history.get(sheet_id=sheet.pk, history_type="-")
    lead.post(
        reverse("strategy:history_revert", args=[approach.slug, "budget", line_record.history_id])
    )
    assert restored.budget_lines.get().planned == 100


def test_deleting_an_objective_detaches_its_sheets_in_history(
    approach: Approach, personas: dict[str, Any], sheet: ActionSheet, strategy: dict[str, Any]
) -> None:
    lead = client_for(personas["chef_projet"])
    objective = strategy["objective"]
    lead.post(reverse("strategy:objective_delete", args=[approach.slug, objective.pk]))
    sheet.refresh_from_db()
    assert sheet.objective is None and sheet.version == 2
    record = sheet.history.first()
    assert record.history_change_reason == "Objectif supprimé"
    assert record.history_user == personas["chef_projet"]
    overview = page_text(lead.get(reverse("strategy:overview", args=[approach.slug])))
    assert "Fiches action hors objectif" in overview
    # Restoring the objective, then the sheet's previous state, puts it back in place.
    lead.post(
        reverse(
            "strategy:history_revert",
            args=[approach.slug, "objectif", objective.history.get(history_type="-").history_id],
        )
    )
    before = sheet.history.filter(version=1).get()
    lead.post(reverse("strategy:history_revert", args=[approach.slug, "fiche", before.history_id]))
    sheet.refresh_from_db()
    assert sheet.objective_id == objective.pk
