"""Governance pages: rights (roles, outsiders, other démarches' objects), the journeys of the
register, MACTOR, conflicts and agreements, and every form fault."""

from __future__ import annotations

from typing import Any

import pytest

from ressort.approaches.models import Approach
from ressort.governance.models import (
    Actor,
    ActorCategory,
    ActorLink,
    Agreement,
    Conflict,
    ConflictParty,
    MactorInfluence,
    MactorObjective,
    MactorStudy,
)
from tests.analysis.test_mactor import WORKED
from tests.conftest import page_text
from tests.governance.test_services import worked_study

pytestmark = pytest.mark.django_db


def base(approach: Approach) -> str:
    return f"/demarches/{approach.slug}/"


# --- Rights ----------------------------------------------------------------------------------


def test_pages_for_every_role_and_404_for_outsiders(
    approach: Approach, actors: list[Actor], client_as: Any
) -> None:
    study = worked_study(approach, actors)
    conflict = Conflict.objects.create(approach=approach, title="Eau d'été")
    pages = [
        "acteurs/",
        "acteurs/carte/",
        "jeux-d-acteurs/",
        f"jeux-d-acteurs/{study.pk}/",
        f"jeux-d-acteurs/{study.pk}/influences/",
        f"jeux-d-acteurs/{study.pk}/positions/",
        f"jeux-d-acteurs/{study.pk}/resultats/",
        "conflits/",
        f"conflits/{conflict.pk}/",
        "cooperation/",
    ]
    for who in ("facilitateur", "equipe", "partenaire"):
        client = client_as(who)
        for page in pages:
            assert client.get(base(approach) + page).status_code == 200, (who, page)
    outsider = client_as("outsider")
    for page in pages:
        assert outsider.get(base(approach) + page).status_code == 404, page


def test_a_partner_reads_but_cannot_write(
    approach: Approach, actors: list[Actor], client_as: Any
) -> None:
    study = worked_study(approach, actors)
    partner = client_as("partenaire")
    text = page_text(partner.get(base(approach) + "acteurs/"))
    assert "Ajouter un acteur" not in text
    matrix = page_text(partner.get(base(approach) + f"jeux-d-acteurs/{study.pk}/influences/"))
    assert "<input" not in matrix.split("<table", 1)[1]  # the values, read-only
    for url, data in (
        ("acteurs/ajouter/", {"name": "X", "category": "autre", "scale": "communale"}),
        (f"jeux-d-acteurs/{study.pk}/objectifs/", {"name": "Nouveau"}),
        (f"jeux-d-acteurs/{study.pk}/influences/enregistrer/", {}),
        ("conflits/ajouter/", {"title": "X"}),
    ):
        assert partner.post(base(approach) + url, data).status_code == 403, url
    assert not Actor.objects.filter(name="X").exists()
    assert not MactorObjective.objects.filter(name="Nouveau").exists()


def test_another_demarches_objects_are_404(
    approach: Approach, actors: list[Actor], personas: dict[str, Any], client_as: Any
) -> None:
    other = personas["other_approach"]
    foreign_actor = Actor.objects.create(approach=other, name="Ailleurs")
    foreign_study = MactorStudy.objects.create(approach=other, title="Ailleurs")
    foreign_objective = MactorObjective.objects.create(study=foreign_study, name="Ailleurs")
    foreign_conflict = Conflict.objects.create(approach=other, title="Ailleurs")
    foreign_party = ConflictParty.objects.create(conflict=foreign_conflict, name="Ailleurs")
    foreign_agreement = Agreement.objects.create(approach=other, title="Ailleurs", purpose="x")
    client = client_as("facilitateur")
    for url in (
        f"acteurs/{foreign_actor.pk}/",
        f"acteurs/{foreign_actor.pk}/supprimer/",
        f"jeux-d-acteurs/{foreign_study.pk}/",
        f"jeux-d-acteurs/{foreign_study.pk}/influences/",
        f"jeux-d-acteurs/{foreign_study.pk}/resultats/",
        f"jeux-d-acteurs/objectifs/{foreign_objective.pk}/",
        f"conflits/{foreign_conflict.pk}/",
        f"conflits/parties/{foreign_party.pk}/supprimer/",
        f"cooperation/{foreign_agreement.pk}/",
    ):
        assert client.get(base(approach) + url).status_code == 404, url
    assert client.post(base(approach) + f"acteurs/{foreign_actor.pk}/supprimer/").status_code == 404
    assert Actor.objects.filter(pk=foreign_actor.pk).exists()
    # Another démarche's actor cannot be linked, chosen in a study, or made a party.
    study = MactorStudy.objects.create(approach=approach, title="Ici")
    response = client.post(
        base(approach) + f"jeux-d-acteurs/{study.pk}/acteurs/",
        {"actors": [actors[0].pk, foreign_actor.pk]},
    )
    assert response.status_code == 400 and not study.participants.exists()
    response = client.post(
        base(approach) + "acteurs/liens/ajouter/",
        {"source": actors[0].pk, "target": foreign_actor.pk, "kind": "conflit"},
    )
    assert response.status_code == 200 and not ActorLink.objects.exists()


