"""Workshops copied as templates into another démarche (issue 18, reuse): the workshop and
its activities' configuration and questions, each kind by its own rule; never the
participants, answers, codes, dates or places; the source démarche's grids, actions,
population groups and actor analyses mapped to their copies or dropped with a note; only a
member of both démarches with the right to contribute may copy, anything else is a 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import models
from django.forms.models import model_to_dict
from django.test import Client
from django.utils import timezone

from ressort.actions.models import Action
from ressort.approaches.models import Approach, Membership, Role
from ressort.frameworks import services as grids
from ressort.frameworks.models import Framework, FrameworkVersion
from ressort.governance.models import MactorStudy
from ressort.justice.models import PopulationGroup
from ressort.workshops import kinds
from ressort.workshops.kinds.base import ActivityKind, Copies, DeliveryError
from ressort.workshops.models import Activity, Answer, Participant, Workshop
from tests.conftest import page_text
from tests.demarche_objects import demarche_querysets
from tests.workshops.conftest import make_activity

pytestmark = pytest.mark.django_db

PEOPLE = ("Jeanne Dupont", "Louise Martin")  # names only the source's data holds


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def source(approach: Approach, personas: dict[str, Any], frameworks: None) -> Workshop:
    """A consultation of the CAPI prepared with every kind of reference, held and answered."""
    lead = personas["chef_projet"]
    boussole = FrameworkVersion.objects.get(framework__code="boussole", is_current=True)
    grid = grids.create_grid(approach, lead, "Grille de la CAPI", base=boussole)
    action = Action.objects.create(approach=approach, title="Cantines bio", created_by=lead)
    group = PopulationGroup.objects.create(
        approach=approach, name="Familles monoparentales", dimension="revenu"
    )
    study = MactorStudy.objects.create(approach=approach, title="Jeux d'acteurs de l'eau")
    w = Workshop(
        approach=approach,
        title="Consultation sur l'eau",
        mode=Workshop.Mode.ASYNC,
        held_on=dt.date(2026, 3, 12),
        place=f"Salle des fêtes, chez {PEOPLE[0]}",
        open_until=timezone.now() + dt.timedelta(days=10),
        ask_category=True,
        categories="Élu·e, Habitant·e",
        created_by=personas["facilitateur"],
    )
    w.code_expires_at = w.default_expiry()
    w.save()
    make_activity(w, "idees", "Vos idées pour l'eau", {"target": "idees", "tag_dimensions": True})
    make_activity(w, "grille", "Boussole", {"version": boussole.pk, "codes": "Q1.1.a, Q1.1.b"})
    make_activity(
        w, "grille", "Notre grille", {"version": grid.current_version().pk, "codes": "Q1.1.a"}
    )
    make_activity(
        w, "vote", "Quelle action d'abord ?", {"actions": [str(action.pk)], "labels": "Haies\nVélo"}
    )
    make_activity(w, "nuage", "L'eau en 2050", {"max_words": 2})
    Activity.objects.create(
        workshop=w,
        kind="mactor",
        title="Positions des acteurs",
        order=6,
        config={
            "study": study.pk,
            "matrix": "positions",
            "rows": [{"key": "a1", "pk": 1, "label": PEOPLE[0]}],
            "columns": [{"key": "o1", "pk": 1, "label": "Garder l'eau potable"}],
        },
    )
    Activity.objects.create(
        workshop=w,
        kind="acceptabilite",
        title="Ces mesures vous vont-elles ?",
        order=7,
        config={
            "actions": [{"key": f"a{action.pk}", "label": action.title, "action_pk": action.pk}],
            "groups": [{"key": f"g{group.pk}", "label": group.name, "group_pk": group.pk}],
        },
    )
    # Held and answered: none of this may travel.
    participant = Participant.objects.create(workshop=w, pseudonym=PEOPLE[1], category="Élu·e")
    for a in w.activities.all():
        Answer.objects.create(
            activity=a, participant=participant, client_id="bulletin", payload={"text": PEOPLE[1]}
        )
    w.activities.update(
        state=Activity.State.CLOSED,
        opened_at=timezone.now(),
        closed_at=timezone.now(),
        delivered_at=timezone.now(),
        delivery_report=f"Envoyé par {PEOPLE[0]}",
    )
    return w


def snapshot(approach: Approach) -> dict[str, list[dict[str, Any]]]:
    return {
        qs.model._meta.label: [model_to_dict(o) for o in qs.order_by("pk")]
        for qs in demarche_querysets(approach)
    }


def create_from(client: Client, source: Approach, parts: list[str]) -> Any:
    return client.post(
        "/demarches/nouvelle/",
        {
            "name": "Nouvelle démarche",
            "perimeter_kind": "officiel",
            "territory": "38553",
            "role": "chef_projet",
            "source": source.pk,
            "parts": parts,
        },
    )


def nothing_personal(approach: Approach, user: Any) -> None:
    """No name of the source's people, no other author than the copier, in `approach`."""
    users = get_user_model()
    for qs in demarche_querysets(approach):
        for obj in qs:
            for field in qs.model._meta.concrete_fields:
                value = getattr(obj, field.attname)
                if isinstance(field, models.ForeignKey) and field.related_model is users:
                    assert value in (None, user.pk), (qs.model, field.name)
                text = str(value) if isinstance(value, dict | list | str) else ""
                assert not any(p in text for p in PEOPLE), (qs.model, field.name, value)


