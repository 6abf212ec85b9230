"""The plan to adopt: what a council would object to, listed before generating; done and
abandoned actions in an annex; per-axis money and each action's yearly breakdown."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from ressort.approaches.models import Approach
from ressort.strategy import documents, plan_checks, services
from ressort.strategy.models import BudgetLine, Funding, SheetStatus
from tests.conftest import page_text
from tests.documents.read import pdf_text, plain
from tests.strategy.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(approach: Approach, strategy: dict[str, Any]) -> dict[str, Any]:
    water = services.create_sheet(
        approach,
        title="Cuves de récupération",
        objective=strategy["objective"],
        pilot_service="Service eau",
        status="planifiee",
        start_date=date(2027, 1, 1),
        end_date=date(2029, 12, 31),
        risks="Retard des financements.",
    )
    BudgetLine.objects.create(sheet=water, kind="investissement", year=2027, planned=480000)
    Funding.objects.create(
        sheet=water, funder="Agence de l'eau", kind="agence", amount=384000, state="acquis"
    )
    done = services.create_sheet(
        approach,
        title="Diagnostic des réseaux",
        objective=strategy["objective"],
        pilot_service="Service eau",
        status=SheetStatus.DONE,
    )
    BudgetLine.objects.create(
        sheet=done, kind="fonctionnement", year=2025, planned=20000, spent=18000
    )
    return {"water": water, "done": done}


def test_warnings_name_what_a_council_would_object_to(
    approach: Approach, plan: dict[str, Any], strategy: dict[str, Any]
) -> None:
    result = plan_checks.check(approach)
    texts = [plain(w.text) for w in result.warnings]
    assert result.kept_out == [plan["done"]]
    assert texts[0].startswith("1 action réalisée ou abandonnée : retirée du plan à adopter")
    # axis 2 has no objective; the objective of axis 1 has an open action: no warning there
    assert not any("L'objectif 1.1" in t for t in texts)
    assert any(
        "« Cuves de récupération » : le plan de financement ne s'équilibre pas (480 000 € de "
        "dépenses, 384 000 € de recettes, 96 000 € non financés)" in t
        for t in texts
    ), texts
    assert any("court de 2027 à 2029 mais tout son budget est inscrit en 2027" in t for t in texts)
    assert "« Cuves de récupération » n'a aucun indicateur de suivi." in texts
    url = reverse("strategy:sheet_detail", args=[approach.slug, plan["water"].pk])
    assert url in [w.url for w in result.warnings]


def test_objective_without_open_action_and_copied_risks(
    approach: Approach, strategy: dict[str, Any], personas: dict[str, Any]
) -> None:
    for n in range(3):
        services.create_sheet(
            approach, title=f"Action {n}", objective=strategy["objective"], risks="Le même."
        )
    lead = personas["chef_projet"]
    services.add_objective(strategy["axis2"], "Planter des haies", user=lead)
    texts = [plain(w.text) for w in plan_checks.check(approach).warnings]
    assert "L'objectif 2.1 « Planter des haies » n'a aucune action à adopter." in texts
    assert any(t.startswith("Les mêmes risques sont recopiés sur 3 fiches") for t in texts)
    assert sum("n'a pas de pilote" in t for t in texts) == 3


def test_balanced_plan_has_no_financing_warning(approach: Approach, plan: dict[str, Any]) -> None:
    Funding.objects.create(sheet=plan["water"], funder="CAPI", kind="autofinancement", amount=96000)
    money = plan_checks.money(plan["water"])
    assert money.balanced and money.net_cost == 96000
    assert not any("financement" in w.text for w in plan_checks.check(approach).warnings)


def test_document_is_a_plan_to_adopt(approach: Approach, plan: dict[str, Any]) -> None:
    blocks = documents.outline(approach)
    text = plain("\n".join(str(c) for _k, c in blocks))
    # the done action is out of the body, in the annex
    annex = blocks.index(("h2", "Annexe : bilan de mise en œuvre"))
    assert not any("Diagnostic des réseaux" in str(c) for _k, c in blocks[:annex])
    assert "Diagnostic des réseaux" in str(blocks[annex:])
    assert blocks[1] == ("h2", "Synthèse")
    assert "Reste à charge de la collectivité, si les financements sollicités sont obtenus" in text
    per_axis = next(
        c for k, c in blocks if k == "table" and c[0].startswith("Budget, financements")
    )
    assert per_axis[2][0][:2] == ["1. Sécuriser l'eau", "480\u202f000\u00a0€"]
    assert per_axis[2][-1][0] == "Total" and per_axis[2][-1][-1] == "96\u202f000\u00a0€"
    yearly = next(c for k, c in blocks if k == "table" and c[0].startswith("Budget par année (c"))
    assert yearly[2][0][0] == "2027" and yearly[2][-1][0] == "Total"
    assert ("h2", "Conclusion") in blocks
    data = documents.build(approach, "pdf")
    assert "Annexe : bilan de mise en œuvre" in pdf_text(data)


def test_overview_lists_the_warnings_before_generating(
    approach: Approach, personas: dict[str, Any], plan: dict[str, Any]
) -> None:
    page = client_for(personas["chef_projet"]).get(
        reverse("strategy:overview", args=[approach.slug])
    )
    text = plain(page_text(page))
    assert "points d'attention avant de produire le plan à adopter" in text
    assert "le plan de financement ne s'équilibre pas" in text