# --- The register and the map ----------------------------------------------------------------


def test_register_actors_and_links(approach: Approach, actors: list[Actor], client_as: Any) -> None:
    client = client_as("equipe")
    response = client.post(
        base(approach) + "acteurs/ajouter/",
        {
            "name": "Syndicat de rivière",
            "category": ActorCategory.AUTHORITY,
            "scale": "intercommunale",
            "contact_name": "Mme Rivière",
            "contact_email": "riviere@example.org",
            "bodies": ["copil", "acteur"],
            "interest": 4,
            "influence": 2,
        },
    )
    assert response.status_code == 302
    river = Actor.objects.get(name="Syndicat de rivière")
    assert river.bodies == ["copil", "acteur"]
    duplicate = client.post(
        base(approach) + "acteurs/ajouter/",
        {
            "name": "commune",
            "category": "autre",
            "scale": "communale",
            "interest": 2,
            "influence": 2,
        },
    )
    assert "Un acteur de ce nom est déjà dans le registre." in page_text(duplicate)
    bad_email = client.post(
        base(approach) + "acteurs/ajouter/",
        {
            "name": "Nouveau",
            "category": "autre",
            "scale": "communale",
            "contact_email": "pas une adresse",
            "interest": 2,
            "influence": 2,
        },
    )
    assert bad_email.status_code == 200 and 'value="pas une adresse"' in bad_email.content.decode()
    link_url = base(approach) + "acteurs/liens/ajouter/"
    same = client.post(link_url, {"source": river.pk, "target": river.pk, "kind": "cooperation"})
    assert "Un lien relie deux acteurs différents." in page_text(same)
    link = {"source": river.pk, "target": actors[2].pk, "kind": "cooperation"}
    assert client.post(link_url, link).status_code == 302
    again = client.post(link_url, link)
    assert "Ce lien est déjà enregistré." in page_text(again)
    text = page_text(client.get(base(approach) + "acteurs/"))
    assert "Syndicat de rivière" in text and "Comité de pilotage" in text
    assert "Syndicat de rivière</strong> → <strong>Association" in text
    drawn = page_text(client.get(base(approach) + "acteurs/carte/"))
    assert "<svg" in drawn and "Le réseau en liste" in drawn
    assert "Syndicat de rivière → Association\u00a0: coopération" in drawn.replace(
        "&nbsp;", "\u00a0"
    )
    assert "Influence faible, intérêt fort" in drawn
    client.post(base(approach) + f"acteurs/{river.pk}/supprimer/")
    assert not Actor.objects.filter(pk=river.pk).exists() and not ActorLink.objects.exists()


# --- MACTOR ----------------------------------------------------------------------------------


def test_mactor_journey(approach: Approach, actors: list[Actor], client_as: Any) -> None:
    client = client_as("equipe")
    response = client.post(base(approach) + "jeux-d-acteurs/ajouter/", {"title": "L'eau"})
    study = MactorStudy.objects.get(title="L'eau")
    study_url = base(approach) + f"jeux-d-acteurs/{study.pk}/"
    assert response["Location"] == study_url
    one = client.post(study_url + "acteurs/", {"actors": [actors[0].pk]})
    assert one.status_code == 400 and "Choisissez au moins deux acteurs." in page_text(one)
    client.post(study_url + "acteurs/", {"actors": [a.pk for a in actors]})
    assert study.participants.count() == 3
    for name in WORKED["objectives"]:
        client.post(study_url + "objectifs/", {"name": name})
    duplicate = client.post(study_url + "objectifs/", {"name": " préserver l'eau"})
    assert "Cet objectif est déjà dans l’analyse." in page_text(duplicate)
    assert study.objectives.count() == 2

    # The study lists its actors in the register's order (by name); WORKED in its own.
    people = list(study.participants.select_related("actor"))
    at = {name: index for index, name in enumerate(WORKED["actors"])}
    objectives = list(study.objectives.all())
    grid = {"mid-TOTAL_FORMS": "3", "mid-INITIAL_FORMS": "3"}
    for i, row in enumerate(people):
        for column in people:
            if row != column:
                value = WORKED["influences"][at[row.actor.name]][at[column.actor.name]]
                grid[f"mid-{i}-c{column.pk}"] = str(value)
    chamber = next(i for i, p in enumerate(people) if p.actor.name == "Chambre d'agriculture")
    association = next(p for p in people if p.actor.name == "Association")
    faulty = dict(grid, **{f"mid-{chamber}-c{association.pk}": "7"})
    response = client.post(study_url + "influences/enregistrer/", faulty)
    assert response.status_code == 400
    text = page_text(response)
    assert "Rien n’est enregistré" in text
    assert "colonne «\u00a0Association\u00a0»\u00a0: la valeur doit être comprise entre 0 et 4" in (
        text.replace("&nbsp;", "\u00a0")
    )
    assert 'value="7"' in text and 'aria-invalid="true"' in text
    assert not MactorInfluence.objects.exists()
    assert client.post(study_url + "influences/enregistrer/", grid).status_code == 302

    positions = {"mao-TOTAL_FORMS": "3", "mao-INITIAL_FORMS": "3"}
    for i, row in enumerate(people):
        for j, objective in enumerate(objectives):
            value = WORKED["positions"][at[row.actor.name]][j]
            positions[f"mao-{i}-c{objective.pk}"] = str(value)
    assert client.post(study_url + "positions/enregistrer/", positions).status_code == 302
    page = page_text(client.get(study_url + "positions/"))
    assert 'value="-4"' in page

    results = page_text(client.get(study_url + "resultats/"))
    assert "1,93" in results  # r* of the Commune, 27/14, with a decimal comma
    assert "0,49" in results  # its ambivalence, 34/69
    assert "7,3" in results  # mobilisation on the first objective, 51/7
    assert "dominant" in results and "Graphe des convergences" in results


