"""Steering committees and the decision log: create, read, edit, delete, rights."""

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from ressort.approaches.models import Approach
from ressort.monitoring.models import Decision, Meeting
from tests.conftest import page_text

pytestmark = pytest.mark.django_db


def meeting_post(**extra: str) -> dict[str, str]:
    data = {
        "reunion-date": "2026-03-12",
        "reunion-body": "copil",
        "reunion-title": "Comité de pilotage n° 1",
        "reunion-attendees": "Mme la Présidente\nM. le DGS",
        "reunion-agenda": "Validation du plan d'actions",
        "reunion-minutes": "",
        "reunion-follow_ups": "Relancer les partenaires",
        "decisions-TOTAL_FORMS": "2",
        "decisions-INITIAL_FORMS": "0",
        "decisions-MIN_NUM_FORMS": "0",
        "decisions-MAX_NUM_FORMS": "1000",
        "decisions-0-kind": "valider",
        "decisions-0-text": "Le plan d'actions est validé.",
        "decisions-0-owner": "Cheffe de projet",
        "decisions-0-due": "2026-06-30",
        "decisions-1-kind": "valider",
        "decisions-1-text": "",
    }
    data.update(extra)
    return data


def make_meeting(approach: Approach, day: date = date(2026, 3, 12)) -> Meeting:
    meeting = Meeting.objects.create(approach=approach, date=day, title="COPIL 1")
    Decision.objects.create(approach=approach, meeting=meeting, text="Lancer l'action A")
    return meeting


def test_team_member_records_a_meeting_with_its_decisions(
    approach: Approach, client_for: Callable[[str], Client]
) -> None:
    client = client_for("equipe")
    url = reverse("monitoring:meeting_create", args=[approach.slug])
    assert client.get(url).status_code == 200
    response = client.post(url, meeting_post())
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "monitoring:meeting_detail", args=[approach.slug, meeting.pk]
    )
    assert meeting.approach == approach
    assert meeting.attendee_list == ["Mme la Présidente", "M. le DGS"]
    decision = meeting.decisions.get()  # the blank second block is ignored
    assert decision.approach == approach and decision.due == date(2026, 6, 30)
    text = page_text(client.get(response["Location"]))
    assert "Le plan d'actions est validé." in text and "Relancer les partenaires" in text
    log = page_text(client.get(reverse("monitoring:decision_log", args=[approach.slug])))
    assert "Le plan d'actions est validé." in log


def test_invalid_meeting_saves_nothing_and_names_the_field(
    approach: Approach, client_for: Callable[[str], Client]
) -> None:
    client = client_for("chef_projet")
    url = reverse("monitoring:meeting_create", args=[approach.slug])
    response = client.post(url, meeting_post(**{"reunion-date": "", "decisions-0-due": "demain"}))
    assert response.status_code == 200
    assert not Meeting.objects.exists() and not Decision.objects.exists()
    text = page_text(response)
    assert "Ce champ est obligatoire" in text and "Saisissez une date valide" in text


def test_edit_changes_and_removes_decisions(
    approach: Approach, client_for: Callable[[str], Client]
) -> None:
    meeting = make_meeting(approach)
    decision = meeting.decisions.get()
    client = client_for("elu_referent")
    url = reverse("monitoring:meeting_edit", args=[approach.slug, meeting.pk])
    data = meeting_post(
        **{
            "decisions-TOTAL_FORMS": "2",
            "decisions-INITIAL_FORMS": "1",
            "decisions-0-id": str(decision.pk),
            "decisions-0-meeting": str(meeting.pk),
            "decisions-0-DELETE": "on",
            "decisions-1-kind": "reporter",
            "decisions-1-text": "Reporter l'action B à 2027",
        }
    )
    assert client.post(url, data).status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "Comité de pilotage n° 1"
    assert [d.text for d in meeting.decisions.all()] == ["Reporter l'action B à 2027"]
    assert meeting.history.count() == 2  # created, then edited: kept by simple_history


