"""The monitoring dashboard: flags off-track indicators, late and over-budget actions, what
changed since the last committee; progress entry through strategy.record_progress."""

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ressort.approaches.models import Approach
from ressort.monitoring import dashboard
from ressort.monitoring.models import Meeting
from tests.conftest import page_text
from tests.monitoring.factories import indicator, sheet, trajectory, values

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 26)


def plan(approach: Approach) -> dict[str, Any]:
    return {
        "late": sheet(
            approach,
            "Rénovation des écoles",
            status="engagee",
            end_date=date(2026, 6, 30),
            pilot_email="pilote@example.org",
            progress=40,
        ),
        "ok": sheet(approach, "Pistes cyclables", status="engagee", end_date=date(2027, 12, 31)),
        "over": sheet(approach, "Cantine bio", status="engagee", budget={2026: ("1000", "1500")}),
        "done": sheet(approach, "Plan vélo", status="realisee", end_date=date(2026, 1, 1)),
        "dropped": sheet(approach, "Golf", status="abandonnee", end_date=date(2026, 1, 1)),
    }


def test_dashboard_flags(approach: Approach) -> None:
    plan(approach)
    off = indicator(approach, "ges", name="Émissions")
    values(off, {2020: 100.0, 2021: 99.0, 2022: 98.0})
    trajectory(off, (2020, 100.0), {2030: 60.0})
    on = indicator(approach, "velo", direction="higher", name="Part modale vélo")
    values(on, {2020: 2.0, 2022: 4.0})
    trajectory(on, (2020, 2.0), {2030: 12.0})
    indicator(approach, "libre", name="Sans trajectoire")
    board = dashboard.build(approach, TODAY)
    assert [t.indicator.code for t in board.tracks] == ["ges", "velo"]  # off track first
    assert board.track_counts == {"off_track": 1, "on_track": 1}
    actions = board.actions
    assert actions is not None and actions.total == 5
    assert [r["action"].title for r in actions.late] == ["Rénovation des écoles"]
    assert [r["action"].title for r in actions.over_budget] == ["Cantine bio"]
    assert actions.realisation_rate == 25.0  # 1 done of the 4 not abandoned


def test_changes_since_the_last_meeting(approach: Approach) -> None:
    s = sheet(approach, "Rénovation des écoles", status="planifiee")
    ind = indicator(approach)
    values(ind, {2024: 10.0})
    yesterday = timezone.localdate() - timedelta(days=1)
    Meeting.objects.create(approach=approach, date=yesterday, title="COPIL")
    # What exists so far was done before the meeting.
    before = timezone.now() - timedelta(days=3)
    s.history.update(history_date=before)
    from ressort.actions.models import Action
    from ressort.portrait.models import Indicator, IndicatorValue

    Action.history.update(history_date=before)  # type: ignore[attr-defined]
    Indicator.history.update(history_date=before)  # type: ignore[attr-defined]

    IndicatorValue.objects.update(created_at=before)
    board = dashboard.build(approach)
    assert board.last_meeting is not None and board.changes.since == yesterday
    assert board.changes.new_values == 0 and board.changes.strategy == []
    from ressort.strategy import services as strategy

    strategy.record_progress(approach, s.action, status="engagee", progress=10)
    values(ind, {2025: 12.0})
    board = dashboard.build(approach)
    assert board.changes.new_values == 1
    assert [e.object_label for e in board.changes.strategy] == ["Rénovation des écoles"]
    # A meeting in the future is not "the last one".
    Meeting.objects.create(approach=approach, date=timezone.localdate() + timedelta(days=30))
    assert dashboard.build(approach).last_meeting.title == "COPIL"  # type: ignore[union-attr]


def test_dashboard_page_and_empty_states(
    approach: Approach, client_for: Callable[[str], Client]
) -> None:
    client = client_for("partenaire")
    url = reverse("monitoring:dashboard", args=[approach.slug])
    text = page_text(client.get(url))
    assert "Aucun indicateur n’a de trajectoire" in text
    assert "Aucune fiche action pour l’instant" in text
    assert "Saisir l’avancement" not in text  # partners read only
    plan(approach)
    text = page_text(client.get(url))
    assert "Rénovation des écoles" in text and "En retard" in text
    assert "Cantine bio" in text and "Dépassement" in text