def test_results_of_an_incomplete_study(approach: Approach, client_as: Any) -> None:
    study = MactorStudy.objects.create(approach=approach, title="Vide")
    text = page_text(
        client_as("partenaire").get(base(approach) + f"jeux-d-acteurs/{study.pk}/resultats/")
    )
    assert "Il faut au moins deux acteurs et un objectif" in text


# --- Conflicts and agreements ----------------------------------------------------------------


def test_conflict_journey(approach: Approach, actors: list[Actor], client_as: Any) -> None:
    client = client_as("equipe")
    response = client.post(
        base(approach) + "conflits/ajouter/",
        {"title": "Eau d'été", "kind": "acteurs", "status": "ouvert", "process": "mediation"},
    )
    conflict = Conflict.objects.get()
    detail = base(approach) + f"conflits/{conflict.pk}/"
    assert response["Location"] == detail
    nameless = client.post(detail + "parties/", {"party-position": "Contre"})
    assert nameless.status_code == 400
    assert "Choisissez un acteur du registre ou écrivez le nom de la partie." in page_text(nameless)
    assert "Contre" in page_text(nameless)  # what was typed stays
    client.post(
        detail + "parties/",
        {"party-actor": actors[1].pk, "party-position": "Irriguer", "party-interests": "Récoltes"},
    )
    client.post(detail + "parties/", {"party-name": "Pêcheurs", "party-position": "Débit"})
    client.post(detail + "options/", {"option-title": "Tours d'eau", "option-retained": "on"})
    bad_date = client.post(
        detail + "rencontres/", {"meeting-held_on": "31/02/2026", "meeting-summary": "x"}
    )
    assert bad_date.status_code == 400 and not conflict.meetings.exists()
    client.post(
        detail + "rencontres/",
        {"meeting-held_on": "2026-03-10", "meeting-summary": "Première séance"},
    )
    text = page_text(client.get(detail))
    assert "Chambre d'agriculture" in text and "Pêcheurs" in text and "Récoltes" in text
    assert "Tours d'eau" in text and "retenue" in text and "10\u00a0mars 2026" in text
    assert "Médiation" in text
    party = conflict.parties.get(name="Pêcheurs")
    client.post(base(approach) + f"conflits/parties/{party.pk}/supprimer/")
    assert conflict.parties.count() == 1
    listing = page_text(client.get(base(approach) + "conflits/"))
    assert "Eau d'été" in listing and "Chambre d'agriculture" in listing


def test_agreement_journey(approach: Approach, actors: list[Actor], client_as: Any) -> None:
    client = client_as("equipe")
    url = base(approach) + "cooperation/ajouter/"
    data = {
        "title": "Contrat de réciprocité",
        "kind": "reciprocite",
        "purpose": "Des légumes pour les cantines",
        "parties": [actors[0].pk, actors[2].pk],
        "start_date": "2027-01-01",
        "end_date": "2026-01-01",
    }
    backwards = client.post(url, data)
    assert "La fin ne peut pas précéder le début." in page_text(backwards)
    assert not Agreement.objects.exists()
    data["end_date"] = "2028-12-31"
    assert client.post(url, data).status_code == 302
    text = page_text(client.get(base(approach) + "cooperation/"))
    assert "Contrat de réciprocité" in text and "Association, Commune" in text
    assert "du 1er\u00a0janvier 2027 au 31\u00a0décembre 2028" in text
    assert "Contrat de réciprocité" in page_text(client.get(base(approach) + "acteurs/carte/"))


