"""Trajectories in the app: statuses from the démarche's own values, chart, form, rights."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from ressort.approaches.models import Approach
from ressort.monitoring import tracking
from ressort.monitoring.models import Trajectory
from tests.conftest import page_text
from tests.monitoring.factories import indicator, trajectory, values

pytestmark = pytest.mark.django_db


def test_statuses_use_own_values_perimeter_first(approach: Approach, territories: dict) -> None:
    on = indicator(approach, "ges")
    values(on, {2020: 100.0, 2021: 96.0, 2022: 92.0})  # −4 a year → 60 in 2030: on track
    # A value for the EPCI (the démarche's own territory) in a year without perimeter value
    # counts; a value of another commune does not.
    values(on, {2023: 88.0}, scope="territoire", territory=territories["epci"])
    values(on, {2024: 500.0}, scope="territoire", territory=territories["vienne"])
    trajectory(on, (2020, 100.0), {2030: 60.0})
    off = indicator(approach, "bio", direction="higher", name="Surface bio")
    values(off, {2020: 10.0, 2022: 10.5})  # +0.25 a year → 12.5 in 2030, target 30
    trajectory(off, (2020, 10.0), {2030: 30.0})
    indicator(approach, "sans", name="Sans cible")
    tracks = {t.indicator.code: t for t in tracking.indicator_tracks(approach)}
    assert tracks["ges"].observations == [(2020, 100.0), (2021, 96.0), (2022, 92.0), (2023, 88.0)]
    assert tracks["ges"].status == "on_track"
    assert tracks["bio"].status == "off_track"
    assert tracks["bio"].result.expected == pytest.approx(12.5)  # type: ignore[union-attr]
    assert tracks["sans"].status == "no_target"


def test_pages_show_status_chart_and_table(
    approach: Approach, client_for: Callable[[str], Client]
) -> None:
    ind = indicator(approach, "bio", direction="higher", name="Surface bio")
    values(ind, {2020: 10.0, 2022: 10.5})
    trajectory(ind, (2020, 10.0), {2030: 30.0, 2050: 60.0})
    indicator(approach, "eau", name="Prélèvements d'eau")
    client = client_for("partenaire")
    listing = page_text(client.get(reverse("monitoring:trajectory_list", args=[approach.slug])))
    assert "Surface bio" in listing and "Hors trajectoire" in listing
    assert "Prélèvements d'eau" in listing
    detail = page_text(
        client.get(reverse("monitoring:trajectory_detail", args=[approach.slug, ind.pk]))
    )
    assert "<svg" in detail and "Trajectoire cible" in detail
    assert "La tendance mène à 12,5 en 2030" in detail
    assert '<th scope="row">2050</th>' in detail
    assert "Modifier la trajectoire" not in detail  # partners read only


def test_team_sets_a_national_target_and_values_are_derived(
    approach: Approach, client_for: Callable[[str], Client]
) -> None:
    ind = indicator(approach, "ges", name="Émissions")
    values(ind, {2019: 200.0})
    client = client_for("equipe")
    url = reverse("monitoring:trajectory_edit", args=[approach.slug, ind.pk])
    form = page_text(client.get(url))
    assert 'value="2019"' in form and 'value="200.0"' in form  # baseline proposed
    data = {
        "baseline_year": "2019",
        "baseline_value": "200",
        "source": "national",
        "national_reference": "SNBC",
        "tolerance": "10",
        "jalons-TOTAL_FORMS": "3",
        "jalons-INITIAL_FORMS": "0",
        "jalons-MIN_NUM_FORMS": "0",
        "jalons-MAX_NUM_FORMS": "1000",
        "jalons-0-year": "2030",
        "jalons-0-percent": "-50",
        "jalons-1-year": "2050",
        "jalons-1-percent": "-100",
    }
    response = client.post(url, data)
    assert response.status_code == 302, page_text(response)
    t = Trajectory.objects.get(indicator=ind)
    assert [(m.year, m.value, m.percent) for m in t.milestones.all()] == [
        (2030, 100.0, -50.0),
        (2050, 0.0, -100.0),
    ]


def test_invalid_milestones_save_nothing_and_say_why(
    approach: Approach, client_for: Callable[[str], Client]
) -> None:
    ind = indicator(approach)
    client = client_for("chef_projet")
    url = reverse("monitoring:trajectory_edit", args=[approach.slug, ind.pk])
    base = {
        "baseline_year": "2020",
        "baseline_value": "100",
        "source": "equipe",
        "tolerance": "10",
        "jalons-TOTAL_FORMS": "3",
        "jalons-INITIAL_FORMS": "0",
        "jalons-MIN_NUM_FORMS": "0",
        "jalons-MAX_NUM_FORMS": "1000",
    }
    cases = [
        ({}, "Indiquez au moins un jalon"),
        ({"jalons-0-year": "2018", "jalons-0-value": "5"}, "doit suivre l’année de référence"),
        ({"jalons-0-year": "2030"}, "Indiquez la valeur cible de ce jalon"),
        (
            {
                "jalons-0-year": "2030",
                "jalons-0-value": "5",
                "jalons-1-year": "2030",
                "jalons-1-value": "4",
            },
            "Deux jalons pour 2030",
        ),
        (
            {"source": "national", "jalons-0-year": "2030", "jalons-0-value": "5"},
            "indiquez l’évolution en %",
        ),
        ({"tolerance": "300", "jalons-0-year": "2030", "jalons-0-value": "5"}, "entre 0 et 100"),
    ]
    for extra, message in cases:
        response = client.post(url, {**base, **extra})
        assert response.status_code == 200
        assert message in page_text(response), message
    assert not Trajectory.objects.exists()


def test_rights_and_other_demarche(
    approach: Approach, client_for: Callable[[str], Client], personas: dict[str, Any]
) -> None:
    ind = indicator(approach)
    target = trajectory(ind, (2020, 100.0), {2030: 60.0})
    foreign = indicator(personas["other_approach"], "autre")
    partner = client_for("partenaire")
    assert (
        partner.get(reverse("monitoring:trajectory_edit", args=[approach.slug, ind.pk])).status_code
        == 403
    )
    team = client_for("equipe")
    delete = reverse("monitoring:trajectory_delete", args=[approach.slug, target.pk])
    assert team.post(delete).status_code == 403
    for name in ("trajectory_detail", "trajectory_edit"):
        assert (
            team.get(reverse(f"monitoring:{name}", args=[approach.slug, foreign.pk])).status_code
            == 404
        )
    outsider = client_for("outsider")
    assert (
        outsider.get(reverse("monitoring:trajectory_list", args=[approach.slug])).status_code == 404
    )
    lead = client_for("chef_projet")
    assert lead.post(delete).status_code == 302
    assert not Trajectory.objects.exists()


def test_list_query_count_does_not_grow_with_indicators(
    approach: Approach, client_for: Callable[[str], Client], django_assert_max_num_queries: Any
) -> None:
    for i in range(15):
        ind = indicator(approach, f"i{i}")
        values(ind, {2020: 10.0 + i, 2021: 11.0, 2022: 12.0})
        trajectory(ind, (2020, 10.0), {2030: 5.0})
    client = client_for("equipe")
    with django_assert_max_num_queries(12):
        client.get(reverse("monitoring:trajectory_list", args=[approach.slug]))
