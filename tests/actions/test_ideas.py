"""Ideas: create, filter, theme, merge duplicates, retain as a draft action; rights."""

from typing import Any

import pytest

from ressort.actions import services
from ressort.actions.models import Action, Idea, Theme
from tests.conftest import page_text

pytestmark = pytest.mark.django_db


def test_empty_state_and_create(approach: Any, client_as: Any, frameworks: None) -> None:
    client = client_as("equipe")
    url = f"/demarches/{approach.slug}/idees/"
    assert "Aucune idée pour l’instant" in page_text(client.get(url))
    response = client.post(
        f"{url}ajouter/",
        {
            "text": "Créer des jardins partagés",
            "source": "atelier",
            "source_label": "Atelier 1",
            "answers": "dimension",
            "dimension_code": "food",
            "proposer": "Léa",
        },
    )
    assert response.status_code == 302
    idea = Idea.objects.get()
    assert idea.approach == approach and idea.dimension_code == "food"
    text = page_text(client.get(url))
    assert "Créer des jardins partagés" in text and "Atelier 1" in text


def test_create_refuses_missing_text(approach: Any, client_as: Any) -> None:
    response = client_as("equipe").post(
        f"/demarches/{approach.slug}/idees/ajouter/", {"source": "equipe"}
    )
    assert response.status_code == 200 and not Idea.objects.exists()
    assert "Ce champ est obligatoire" in page_text(response)


def test_theme_merge_retain(approach: Any, client_as: Any) -> None:
    client = client_as("chef_projet")
    ideas = [services.add_idea(approach, f"Idée {n}", source="equipe") for n in range(4)]
    client.post(f"/demarches/{approach.slug}/idees/themes/", {"name": "Eau"})
    theme = Theme.objects.get(approach=approach)
    op = f"/demarches/{approach.slug}/idees/"
    client.post(op + "ranger/", {"theme": theme.pk, "idees": [ideas[0].pk, ideas[1].pk]})
    assert set(theme.ideas.values_list("pk", flat=True)) == {ideas[0].pk, ideas[1].pk}
    # duplicates merge into the oldest checked idea
    client.post(op + "fusionner/", {"idees": [ideas[3].pk, ideas[2].pk]})
    assert Idea.objects.get(pk=ideas[3].pk).merged_into_id == ideas[2].pk
    # merging a root elsewhere carries its duplicates along
    client.post(op + "fusionner/", {"idees": [ideas[2].pk, ideas[1].pk]})
    assert set(Idea.objects.filter(merged_into=ideas[1]).values_list("pk", flat=True)) == {
        ideas[2].pk,
        ideas[3].pk,
    }
    response = client.post(
        op + "retenir/", {"idees": [ideas[1].pk], "intitule": "Économiser l'eau"}
    )
    action = Action.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/actions/{action.pk}/")
    assert action.title == "Économiser l'eau" and "Idée 1" in action.description
    assert Idea.objects.get(pk=ideas[1].pk).retained
    assert Idea.objects.filter(action=action).count() == 3  # with its merged duplicates


def test_operation_ignores_other_demarche_ideas(
    approach: Any, personas: dict[str, Any], client_as: Any
) -> None:
    foreign = services.add_idea(personas["other_approach"], "Ailleurs", source="equipe")
    client_as("chef_projet").post(
        f"/demarches/{approach.slug}/idees/retenir/",
        {"idees": [foreign.pk]},
    )
    assert not Action.objects.exists()


def test_rights(approach: Any, personas: dict[str, Any], client_as: Any) -> None:
    idea = services.add_idea(approach, "Idée", source="equipe")
    foreign = services.add_idea(personas["other_approach"], "Ailleurs", source="equipe")
    partner = client_as("partenaire")
    assert partner.get(f"/demarches/{approach.slug}/idees/").status_code == 200
    assert (
        partner.post(
            f"/demarches/{approach.slug}/idees/ajouter/", {"text": "x", "source": "equipe"}
        ).status_code
        == 403
    )
    assert partner.get(f"/demarches/{approach.slug}/idees/{idea.pk}/").status_code == 403
    team = client_as("equipe")
    assert team.get(f"/demarches/{approach.slug}/idees/{foreign.pk}/").status_code == 404
    outsider = client_as("outsider")
    assert outsider.get(f"/demarches/{approach.slug}/idees/").status_code == 404
    team.logout()
    assert team.get(f"/demarches/{approach.slug}/idees/").status_code == 302


