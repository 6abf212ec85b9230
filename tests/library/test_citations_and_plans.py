"""Cited passages, consistency with the plans in force, and the action plan's import."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ressort.actions.models import Action, Idea, Theme
from ressort.approaches.models import Approach
from ressort.fieldwork.models import Vulnerability
from ressort.library import plan_import, services
from ressort.library.models import Citation, ConsistencyCheck, Passage, PlanObjective, Verdict
from ressort.library.samples import minimal_pdf, xlsx_bytes
from ressort.systems.models import ImpactChain
from tests.conftest import page_text

pytestmark = pytest.mark.django_db


def base(approach: Approach) -> str:
    return f"/demarches/{approach.slug}/"


@pytest.fixture
def pcaet(approach: Approach) -> Any:
    return services.add_document(
        approach,
        minimal_pdf([["Orientation 2 : adapter le territoire aux canicules."]]),
        "pcaet.pdf",
        title="PCAET",
        kind="pcaet",
    )


def test_a_passage_is_cited_on_each_kind_of_target_and_shown_there(
    approach: Approach, pcaet: Any, client_as: Any
) -> None:
    vulnerability = Vulnerability.objects.create(approach=approach, title="Écoles sans ombre")
    chain = ImpactChain.objects.create(approach=approach, name="Canicule")
    action = Action.objects.create(approach=approach, title="Végétaliser les cours d'école")
    passage = Passage.objects.create(document=pcaet, excerpt="Adapter le territoire aux canicules")
    client = client_as("facilitateur")
    for key in (
        f"vulnerabilite:{vulnerability.pk}",
        f"chaine:{chain.pk}",
        f"action:{action.pk}",
        "dimension:health",
    ):
        response = client.post(
            base(approach) + f"bibliotheque/passages/{passage.pk}/citer/", {"target": key}
        )
        assert response.status_code == 302
    assert passage.citations.count() == 4
    for url in (
        f"terrain/inventaire/vulnerabilite/{vulnerability.pk}/",
        f"actions/{action.pk}/",
        "bibliotheque/passages-cites/?dimension=health",
        f"bibliotheque/{pcaet.pk}/",
    ):
        page = page_text(client.get(base(approach) + url))
        assert "Adapter le territoire aux canicules" in page, url


def test_a_passage_cannot_be_cited_on_another_demarches_object(
    approach: Approach, pcaet: Any, personas: dict[str, Any], client_as: Any
) -> None:
    foreign = Action.objects.create(approach=personas["other_approach"], title="Ailleurs")
    passage = Passage.objects.create(document=pcaet, excerpt="Un passage")
    with pytest.raises(ValueError, match="n'appartient pas"):
        services.cite(passage, f"action:{foreign.pk}")
    with pytest.raises(ValueError, match="n'existe pas"):
        services.cite(passage, "dimension:nope")
    client = client_as("outsider")
    other = personas["other_approach"]
    response = client.post(
        base(other) + f"bibliotheque/passages/{passage.pk}/citer/", {"target": "dimension:water"}
    )
    assert response.status_code == 404
    assert not Citation.objects.exists()


def test_actions_are_checked_against_the_objectives_and_shown_on_the_sheet(
    approach: Approach, pcaet: Any, client_as: Any
) -> None:
    objective = PlanObjective.objects.create(document=pcaet, code="O2", text="Canicules")
    action = Action.objects.create(approach=approach, title="Climatiser la mairie")
    client = client_as("facilitateur")
    url = base(approach) + f"bibliotheque/coherence/actions/{action.pk}/"
    save = f"{url}enregistrer/"
    response = client.post(save, {f"verdict-{objective.pk}": "tension"})
    assert response.status_code == 200
    assert "une tension doit être justifiée" in page_text(response)
    assert not ConsistencyCheck.objects.exists()
    client.post(
        save,
        {
            f"verdict-{objective.pk}": "tension",
            f"justification-{objective.pk}": "La climatisation accroît la chaleur dehors.",
        },
    )
    check = ConsistencyCheck.objects.get()
    assert check.verdict == Verdict.TENSION
    page = page_text(client.get(base(approach) + f"actions/{action.pk}/"))
    assert "Cohérence avec les documents en vigueur" in page
    assert "<strong>En tension</strong> avec PCAET (O2)" in page
    partner = client_as("partenaire")
    assert partner.get(url).status_code == 200
    assert partner.post(save, {f"verdict-{objective.pk}": "neutre"}).status_code == 403


def test_objectives_are_recorded_on_regulatory_plans_only(
    approach: Approach, pcaet: Any, client_as: Any
) -> None:
    study = services.add_document(
        approach, minimal_pdf([["Étude"]]), "etude.pdf", title="Étude", kind="etude"
    )
    client = client_as("facilitateur")
    client.post(base(approach) + f"bibliotheque/{pcaet.pk}/objectifs/", {"text": "Sobriété"})
    client.post(base(approach) + f"bibliotheque/{study.pk}/objectifs/", {"text": "Rien"})
    assert list(PlanObjective.objects.values_list("text", flat=True)) == ["Sobriété"]


# --- Import of an existing action plan ----------------------------------------------------------


def upload(client: Any, approach: Approach, name: str, data: bytes, into: str) -> Any:
    return client.post(
        base(approach) + "bibliotheque/importer-un-plan/importer/",
        {"upload": SimpleUploadedFile(name, data), "into": into, "source_label": "PCAET 2020"},
    )


def test_a_pcaet_action_table_becomes_ideas_or_actions(approach: Approach, client_as: Any) -> None:
    client = client_as("facilitateur")
    table = xlsx_bytes(
        [
            ["N°", "Intitulé de l'action", "Descriptif", "Axe"],
            ["1.1", "Rénover les écoles", "Isolation des toitures", "Bâtiments"],
            ["1.2", "Planter des haies", "", "Agriculture"],
        ]
    )
    response = upload(client, approach, "plan.xlsx", table, "idees")
    assert response.status_code == 302
    ideas = list(Idea.objects.filter(approach=approach).order_by("pk"))
    assert [i.text for i in ideas] == [
        "1.1 Rénover les écoles\nIsolation des toitures",
        "1.2 Planter des haies",
    ]
    assert ideas[0].source_label == "PCAET 2020" and ideas[0].theme.name == "Bâtiments"
    csv = "Intitulé;Description;Thème\nSobriété de l'éclairage;Extinction à 23 h;Énergie\n"
    upload(client, approach, "plan.csv", csv.encode(), "politiques")
    action = Action.objects.get(approach=approach)
    assert action.kind == Action.Kind.POLICY and action.theme == Theme.objects.get(name="Énergie")


def test_every_fault_of_the_plan_is_located_and_nothing_is_imported(
    approach: Approach, client_as: Any
) -> None:
    client = client_as("facilitateur")
    csv = f"Numéro;Intitulé;Description\n1;Rénover;ok\n2;;sans intitulé\n3;{'x' * 201};trop long\n"
    response = upload(client, approach, "plan.csv", csv.encode(), "actions")
    page = page_text(response)
    assert "Rien n’est importé" in page
    assert "Ligne 3, colonne «\u00a0Intitulé\u00a0»\u00a0: valeur manquante." in page
    assert "Ligne 4\u00a0: l'intitulé fait 201 caractères\u00a0: 200 au plus." in page
    assert not Action.objects.filter(approach=approach).exists()
    response = upload(client, approach, "plan.csv", b"Titre du plan;Budget\nA;3\n", "actions")
    assert (
        "Ligne 1, colonne «\u00a0Intitulé\u00a0»\u00a0: colonne obligatoire absente"
        in page_text(response)
    )
    response = upload(client, approach, "plan.pdf", b"%PDF", "actions")
    assert "Format non pris en charge" in page_text(response)
    assert not Action.objects.filter(approach=approach).exists()


def test_the_export_mirrors_the_import(approach: Approach, client_as: Any) -> None:
    theme = Theme.objects.create(approach=approach, name="Eau")
    Action.objects.create(approach=approach, title="=Réserver l'eau", description="D", theme=theme)
    client = client_as("partenaire")
    response = client.get(base(approach) + "bibliotheque/plan-d-actions.csv?quoi=actions")
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0] == "Numéro;Intitulé;Description;Thème"
    assert "'=Réserver l'eau" in text  # a formula neutralised
    rows = plan_import.read_plan(response.content, "plan.csv")
    assert rows[0]["title"] == "=Réserver l'eau" and rows[0]["theme"] == "Eau"
    xlsx = client.get(base(approach) + "bibliotheque/plan-d-actions.xlsx?quoi=actions")
    assert plan_import.read_plan(xlsx.content, "plan.xlsx")[0]["description"] == "D"


def test_the_strategy_document_lists_the_action_sheets_consistency(
    approach: Approach, pcaet: Any
) -> None:
    from ressort.strategy.documents import _sheet_blocks
    from ressort.strategy.models import ActionSheet

    objective = PlanObjective.objects.create(document=pcaet, code="O2", text="Canicules")
    action = Action.objects.create(approach=approach, title="Ombrager les cours")
    services.record_consistency(action, objective, Verdict.COMPATIBLE, "Moins de chaleur.")
    sheet = ActionSheet.objects.create(approach=approach, action=action)
    fields = next(b[1] for b in _sheet_blocks(sheet, {}) if b[0] == "fields")
    assert [
        "Cohérence avec les documents en vigueur",
        "Compatible avec PCAET (O2)\u00a0: Moins de chaleur.",
    ] in fields
