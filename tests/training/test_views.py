"""Training pages: rights, the journey from needs to certificates, and every fault."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ressort.actions.models import Action, Idea
from ressort.approaches.models import Approach
from ressort.training import services
from ressort.training.catalogue import load_catalogue
from ressort.training.models import (
    Attendee,
    Commitment,
    Module,
    NeedsSurvey,
    Session,
    TrainingPath,
)
from ressort.workshops.models import Answer, Participant
from tests.conftest import page_text as html_text

pytestmark = pytest.mark.django_db


def page_text(response: Any) -> str:
    return re.sub(r"[ \t\n]+", " ", re.sub(r"<[^>]+>", " ", html_text(response)))


def base(approach: Approach) -> str:
    return f"/demarches/{approach.slug}/formation/"


@pytest.fixture
def session(approach: Approach) -> Session:
    load_catalogue()
    module = Module.objects.get(approach=None, code="voirie-adaptee")
    session = Session.objects.create(
        approach=approach, module=module, held_on=date(2026, 11, 19), place="CTM", trainer="Cerema"
    )
    for name in ("Inès Blanc", "Jules Garnier"):
        Attendee.objects.create(session=session, name=name, audience="agents", trade="voirie")
    return session


def test_pages_for_every_role_and_404_for_outsiders(
    approach: Approach, session: Session, client_as: Any, personas: dict[str, Any]
) -> None:
    path = TrainingPath.objects.create(approach=approach, title="Élus", audience="elus")
    survey = services.start_needs_survey(approach)
    attendee = session.attendees.first()
    assert attendee is not None
    attendee.present = True
    attendee.save()
    shipped = Module.objects.filter(approach=None).first()
    assert shipped is not None
    pages = [
        "",
        "catalogue/",
        f"modules/{shipped.pk}/",
        f"besoins/{survey.pk}/",
        f"parcours/{path.pk}/",
        f"sessions/{session.pk}/",
        "suivi/",
    ]
    for who in ("facilitateur", "equipe", "partenaire", "elu_referent"):
        client = client_as(who)
        for page in pages:
            assert client.get(base(approach) + page).status_code == 200, (who, page)
    outsider = client_as("outsider")
    for page in [
        *pages,
        f"sessions/{session.pk}/emargement.pdf",
        f"participants/{attendee.pk}/attestation.pdf",
    ]:
        assert outsider.get(base(approach) + page).status_code == 404, page
    assert outsider.post(base(approach) + "besoins/ouvrir/").status_code == 404
    assert NeedsSurvey.objects.count() == 1
    # Another démarche's objects are 404 from this one; a shipped module is not editable here.
    other = personas["other_approach"]
    theirs = Session.objects.create(
        approach=other, module=shipped, held_on=date(2026, 1, 1), place="x", trainer="y"
    )
    client = client_as("facilitateur")
    assert client.get(base(approach) + f"sessions/{theirs.pk}/").status_code == 404
    assert client.get(base(approach) + f"modules/{shipped.pk}/modifier/").status_code == 404
    own = Module.objects.create(
        approach=other,
        code="x",
        title="À eux",
        objectives="x",
        audiences=["elus"],
        duration_hours=1,
        format="atelier",
        phase="1",
    )
    assert client.get(base(approach) + f"modules/{own.pk}/").status_code == 404


def test_needs_by_audience_and_service_and_a_proposed_path(
    approach: Approach, client_as: Any
) -> None:
    load_catalogue()
    client = client_as("facilitateur")
    assert client.post(base(approach) + "besoins/ouvrir/").status_code == 302
    survey = NeedsSurvey.objects.get()
    assert survey.workshop.is_async and survey.workshop.ask_category
    activity = survey.workshop.activities.get()
    for category, score in (("Agent·e – Voirie", 0), ("Agent·e – Voirie", 2), ("Élu·e", 4)):
        person = Participant.objects.create(workshop=survey.workshop, category=category)
        for code in ("k-amenagement", "c-amenagement", "k-donut"):
            Answer.objects.create(
                activity=activity, participant=person, client_id=code, payload={"score": score}
            )
    text = page_text(client.get(base(approach) + f"besoins/{survey.pk}/"))
    assert "Agent·e – Voirie (2 réponses)" in text
    assert "Élu·e (1 réponse)" in text
    assert "L'aménagement sobre et adapté 1 1" in text
    assert services.needs_for(approach, "agents", "voirie")["amenagement"] == 1.0

    # Steps 1 and 2 closed by hand: the démarche is at step 3A.
    closed = list(approach.steps.filter(code__in=["1", "2"]))
    for step in closed:  # saved one by one, as the calendar's form does: the version rises
        step.closed_reason = "Fait."
        step.save(update_fields=["closed_reason"])
    assert len(closed) == 2
    assert services.current_phase(approach) == "3A"
    response = client.post(
        base(approach) + "parcours/ajouter/",
        {"title": "Service voirie", "audience": "agents", "trade": "voirie", "propose": "on"},
    )
    assert response.status_code == 302
    path = TrainingPath.objects.get()
    codes = [s.module.code for s in path.steps.order_by("order")]
    # Step 3A: the roads formation-action of step 3B is in reach, with its prerequisites.
    assert "voirie-adaptee" in codes
    assert codes.index("tracc-territoire") < codes.index("voirie-adaptee")
    assert codes.index("acculturation-resilience") < codes.index("tracc-territoire")
    assert all("agents" in Module.objects.get(code=c).audiences for c in codes)
    # A trade for élus is refused, nothing created.
    response = client.post(
        base(approach) + "parcours/ajouter/", {"title": "x", "audience": "elus", "trade": "voirie"}
    )
    assert response.status_code == 200
    assert "Un métier ne se précise que pour un parcours d’agents" in page_text(response)
    assert TrainingPath.objects.count() == 1


def csv_file(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("presence.csv", text.encode("utf-8"), content_type="text/csv")


def test_attendance_import_all_or_nothing_with_located_french_errors(
    approach: Approach, session: Session, client_as: Any
) -> None:
    client = client_as("equipe")
    url = base(approach) + f"sessions/{session.pk}/presence/"
    bad = (
        "Nom;Présent;Avant;Après;Satisfaction\n"
        "Inès Blanc;oui;1;3;5\nPaul Inconnu;oui;1;2;4\nJules Garnier;oui;2;7;0\n"
    )
    response = client.post(url, {"import-file": csv_file(bad)})
    assert response.status_code == 400
    text = page_text(response)
    unknown = "«\u00a0Paul Inconnu\u00a0» n'est pas inscrit·e à cette session."
    assert f"Ligne 3, colonne «\u00a0Nom\u00a0»\u00a0: {unknown}" in text
    assert "Ligne 4, colonne «\u00a0Après\u00a0»\u00a0: 7 est hors de l'échelle 0 à 4." in text
    assert (
        "Ligne 4, colonne «\u00a0Satisfaction\u00a0»\u00a0: 0 est hors de l'échelle 1 à 5." in text
    )
    assert "rien n’a été enregistré" in text
    assert not Attendee.objects.filter(present=True).exists()  # nothing half-saved
    good = "Nom,Présent,Avant,Après,Satisfaction\ninès blanc,oui,1,3,5\nJules Garnier,non,,,\n"
    assert client.post(url, {"import-file": csv_file(good)}).status_code == 302
    ines = Attendee.objects.get(name="Inès Blanc")
    assert (ines.present, ines.score_before, ines.score_after, ines.satisfaction) == (True, 1, 3, 5)
    assert not Attendee.objects.get(name="Jules Garnier").present
    [row] = services.progress(approach)
    assert (row.present, row.before, row.after, row.gain) == (1, 1, 3, 2)


def test_participants_commitments_pdfs_and_coverage(
    approach: Approach, session: Session, client_as: Any, personas: dict[str, Any]
) -> None:
    client = client_as("facilitateur")
    url = base(approach) + f"sessions/{session.pk}/"
    member = personas["equipe"]
    response = client.post(
        url + "participants/",
        {"attendee-member": member.pk, "attendee-audience": "agents", "attendee-trade": "voirie"},
    )
    assert response.status_code == 302
    assert Attendee.objects.filter(session=session, member=member).exists()
    response = client.post(url + "participants/", {"attendee-audience": "elus"})
    assert response.status_code == 400
    assert "Choisissez un membre ou écrivez le nom" in page_text(response)
    response = client.post(
        url + "participants/", {"attendee-name": "inès blanc", "attendee-audience": "agents"}
    )
    assert response.status_code == 400 and "déjà inscrit·e" in page_text(response)

    ines = Attendee.objects.get(name="Inès Blanc")
    assert (
        client.post(
            url + "engagements/",
            {
                "commitment-attendee": ines.pk,
                "commitment-text": "Désimperméabiliser la cour du CTM",
            },
        ).status_code
        == 302
    )
    commitment = Commitment.objects.get()
    assert client.post(base(approach) + f"engagements/{commitment.pk}/action/").status_code == 302
    commitment.refresh_from_db()
    action = Action.objects.get(approach=approach)
    assert commitment.action == action and commitment.idea is not None
    idea = Idea.objects.get(pk=commitment.idea_id)
    assert idea.source_label.startswith("Formation-action «\u00a0Voirie et espaces publics")
    assert idea.proposer == "Inès Blanc" and idea.action == action
    became = "Devenu l’action «\u00a0Désimperméabiliser la cour du CTM\u00a0»"
    assert became in page_text(client.get(url))

    assert (
        client.post(
            url + "engagements/", {"commitment-text": "Un engagement du groupe"}
        ).status_code
        == 302
    )
    assert "Un engagement du groupe — le groupe" in page_text(client.get(url))

    pdf = client.get(url + "emargement.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    certificate = base(approach) + f"participants/{ines.pk}/attestation.pdf"
    assert client.get(certificate).status_code == 302  # absent: no certificate
    ines.present = True
    ines.save()
    pdf = client.get(certificate)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")

    assert (
        client.post(
            base(approach) + "suivi/effectifs/ajouter/",
            {"audience": "agents", "trade": "voirie", "count": "4"},
        ).status_code
        == 302
    )
    response = client.post(
        base(approach) + "suivi/effectifs/ajouter/",
        {"audience": "agents", "trade": "voirie", "count": "5"},
    )
    assert response.status_code == 200 and "Cet effectif est déjà indiqué" in page_text(response)
    [row] = services.coverage(approach)
    assert (row.label, row.trained, row.headcount, row.share) == ("Agents – Voirie", 1, 4, 25.0)
    assert "Agents – Voirie 1 4 25\u202f%" in page_text(client.get(base(approach) + "suivi/"))


def test_a_session_links_the_demarches_documents_only(
    approach: Approach, client_as: Any, personas: dict[str, Any]
) -> None:
    from ressort.library.models import Document

    load_catalogue()
    module = Module.objects.get(approach=None, code="fresque-climat")
    ours = Document.objects.create(approach=approach, title="Portrait de résilience", kind="etude")
    theirs = Document.objects.create(
        approach=personas["other_approach"], title="Ailleurs", kind="etude"
    )
    data = {
        "module": module.pk,
        "held_on": "2026-10-08",
        "place": "Salle du conseil",
        "trainer": "Cerema",
    }
    client = client_as("facilitateur")
    response = client.post(base(approach) + "sessions/ajouter/", {**data, "documents": [theirs.pk]})
    assert response.status_code == 200 and not Session.objects.exists()
    response = client.post(base(approach) + "sessions/ajouter/", {**data, "documents": [ours.pk]})
    assert response.status_code == 302
    session = Session.objects.get()
    assert list(session.documents.all()) == [ours]
    assert "Documents de la démarche\u00a0: Portrait de résilience" in page_text(
        client.get(base(approach) + f"sessions/{session.pk}/")
    )


def test_a_demarche_adds_its_own_module_and_a_partner_cannot(
    approach: Approach, client_as: Any
) -> None:
    load_catalogue()
    data = {
        "title": "Notre module",
        "objectives": "Comprendre\nAgir",
        "audiences": ["elus", "agents"],
        "duration_hours": "1,5",
        "format": "atelier",
        "phase": "1",
        "topics": ["eau"],
        "elements": "Donut : eau douce",
    }
    assert (
        client_as("partenaire").post(base(approach) + "modules/ajouter/", data).status_code == 403
    )
    client = client_as("equipe")
    response = client.post(base(approach) + "modules/ajouter/", data)
    assert response.status_code == 302
    module = Module.objects.get(approach=approach)
    assert module.code == "notre-module" and float(module.duration_hours) == 1.5
    assert module.elements == ["Donut : eau douce"]
    response = client.post(base(approach) + "modules/ajouter/", {**data, "audiences": ["robots"]})
    assert response.status_code == 200
    assert Module.objects.filter(approach=approach).count() == 1