def test_rights_partner_reads_only_outsider_gets_404(
    approach: Approach, client_for: Callable[[str], Client], personas: dict[str, Any]
) -> None:
    meeting = make_meeting(approach)
    detail = reverse("monitoring:meeting_detail", args=[approach.slug, meeting.pk])
    edit = reverse("monitoring:meeting_edit", args=[approach.slug, meeting.pk])
    delete = reverse("monitoring:meeting_delete", args=[approach.slug, meeting.pk])
    partner = client_for("partenaire")
    assert partner.get(detail).status_code == 200
    assert "Modifier" not in page_text(partner.get(detail))
    assert partner.get(edit).status_code == 403
    team = client_for("equipe")
    assert team.post(delete).status_code == 403
    outsider = client_for("outsider")
    for url in (detail, edit, reverse("monitoring:meeting_list", args=[approach.slug])):
        assert outsider.get(url).status_code == 404
    # A meeting of another démarche is a 404 under this one's address, even for its leads.
    other = personas["other_approach"]
    foreign = make_meeting(other)
    lead = client_for("chef_projet")
    assert (
        lead.get(reverse("monitoring:meeting_detail", args=[approach.slug, foreign.pk])).status_code
        == 404
    )
    assert (
        lead.post(
            reverse("monitoring:meeting_delete", args=[approach.slug, foreign.pk])
        ).status_code
        == 404
    )
    assert Meeting.objects.filter(pk=foreign.pk).exists()
    assert lead.post(delete).status_code == 302
    assert not Meeting.objects.filter(pk=meeting.pk).exists()
    assert not Decision.objects.filter(meeting_id=meeting.pk).exists()


def test_list_and_log_are_empty_then_filled(
    approach: Approach, client_for: Callable[[str], Client]
) -> None:
    client = client_for("equipe")
    listing = reverse("monitoring:meeting_list", args=[approach.slug])
    assert "Aucune réunion enregistrée" in page_text(client.get(listing))
    log = reverse("monitoring:decision_log", args=[approach.slug])
    assert "Aucune décision" in page_text(client.get(log))
    for month in range(1, 6):
        make_meeting(approach, date(2026, month, 1))
    Decision.objects.filter(meeting__date=date(2026, 1, 1)).update(done=True)
    assert "COPIL 1" in page_text(client.get(listing))
    pending = page_text(client.get(log, {"suite": "a_faire"}))
    assert pending.count("Lancer l'action A") == 4


def test_list_query_count_does_not_grow_with_meetings(
    approach: Approach,
    client_for: Callable[[str], Client],
    django_assert_max_num_queries: Any,
) -> None:
    for month in range(1, 13):
        make_meeting(approach, date(2025, month, 1))
    client = client_for("equipe")
    with django_assert_max_num_queries(12):
        client.get(reverse("monitoring:meeting_list", args=[approach.slug]))


def test_decisions_link_the_actions_they_change_only_from_this_demarche(
    approach: Approach, client_for: Callable[[str], Client], personas: dict[str, Any]
) -> None:
    from ressort.actions.models import Action

    ours = Action.objects.create(approach=approach, title="Cantine bio")
    theirs = Action.objects.create(approach=personas["other_approach"], title="Ailleurs")
    client = client_for("chef_projet")
    url = reverse("monitoring:meeting_create", args=[approach.slug])
    form = page_text(client.get(url))
    assert "Cantine bio" in form and "Ailleurs" not in form
    bad = client.post(url, meeting_post(**{"decisions-0-actions": str(theirs.pk)}))
    assert bad.status_code == 200 and not Meeting.objects.exists()
    response = client.post(url, meeting_post(**{"decisions-0-actions": str(ours.pk)}))
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert list(decision.actions.all()) == [ours]
    assert list(ours.steering_decisions.all()) == [decision]
    log = page_text(client.get(reverse("monitoring:decision_log", args=[approach.slug])))
    assert "Cantine bio" in log


def test_new_meeting_proposes_the_steering_committee_of_the_governance(
    approach: Approach, client_for: Callable[[str], Client]
) -> None:
    from ressort.approaches.models import GovernanceMember

    GovernanceMember.objects.create(
        approach=approach, body="copil", name="Mme Durand", position="Présidente"
    )
    GovernanceMember.objects.create(approach=approach, body="equipe", name="M. Martin")
    form = page_text(
        client_for("equipe").get(reverse("monitoring:meeting_create", args=[approach.slug]))
    )
    assert "Mme Durand, Présidente" in form and "M. Martin" not in form
