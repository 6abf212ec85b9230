"""A new user of the briques « Changement de comportements » and « Formation »: a target
behaviour diagnosed with COM-B, an intervention chosen and attached to an action, a
follow-up survey opened; then training needs collected, a path for the roads service
proposed, a formation-action session with a faulty then a correct attendance file, and a
commitment turned into an action. axe checks every page, at desktop width and at 390 px."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from ressort.actions.models import Action
from ressort.approaches.demo import DEMO_ACCOUNTS, load_demo
from ressort.approaches.models import Role
from ressort.behaviour.models import FollowUpSurvey, Intervention
from ressort.territories.importer import import_official_territories
from ressort.training.models import Attendee, Commitment, NeedsSurvey, TrainingPath
from ressort.workshops.models import Answer, Participant
from tests.browser.conftest import assert_accessible
from tests.territories.test_import import CONTOURS, DATA

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def field(page: Page, label: str) -> Any:
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def menu(page: Page) -> Any:
    return page.get_by_role("navigation", name="Menu de la démarche")


def checked(page: Page) -> None:
    """axe-clean at desktop width, then at 390 px without sideways scrolling."""
    assert_accessible(page)
    desktop = page.viewport_size
    page.set_viewport_size(PHONE)
    assert_accessible(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} déborde : {width} px"
    assert desktop is not None
    page.set_viewport_size(desktop)


def test_behaviour_change_and_training_journey(
    site: str, page: Page, login_as: Any, personas: dict[str, Any], approach: Any, tmp_path: Path
) -> None:
    page.set_default_timeout(30_000)
    action = Action.objects.create(approach=approach, title="Abris vélos sécurisés")
    login_as(personas["facilitateur"])
    page.goto(f"{site}/demarches/{approach.slug}/")

    # --- Behaviour change ---------------------------------------------------------------
    menu(page).get_by_role("link", name="Changement de comportements").click()
    expect(page.get_by_role("heading", name="Changement de comportements")).to_be_visible()
    checked(page)
    page.get_by_role("link", name="Ajouter un comportement visé").click()
    field(page, "Groupe d’acteurs").select_option(label="Agents de la collectivité")
    field(page, "Comportement visé").fill("Venir à vélo")
    page.get_by_label("Abris vélos sécurisés").check()
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Le comportement visé est enregistré.")).to_be_visible()
    expect(page.get_by_text("rien à suggérer")).to_be_visible()

    page.get_by_text("Ajouter un frein ou un levier").click()
    field(page, "Composante COM-B").select_option(label="Opportunité physique")
    field(page, "Frein ou levier").select_option(label="Frein")
    field(page, "Constat").fill("Aucun abri sécurisé devant la mairie")
    field(page, "Force").select_option(label="Fort")
    page.get_by_role("button", name="Ajouter au diagnostic").click()
    expect(page.get_by_text("Le frein ou levier est ajouté au diagnostic.")).to_be_visible()
    suggestions = page.locator("#suggestions + p + ol")
    expect(suggestions.get_by_text("Restructuration de l'environnement")).to_be_visible()
    expect(suggestions.get_by_text("Éducation", exact=True)).to_have_count(0)
    checked(page)

    page.get_by_text("Retenir une intervention").click()
    field(page, "Fonction d’intervention").select_option(label="Restructuration de l'environnement")
    field(page, "Intervention").fill("Abri et douches au siège")
    field(page, "Action à laquelle elle se rattache").select_option(label="Abris vélos sécurisés")
    field(page, "Indicateur").fill("Part des agents venant à vélo")
    field(page, "Cible").fill("12,5")
    page.get_by_role("button", name="Retenir", exact=True).click()
    expect(page.get_by_text("L’intervention est retenue.")).to_be_visible()
    assert Intervention.objects.get().action == action
    page.get_by_role("button", name="Ouvrir une nouvelle enquête de suivi").click()
    expect(page.get_by_text("L’enquête de suivi n°\u00a01 est ouverte")).to_be_visible()
    assert FollowUpSurvey.objects.get().workshop.is_async
    checked(page)
    page.get_by_role("link", name="Qu’est-ce que le modèle COM-B\u00a0?").click()
    expect(
        page.get_by_role("heading", name="La roue du changement de comportement")
    ).to_be_visible()
    checked(page)

    # --- Training -----------------------------------------------------------------------
    menu(page).get_by_role("link", name="Formation", exact=True).click()
    expect(page.get_by_role("heading", name="Formation", exact=True)).to_be_visible()
    checked(page)
    page.get_by_role("button", name="Ouvrir un questionnaire des besoins").click()
    expect(page.get_by_text("Le questionnaire des besoins est ouvert")).to_be_visible()
    survey = NeedsSurvey.objects.get()
    activity = survey.workshop.activities.get()
    for score in (0, 1, 1):  # three agents of the roads service answer (as from their phones)
        person = Participant.objects.create(workshop=survey.workshop, category="Agent·e – Voirie")
        for code in ("k-amenagement", "c-amenagement"):
            Answer.objects.create(
                activity=activity, participant=person, client_id=code, payload={"score": score}
            )
    page.reload()
    expect(page.get_by_role("heading", name="Agent·e – Voirie (3 réponses)")).to_be_visible()
    checked(page)

    menu(page).get_by_role("link", name="Formation", exact=True).click()
    page.get_by_role("link", name="Créer un parcours").click()
    field(page, "Intitulé").fill("Parcours du service voirie")
    field(page, "Public").select_option(label="Agents")
    field(page, "Métier").select_option(label="Voirie")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Le parcours est enregistré.")).to_be_visible()
    path = TrainingPath.objects.get()
    assert path.steps.count() >= 3
    checked(page)

    menu(page).get_by_role("link", name="Formation", exact=True).click()
    page.get_by_role("link", name="Programmer une session").click()
    field(page, "Module").select_option(
        label="Voirie et espaces publics face aux canicules et aux pluies intenses"
    )
    field(page, "Dans le parcours").select_option(label="Parcours du service voirie")
    field(page, "Date").fill("2026-11-19")
    field(page, "Lieu").fill("Centre technique")
    field(page, "Formateur ou formatrice").fill("Cerema")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("La session est enregistrée.")).to_be_visible()
    for name in ("Inès Blanc", "Jules Garnier"):
        page.get_by_text("Inscrire une personne").click()
        field(page, "Nom").fill(name)
        field(page, "Public").select_option(label="Agents")
        field(page, "Métier ou service").select_option(label="Voirie")
        page.get_by_role("button", name="Inscrire", exact=True).click()
        expect(page.get_by_text(f"{name} est inscrit·e.")).to_be_visible()

    bad = tmp_path / "presence.csv"
    bad.write_text("Nom;Présent;Avant;Après\nInès Blanc;oui;1;9\nPaul Inconnu;oui;1;2\n")
    page.get_by_text("Importer la présence et les notes").click()
    page.get_by_label("Feuille de présence").set_input_files(str(bad))
    page.get_by_role("button", name="Importer", exact=True).click()
    alert = page.get_by_role("alert")
    expect(alert.get_by_text("9 est hors de l'échelle 0 à 4.")).to_be_visible()
    expect(alert.get_by_text("n'est pas inscrit·e à cette session")).to_be_visible()
    assert not Attendee.objects.filter(present=True).exists()
    checked(page)
    good = tmp_path / "presence-ok.csv"
    good.write_text("Nom;Présent;Avant;Après;Satisfaction\nInès Blanc;oui;1;3;5\n")
    page.get_by_label("Feuille de présence").set_input_files(str(good))
    page.get_by_role("button", name="Importer", exact=True).click()
    expect(page.get_by_text("La présence et les notes de 1 personne sont à jour.")).to_be_visible()

    field(page, "Engagement").fill("Désimperméabiliser la cour du centre technique")
    page.get_by_role("button", name="Noter l’engagement").click()
    expect(page.get_by_text("L’engagement est noté.")).to_be_visible()
    page.get_by_role("button", name="En faire une action").click()
    expect(page.get_by_text("Devenu l’action")).to_be_visible()
    assert Commitment.objects.get().action.title.startswith("Désimperméabiliser")
    checked(page)

    menu(page).get_by_role("link", name="Suivi de la formation").click()
    expect(page.get_by_role("heading", name="Suivi de la formation")).to_be_visible()
    checked(page)
    menu(page).get_by_role("link", name="Catalogue de formation").click()
    checked(page)


def test_the_demo_shows_its_behaviours_and_training(
    site: str, page: Page, login_as: Any, db: Any
) -> None:
    """The demo as a new member reads it: two behaviours diagnosed, interventions on actions,
    a follow-up survey; needs of 30 agents, two paths, two sessions, a formation-action."""
    page.set_default_timeout(30_000)
    import_official_territories(DATA, CONTOURS)
    demo, _ = load_demo()
    account = next(a for a in DEMO_ACCOUNTS if a.role == Role.PROJECT_LEAD)
    login_as(get_user_model().objects.get(email=account.email))
    page.goto(f"{site}/demarches/{demo.slug}/")

    menu(page).get_by_role("link", name="Changement de comportements").click()
    page.get_by_role("link", name="Venir au travail à vélo").click()
    expect(page.get_by_text("Abri sécurisé et douches au siège (exemple)")).to_be_visible()
    expect(page.get_by_role("table", name="Enquêtes de suivi")).to_be_visible()
    checked(page)

    menu(page).get_by_role("link", name="Formation", exact=True).click()
    page.get_by_role("link", name="Besoins de formation : auto-évaluation").click()
    expect(page.get_by_role("heading", name="Agent·e – Voirie (8 réponses)")).to_be_visible()
    checked(page)
    menu(page).get_by_role("link", name="Formation", exact=True).click()
    page.get_by_role("link", name="Parcours du service voirie").click()
    expect(page.get_by_role("heading", name="Proposition de Ressort")).to_be_visible()
    checked(page)
    menu(page).get_by_role("link", name="Formation", exact=True).click()
    page.get_by_role("link", name="19 novembre 2026").click()
    expect(page.get_by_text("Devenu l’action")).to_have_count(2)
    checked(page)
    menu(page).get_by_role("link", name="Suivi de la formation").click()
    expect(page.get_by_role("row", name=re.compile("^Élus 6 34"))).to_be_visible()
    checked(page)