def test_the_action_sheet_shows_its_agreements_and_conflicts(
    approach: Approach, actors: list[Actor], client_as: Any
) -> None:
    from ressort.actions.models import Action
    from ressort.strategy.models import ActionSheet

    action = Action.objects.create(approach=approach, title="Légumerie")
    sheet = ActionSheet.objects.create(approach=approach, action=action)
    url = base(approach) + f"strategie/fiches/{sheet.pk}/"
    assert "Coopérations et conflits" not in page_text(client_as("partenaire").get(url))
    agreement = Agreement.objects.create(approach=approach, title="Réciprocité", purpose="x")
    agreement.actions.add(action)
    conflict = Conflict.objects.create(approach=approach, title="Eau d'été", status="apaise")
    conflict.actions.add(action)
    text = page_text(client_as("partenaire").get(url))
    assert "Accord de coopération\u00a0: " in text.replace("&nbsp;", "\u00a0")
    assert "Réciprocité" in text and "Eau d'été</a> (apaisé)" in text


def test_raci_of_the_demarche(approach: Approach, actors: list[Actor], client_as: Any) -> None:
    from ressort.governance.models import RaciAssignment

    commune, chamber, association = actors
    url = base(approach) + "gouvernance-interne/"
    assert "Étape 3A" in page_text(client_as("partenaire").get(url))
    assert client_as("partenaire").post(url + "enregistrer/", {}).status_code == 403
    client = client_as("equipe")
    two_leads = {
        f"r{commune.pk}_1": "A",
        f"r{chamber.pk}_1": "A",
        f"r{association.pk}_2": "C",
    }
    response = client.post(url + "enregistrer/", two_leads)
    assert response.status_code == 400
    text = page_text(response).replace("&nbsp;", "\u00a0")
    assert "Étape 1\u00a0: une seule partie rend compte (A), ici 2\u00a0:" in text
    assert "Chambre d'agriculture" in text
    assert f'name="r{association.pk}_2"' in text
    kept = text.split(f'name="r{association.pk}_2"', 1)[1].split("</select>", 1)[0]
    assert '<option value="C" selected>' in kept  # what was chosen stays
    assert not RaciAssignment.objects.exists()
    bad = client.post(url + "enregistrer/", {f"r{commune.pk}_1": "Z"})
    assert bad.status_code == 400 and not RaciAssignment.objects.exists()
    assert "Rôle de «\u00a0Commune\u00a0» à l’étape 1" in page_text(bad)
    two_leads[f"r{chamber.pk}_1"] = "R"
    assert client.post(url + "enregistrer/", two_leads).status_code == 302
    assert set(RaciAssignment.objects.values_list("actor__name", "step", "role")) == {
        ("Commune", "1", "A"),
        ("Chambre d'agriculture", "1", "R"),
        ("Association", "2", "C"),
    }


def test_internal_governance_diagnosis(approach: Approach, client_as: Any) -> None:
    from ressort.governance.models import GovernanceDiagnosis

    url = base(approach) + "gouvernance-interne/diagnostic/"
    partner = client_as("partenaire")
    assert "Circuits de décision" in page_text(partner.get(url))
    assert partner.post(url + "enregistrer/", {}).status_code == 403
    client = client_as("equipe")
    data = {
        "transversalite-score": "2",
        "transversalite-findings": "Chaque service travaille seul",
        "transversalite-recommendation": "Une équipe projet transversale",
        "transversalite-status": "en_cours",
        "decision-score": "3",
        "decision-status": "realisee",  # done, but no recommendation written
        "ressources-status": "a_engager",
        "competences-status": "a_engager",
    }
    response = client.post(url + "enregistrer/", data)
    assert response.status_code == 400
    text = page_text(response)
    assert "Écrivez la recommandation avant d’en suivre la réalisation." in text
    assert "Chaque service travaille seul" in text  # the other criteria's typing stays
    assert not GovernanceDiagnosis.objects.exists()  # nothing half-saved
    data["decision-status"] = "a_engager"
    assert client.post(url + "enregistrer/", data).status_code == 302
    rows = {d.criterion: d for d in GovernanceDiagnosis.objects.filter(approach=approach)}
    assert rows["transversalite"].score == 2 and rows["decision"].score == 3
    assert rows["ressources"].score is None and len(rows) == 4
    text = page_text(client_as("partenaire").get(url))  # one client: sign the partner in again
    assert "Une équipe projet transversale" in text and "(en cours)" in text