def test_a_new_demarche_starts_from_anothers_workshops_as_templates(
    source: Workshop, personas: dict[str, Any]
) -> None:
    capi = source.approach
    before = snapshot(capi)
    lead = personas["chef_projet"]
    client = client_for(lead)
    assert "Les ateliers comme modèles" in page_text(client.get("/demarches/nouvelle/"))
    response = create_from(client, capi, ["grilles", "ateliers"])
    assert response.status_code == 302, page_text(response)
    new = Approach.objects.get(name="Nouvelle démarche")
    shown = page_text(client.get(response["Location"]))
    assert "1\u00a0grille co-construite, 1\u00a0atelier" in shown

    copy = Workshop.objects.get(approach=new)
    assert (copy.title, copy.mode, copy.ask_category, copy.categories) == (
        "Consultation sur l'eau",
        Workshop.Mode.ASYNC,
        True,
        "Élu·e, Habitant·e",
    )
    # Never its date, place, closing time nor code; no participant, no answer.
    assert (copy.held_on, copy.place, copy.open_until) == (None, "", None)
    assert copy.join_code != source.join_code and copy.code_expires_at is not None
    assert copy.created_by == lead
    assert not copy.participants.exists()
    assert not Answer.objects.filter(activity__workshop=copy).exists()
    activities = list(copy.activities.order_by("order"))
    assert [(a.kind, a.title) for a in activities] == [
        (a.kind, a.title) for a in source.activities.order_by("order")
    ]
    for a in activities:
        assert a.state == Activity.State.DRAFT
        assert (a.opened_at, a.closed_at, a.delivered_at, a.delivery_report) == (
            None,
            None,
            None,
            "",
        )
    by_title = {a.title: a for a in activities}
    originals = {a.title: a for a in source.activities.all()}

    # Copied as they are: settings and questions.
    for title in ("Vos idées pour l'eau", "L'eau en 2050", "Boussole"):
        assert by_title[title].config == originals[title].config, title
    assert by_title["Vos idées pour l'eau"].config["dimensions"]
    # The source's own grid: mapped to its copy made by the same reuse.
    copied_grid = Framework.objects.get(approach=new)
    ours = by_title["Notre grille"].config
    assert ours["version"] == copied_grid.current_version().pk
    assert ours["questions"] == originals["Notre grille"].config["questions"]
    # The source's action: dropped (actions are never copied); free propositions stay.
    assert [c["label"] for c in by_title["Quelle action d'abord ?"].config["candidates"]] == [
        "Haies",
        "Vélo",
    ]
    assert by_title["Quelle action d'abord ?"].config["grades"]
    # The source's actor analysis and population groups: dropped.
    assert by_title["Positions des acteurs"].config == {
        "matrix": "positions",
        "rows": [],
        "columns": [],
    }
    assert by_title["Ces mesures vous vont-elles ?"].config == {"actions": [], "groups": []}
    # …each drop said to the user, naming the activity.
    for said in (
        "À compléter\u00a0: Atelier «\u00a0Consultation sur l’eau\u00a0», activité "
        "«\u00a0Quelle action d’abord\u202f?\u00a0»\u00a0: 1\u00a0action de l’autre démarche "
        "retirée",
        "«\u00a0Positions des acteurs\u00a0»\u00a0: l’analyse des jeux d’acteurs de l’autre "
        "démarche",
        "les groupes de population de l’autre démarche ne sont pas repris",
    ):
        assert said in shown, said
    assert "Notre grille\u00a0»\u00a0: la grille" not in shown  # mapped, nothing to say

    nothing_personal(new, lead)
    assert snapshot(capi) == before  # the source is only read


def test_a_grid_not_copied_is_dropped_and_the_copy_says_what_to_complete(
    source: Workshop, personas: dict[str, Any]
) -> None:
    client = client_for(personas["chef_projet"])
    response = create_from(client, source.approach, ["ateliers"])
    new = Approach.objects.get(name="Nouvelle démarche")
    shown = page_text(client.get(response["Location"]))
    assert (
        "activité «\u00a0Notre grille\u00a0»\u00a0: la grille «\u00a0Grille de la CAPI\u00a0» "
        "de l’autre démarche n’est pas reprise" in shown
    )
    ours = Activity.objects.get(workshop__approach=new, title="Notre grille")
    assert ours.config == {}
    assert not Framework.objects.filter(approach=new).exists()
    # The shipped framework stays; the incomplete activity cannot send anything yet.
    boussole = Activity.objects.get(workshop__approach=new, title="Boussole")
    assert boussole.config["version"] == source.activities.get(title="Boussole").config["version"]
    with pytest.raises(DeliveryError, match="Choisissez d'abord la grille"):
        kinds.get_kind("grille").deliver(ours, [], "atelier")
    # The team completes it as any activity.
    edit = f"/demarches/{new.slug}/ateliers/{ours.workshop_id}/activites/{ours.pk}/modifier/"
    assert client.get(edit).status_code == 200