def test_progress_entry_records_through_strategy(
    approach: Approach, client_for: Callable[[str], Client]
) -> None:
    p = plan(approach)
    client = client_for("equipe")
    url = reverse("monitoring:progress", args=[approach.slug])
    assert "Rénovation des écoles" in page_text(client.get(url))
    late = p["late"].action.pk
    response = client.post(
        url,
        {
            "annee": "2026",
            f"action-{late}-statut": "realisee",
            f"action-{late}-avancement": "100",
            f"action-{late}-depense": "2 500,50",
        },
    )
    assert response.status_code == 302
    p["late"].refresh_from_db()
    assert p["late"].status == "realisee" and p["late"].progress == 100
    assert str(p["late"].budget_lines.get(year=2026).spent) == "2500.50"
    assert p["late"].history.first().history_user.email == "equipe@example.org"


def test_progress_entry_checks_every_row_before_writing(
    approach: Approach, client_for: Callable[[str], Client]
) -> None:
    p = plan(approach)
    client = client_for("chef_projet")
    url = reverse("monitoring:progress", args=[approach.slug])
    ok, bad = p["ok"].action.pk, p["over"].action.pk
    response = client.post(
        url,
        {
            "annee": "2026",
            f"action-{ok}-avancement": "50",
            f"action-{bad}-avancement": "150",
            f"action-{bad}-depense": "-3",
            f"action-{ok}-statut": "inconnu",
        },
    )
    assert response.status_code == 200
    text = page_text(response)
    assert "Rien n’a été enregistré" in text
    assert (
        "«\u00a0Cantine bio\u00a0», avancement\u00a0: un nombre entier de 0 à 100 (reçu « 150 »)"
        in text
    )
    assert "«\u00a0Cantine bio\u00a0», dépensé dans l'année" in text
    assert "«\u00a0Pistes cyclables\u00a0», statut\u00a0: valeur inconnue" in text
    assert 'value="150"' in text and 'value="-3"' in text  # what was typed is shown again
    assert 'aria-invalid="true"' in response.content.decode()
    p["ok"].refresh_from_db()
    assert p["ok"].progress == 0


def test_progress_entry_names_a_bad_year_and_writes_nothing(
    approach: Approach, client_for: Callable[[str], Client]
) -> None:
    p = plan(approach)
    ok = p["ok"].action.pk
    url = reverse("monitoring:progress", args=[approach.slug])
    response = client_for("chef_projet").post(
        url, {"annee": "deux mille", f"action-{ok}-avancement": "60"}
    )
    text = page_text(response)
    assert "Année des dépenses : un nombre entier (ex. 2026)." in text
    assert 'value="60"' in text
    response = client_for("chef_projet").post(url, {"annee": "1850"})
    assert "Année des dépenses : entre 1990 et 2100." in page_text(response)
    p["ok"].refresh_from_db()
    assert p["ok"].progress == 0


def test_rights(approach: Approach, client_for: Callable[[str], Client], personas: dict) -> None:
    plan(approach)
    assert (
        client_for("partenaire")
        .get(reverse("monitoring:progress", args=[approach.slug]))
        .status_code
        == 403
    )
    outsider = client_for("outsider")
    for name in ("dashboard", "progress"):
        assert outsider.get(reverse(f"monitoring:{name}", args=[approach.slug])).status_code == 404
    # An action of another démarche cannot be changed through this démarche's entry page.
    foreign = sheet(personas["other_approach"], "Ailleurs", status="engagee")
    lead = client_for("chef_projet")
    lead.post(
        reverse("monitoring:progress", args=[approach.slug]),
        {"annee": "2026", f"action-{foreign.action.pk}-statut": "realisee"},
    )
    foreign.refresh_from_db()
    assert foreign.status == "engagee"


def test_dashboard_query_count_is_bounded(
    approach: Approach, client_for: Callable[[str], Client], django_assert_max_num_queries: Any
) -> None:
    for i in range(12):
        sheet(
            approach,
            f"Action {i}",
            status="engagee",
            end_date=date(2026, 1, 1),
            budget={2026: ("10", "20")},
        )
        ind = indicator(approach, f"i{i}")
        values(ind, {2020: 10.0, 2021: 11.0})
        trajectory(ind, (2020, 10.0), {2030: 5.0})
    client = client_for("equipe")
    # The strategy's history labels cost a few queries each: the dashboard shows the latest 10.
    with django_assert_max_num_queries(60):
        client.get(reverse("monitoring:dashboard", args=[approach.slug]))
