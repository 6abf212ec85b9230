"""Facilitator pages: rights, creation, activities, state, moderation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from ressort.workshops.models import Activity, Answer, Participant, Workshop
from tests.conftest import page_text
from tests.workshops.conftest import activity

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_every_member_reads_outsiders_get_404(workshop: Workshop, personas: dict[str, Any]) -> None:
    base = f"/demarches/{workshop.approach.slug}/ateliers/"
    pages = [
        base,
        f"{base}{workshop.pk}/",
        f"{base}{workshop.pk}/projection/",
        f"{base}{workshop.pk}/projection/contenu/",
        f"{base}{workshop.pk}/qr.svg",
        f"{base}{workshop.pk}/activites/{activity(workshop, 'vote').pk}/",
    ]
    for role in ("facilitateur", "chef_projet", "elu_referent", "equipe", "partenaire"):
        c = client_for(personas[role])
        for url in pages:
            assert c.get(url).status_code == 200, (role, url)
    outsider = client_for(personas["outsider"])
    for url in pages:
        assert outsider.get(url).status_code == 404, url
    anonymous = Client()
    assert anonymous.get(pages[1]).status_code == 302


def test_partner_cannot_drive(workshop: Workshop, personas: dict[str, Any]) -> None:
    c = client_for(personas["partenaire"])
    vote = activity(workshop, "vote")
    base = f"/demarches/{workshop.approach.slug}/ateliers/{workshop.pk}"
    assert c.post(f"{base}/activites/{vote.pk}/etat/", {"state": "ouverte"}).status_code == 403
    assert c.post(f"{base}/code/").status_code == 403
    assert c.get(f"{base}/modifier/").status_code == 403
    assert c.post(f"{base}/supprimer/").status_code == 403
    vote.refresh_from_db()
    assert vote.state == Activity.State.DRAFT


def test_other_approach_workshop_is_404(workshop: Workshop, personas: dict[str, Any]) -> None:
    other = personas["other_approach"]
    c = client_for(personas["outsider"])
    assert c.get(f"/demarches/{other.slug}/ateliers/{workshop.pk}/").status_code == 404


def test_create_workshop_and_activities(
    approach: Any, personas: dict[str, Any], frameworks: None
) -> None:
    c = client_for(personas["equipe"])
    base = f"/demarches/{approach.slug}/ateliers/"
    response = c.post(
        base + "ajouter/", {"title": "Consultation des habitants", "mode": "consultation"}
    )
    assert response.status_code == 200
    assert "Indiquez jusqu’à quand" in page_text(response)
    until = (timezone.now() + dt.timedelta(days=10)).strftime("%Y-%m-%dT%H:%M")
    response = c.post(
        base + "ajouter/",
        {"title": "Consultation des habitants", "mode": "consultation", "open_until": until},
    )
    workshop = Workshop.objects.get(title="Consultation des habitants")
    assert response.url == f"{base}{workshop.pk}/"
    assert workshop.code_is_valid() and len(workshop.join_code) == 8
    new = f"{base}{workshop.pk}/activites/nouvelle/"
    page = page_text(c.get(new + "?type=grille"))
    assert "Référentiel ou grille" in page
    response = c.post(new, {"type": "grille", "title": "Cotez", "version": "", "codes": ""})
    assert response.status_code == 200
    from ressort.frameworks.models import FrameworkVersion

    boussole = FrameworkVersion.objects.get(framework__code="boussole", is_current=True)
    response = c.post(
        new, {"type": "grille", "title": "Cotez", "version": boussole.pk, "codes": "Q9.9.z"}
    )
    assert "inconnus dans ce référentiel\u00a0: Q9.9.z" in page_text(response)
    response = c.post(
        new, {"type": "grille", "title": "Cotez", "version": boussole.pk, "codes": "Q1.1.a"}
    )
    assert response.status_code == 302
    grid = workshop.activities.get()
    assert grid.config["questions"][0]["code"] == "Q1.1.a"
    response = c.post(new, {"type": "vote", "title": "Vote", "labels": "Une seule"})
    assert "au moins deux" in page_text(response)
    assert c.get(new + "?type=inconnu").status_code == 404
    # Edit while draft, refused once opened.
    edit = f"{base}{workshop.pk}/activites/{grid.pk}/modifier/"
    c.post(edit, {"title": "Cotez vite", "version": boussole.pk, "codes": "Q1.1.a Q1.1.b"})
    grid.refresh_from_db()
    assert grid.title == "Cotez vite" and len(grid.config["questions"]) == 2
    c.post(f"{base}{workshop.pk}/activites/{grid.pk}/etat/", {"state": "ouverte"})
    response = c.post(edit, {"title": "Autre", "version": boussole.pk, "codes": ""})
    grid.refresh_from_db()
    assert grid.title == "Cotez vite"


def test_live_mode_opens_one_activity_at_a_time(
    workshop: Workshop, personas: dict[str, Any]
) -> None:
    c = client_for(personas["facilitateur"])
    base = f"/demarches/{workshop.approach.slug}/ateliers/{workshop.pk}/activites"
    idea, vote = activity(workshop, "idees"), activity(workshop, "vote")
    c.post(f"{base}/{idea.pk}/etat/", {"state": "ouverte"})
    c.post(f"{base}/{vote.pk}/etat/", {"state": "ouverte"})
    idea.refresh_from_db()
    vote.refresh_from_db()
    assert idea.state == "close" and vote.state == "ouverte"


def test_moderation_hides_from_results(workshop: Workshop, personas: dict[str, Any]) -> None:
    idea = activity(workshop, "idees")
    p = Participant.objects.create(workshop=workshop)
    a = Answer.objects.create(
        activity=idea,
        participant=p,
        client_id="abcdefgh1",
        payload={"text": "Insulte", "dimension": ""},
    )
    c = client_for(personas["facilitateur"])
    hide = f"/demarches/{workshop.approach.slug}/ateliers/reponses/{a.pk}/masquer/"
    c.post(hide, {"hidden": "1"})
    a.refresh_from_db()
    assert a.hidden
    fragment = page_text(
        c.get(
            f"/demarches/{workshop.approach.slug}/ateliers/{workshop.pk}/projection/contenu/?activite={idea.pk}"
        )
    )
    assert "Insulte" not in fragment
    assert client_for(personas["partenaire"]).post(hide, {"hidden": "0"}).status_code == 403


def test_regenerate_code_invalidates_old(workshop: Workshop, personas: dict[str, Any]) -> None:
    old = workshop.join_code
    c = client_for(personas["facilitateur"])
    c.post(f"/demarches/{workshop.approach.slug}/ateliers/{workshop.pk}/code/")
    workshop.refresh_from_db()
    assert workshop.join_code != old
    response = Client().post("/atelier/", {"code": old})
    assert "Code d'accès inconnu" in page_text(response)