def test_copying_into_an_existing_demarche_from_the_workshops_page(
    source: Workshop, personas: dict[str, Any]
) -> None:
    capi, other = source.approach, personas["other_approach"]
    lead = personas["chef_projet"]
    Membership.objects.create(approach=other, user=lead, role=Role.PROJECT_LEAD)
    client = client_for(lead)
    url = f"/demarches/{other.slug}/ateliers/reprendre/"
    assert "Reprendre des ateliers d’une autre démarche" in page_text(
        client.get(f"/demarches/{other.slug}/ateliers/")
    )
    page = page_text(client.get(url))
    assert "CAPI résiliente" in page and "Autre démarche</option>" not in page  # not itself
    page = page_text(client.get(url, {"source": capi.pk}))
    assert "Consultation sur l'eau" in page and "7 activités" in page
    refused = client.post(url, {"source": capi.pk})
    assert refused.status_code == 400
    assert "Ateliers à reprendre\u00a0: cochez-en au moins un." in page_text(refused)

    response = client.post(url, {"source": capi.pk, "ateliers": [source.pk]})
    assert response.status_code == 302
    copy = Workshop.objects.get(approach=other)
    assert copy.activities.count() == 7 and not copy.participants.exists()
    shown = page_text(client.get(response["Location"]))
    assert "1\u00a0atelier repris de «\u00a0CAPI résiliente\u00a0» (7\u00a0activités)" in shown
    # Into an existing démarche nothing of the source's grid was copied: dropped, and said.
    assert Activity.objects.get(workshop=copy, title="Notre grille").config == {}
    assert "la grille «\u00a0Grille de la CAPI\u00a0» de l’autre démarche" in shown
    for activity in copy.activities.all():
        assert not any(p in str(activity.config) for p in PEOPLE), activity.title
    assert not any(p in copy.place + copy.title for p in PEOPLE)


def test_only_a_contributor_of_both_demarches_may_copy_and_others_get_404(
    source: Workshop, personas: dict[str, Any], make_user: Any
) -> None:
    capi, other = source.approach, personas["other_approach"]
    url = f"/demarches/{other.slug}/ateliers/reprendre/"
    post = {"source": capi.pk, "ateliers": [source.pk]}

    # The other démarche's lead, not a member of the CAPI: its démarche and workshops are 404.
    outsider = client_for(personas["outsider"])
    assert outsider.get(url).status_code == 200
    assert "CAPI résiliente" not in page_text(outsider.get(url))
    assert outsider.get(url, {"source": capi.pk}).status_code == 404
    assert outsider.post(url, post).status_code == 404

    # A partner of the CAPI (reads only), lead of the other: the CAPI is not a source.
    partner = personas["partenaire"]
    Membership.objects.create(approach=other, user=partner, role=Role.PROJECT_LEAD)
    assert client_for(partner).post(url, post).status_code == 404
    # A contributor of the CAPI limited to some of its parts: not a source either.
    limited = make_user("limitee@example.org")
    Membership.objects.create(approach=capi, user=limited, role=Role.TEAM_MEMBER, scope=["3B"])
    Membership.objects.create(approach=other, user=limited, role=Role.PROJECT_LEAD)
    assert client_for(limited).post(url, post).status_code == 404
    # A contributor of the CAPI who only reads the other démarche: refused there (403).
    reader = personas["equipe"]
    Membership.objects.create(approach=other, user=reader, role=Role.PARTNER)
    assert client_for(reader).post(url, post).status_code == 403
    # Not a member of the other démarche at all: 404, whatever the source.
    assert client_for(personas["chef_projet"]).post(url, post).status_code == 404

    # A member of both with the right: a workshop that is not the source's is a 404.
    lead = personas["chef_projet"]
    Membership.objects.create(approach=other, user=lead, role=Role.TEAM_MEMBER)
    third = Workshop.objects.create(approach=other, title="Atelier de l'autre démarche")
    client = client_for(lead)
    assert client.post(url, {"source": capi.pk, "ateliers": [third.pk]}).status_code == 404
    assert client.post(url, {"source": capi.pk, "ateliers": ["x"]}).status_code == 404
    assert client.post(url, {"source": other.pk, "ateliers": [third.pk]}).status_code == 404
    assert Workshop.objects.filter(approach=other).count() == 1  # nothing copied so far
    assert client.post(url, post).status_code == 302
    assert Workshop.objects.filter(approach=other).count() == 2

    # Creating a démarche: a partner of the CAPI cannot take it as a source.
    response = create_from(client_for(partner), capi, ["ateliers"])
    assert response.status_code == 200 and "Sélectionnez un choix valide" in page_text(response)


def test_every_kind_declares_what_a_template_copies() -> None:
    for kind in kinds.REGISTRY.values():
        declared = [
            c
            for c in type(kind).__mro__
            if c is not ActivityKind and ("template_keys" in vars(c) or "as_template" in vars(c))
        ]
        assert declared, kind.code
        template = kind.as_template({}, Copies())  # an empty configuration copies to one
        assert isinstance(template.config, dict)