def test_edit_and_delete(approach: Any, client_as: Any) -> None:
    idea = services.add_idea(approach, "Idée", source="equipe")
    client = client_as("equipe")
    url = f"/demarches/{approach.slug}/idees/{idea.pk}/"
    client.post(url, {"text": "Idée corrigée", "source": "participant"})
    assert Idea.objects.get().text == "Idée corrigée"
    client.post(f"{url}supprimer/")
    assert not Idea.objects.exists()


def test_theme_rename_and_delete(approach: Any, personas: dict[str, Any], client_as: Any) -> None:
    theme = Theme.objects.create(approach=approach, name="Eau")
    Theme.objects.create(approach=approach, name="Énergie")
    idea = services.add_idea(approach, "Idée", source="equipe")
    idea.theme = theme
    idea.save()
    client = client_as("equipe")
    url = f"/demarches/{approach.slug}/idees/themes/{theme.pk}/"
    response = client.post(url, {"name": "Énergie"}, follow=True)
    assert "Le thème «\u00a0Énergie\u00a0» existe déjà." in page_text(response)
    client.post(url, {"name": "Eau et milieux"})
    assert Theme.objects.get(pk=theme.pk).name == "Eau et milieux"
    client.post(f"{url}supprimer/")
    assert not Theme.objects.filter(pk=theme.pk).exists()
    assert Idea.objects.get(pk=idea.pk).theme is None
    foreign = Theme.objects.create(approach=personas["other_approach"], name="Eau")
    assert client.post(f"/demarches/{approach.slug}/idees/themes/{foreign.pk}/").status_code == 404
    assert client_as("partenaire").post(url, {"name": "x"}).status_code in (403, 404)


def test_answer_suggestions_from_fieldwork_and_systems(approach: Any, client_as: Any) -> None:
    from ressort.systems.models import Scenario

    Scenario.objects.create(approach=approach, name="Sécheresses à répétition")
    text = page_text(client_as("equipe").get(f"/demarches/{approach.slug}/idees/"))
    assert '<option value="Sécheresses à répétition">' in text
    assert 'list="reponses-possibles"' in text


def test_what_an_idea_answers_is_a_link(
    approach: Any, personas: dict[str, Any], client_as: Any, frameworks: None
) -> None:
    """A vulnerability or a scenario of the démarche, chosen in a list and shown as a link;
    another démarche's cannot be chosen (issue 23's loose end)."""
    from ressort.systems.models import Scenario
    from tests.fieldwork.factories import vulnerability

    heat = vulnerability(approach, title="Îlots de chaleur")
    foreign = vulnerability(personas["other_approach"], title="Ailleurs")
    client = client_as("equipe")
    url = f"/demarches/{approach.slug}/idees/"
    page = page_text(client.get(url))
    assert "Îlots de chaleur" in page and "Ailleurs" not in page
    base = {"text": "Planter des arbres", "source": "equipe"}
    response = client.post(f"{url}ajouter/", {**base, "vulnerability": foreign.pk})
    assert response.status_code == 200 and not Idea.objects.exists()
    client.post(f"{url}ajouter/", {**base, "vulnerability": heat.pk})
    idea = Idea.objects.get()
    assert (idea.vulnerability, idea.answers) == (heat, "vulnerabilite")
    page = page_text(client.get(url))
    assert f'répond à une vulnérabilité\u00a0: <a href="{heat.get_absolute_url()}">' in page
    scenario = Scenario.objects.create(approach=approach, name="Été 2050 sec")
    response = client.post(
        f"{url}ajouter/",
        {**base, "text": "Les deux", "vulnerability": heat.pk, "scenario": scenario.pk},
    )
    assert "Une idée répond à une vulnérabilité ou à un scénario." in page_text(response)
    client.post(f"{url}ajouter/", {**base, "text": "Réserves d'eau", "scenario": scenario.pk})
    assert Idea.objects.get(text="Réserves d'eau").answers == "scenario"
    assert "Été 2050 sec</a>" in page_text(client.get(url))
