"""Status that follows the work: each step's checklist computed from the démarche's content,
closing a step by hand with a reason, « Et ensuite ? » on every page of a step, and the
calendar's plan against actual."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.test import Client
from django.urls import reverse

from ressort.approaches import progress
from ressort.approaches.demo import load_demo
from ressort.approaches.models import Approach, StepStatus
from ressort.monitoring.models import Meeting
from ressort.portrait.models import Indicator
from ressort.territories.importer import import_official_territories
from tests.conftest import page_text
from tests.fieldwork import factories
from tests.territories.test_import import CONTOURS, DATA


def by_code(approach: Approach) -> dict[str, progress.StepProgress]:
    return {s.code: s for s in progress.progress(approach, today=date(2026, 12, 1))}


def test_demo_statuses_follow_from_its_content(db: Any) -> None:
    import_official_territories(DATA, CONTOURS)
    demo, _ = load_demo()
    steps = by_code(demo)
    assert steps["1"].status == StepStatus.DONE and steps["1"].closed_by_hand
    assert "(exemple)" in steps["1"].method_step.closed_reason
    assert steps["2"].status == StepStatus.ONGOING  # indicators and testimonies, no export
    assert not all(c.done for c in steps["2"].checks)
    assert steps["3B"].status == StepStatus.ONGOING
    assert all(s.late is False for s in steps.values())
    assert progress.next_of(list(steps.values())).code == "2"  # type: ignore[union-attr]


def assert_consistent(demo: Approach, today: date) -> list[progress.StepProgress]:
    steps = progress.progress(demo, today)
    for s in steps:
        planned = s.method_step
        assert planned.start_date and planned.end_date, s.code
        assert planned.start_date <= planned.end_date, s.code
        if s.status == StepStatus.DONE:  # never « Terminée » with dates still to come
            assert planned.end_date < today, (s.code, planned.end_date)
            assert planned.start_date < today, s.code
        elif s.status == StepStatus.ONGOING:
            assert planned.start_date <= today <= planned.end_date, s.code
        else:
            assert planned.end_date > today, s.code
        assert not s.late, s.code
    current = progress.next_of(steps)
    assert current is not None and current.method_step.start_date <= today  # type: ignore[operator]
    return steps


def test_no_finished_step_of_the_demo_is_planned_in_the_future(db: Any) -> None:
    from ressort.approaches.demo import plan_calendar
    from ressort.approaches.models import AccompanimentSession, Handover

    import_official_territories(DATA, CONTOURS)
    demo, _ = load_demo()
    today = date.today()
    steps = assert_consistent(demo, today)
    assert {s.status for s in steps} >= {StepStatus.DONE, StepStatus.ONGOING}
    done = [s.method_step for s in steps if s.status == StepStatus.DONE]
    assert all(m.closed_on is None or m.closed_on <= today for m in done)
    # Sessions held and deliverables handed over: in the past, within their step's dates.
    dates = {s.code: (s.method_step.start_date, s.method_step.end_date) for s in steps}
    for held in AccompanimentSession.objects.filter(approach=demo):
        assert held.held_on <= today
        if held.step in dates:
            assert dates[held.step][0] <= held.held_on <= dates[held.step][1]  # type: ignore[operator]
    for handover in Handover.objects.filter(approach=demo):
        assert handover.handed_on <= today

    # Set up on another day, the calendar follows that day (steps of whole months).
    later = date(2031, 5, 17)
    ranges = plan_calendar(demo, later)
    assert_consistent(demo, later)
    # Done (1, 3A, 3C): one after the other in the method's order, before this month.
    assert ranges["1"] == (date(2030, 7, 1), date(2030, 9, 30))
    assert ranges["3A"] == (date(2030, 10, 1), date(2031, 1, 31))
    assert ranges["3C"] == (date(2031, 2, 1), date(2031, 4, 30))
    # Under way (2, 3B): through today, each a month after the previous one.
    assert ranges["2"] == (date(2031, 2, 1), date(2031, 7, 31))
    assert ranges["3B"] == (date(2031, 3, 1), date(2031, 8, 31))


def test_a_planned_calendar_puts_the_steps_to_come_after_today(approach: Approach) -> None:
    from ressort.approaches.demo import plan_calendar

    today = date(2031, 5, 17)
    ranges = plan_calendar(approach, today)  # nothing done: the first step is the current one
    assert_consistent(approach, today)
    assert ranges["1"] == (date(2031, 4, 1), date(2031, 6, 30))
    assert ranges["2"] == (date(2031, 7, 1), date(2031, 12, 31))
    assert ranges["3A"][0] == date(2032, 1, 1)


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_portrait_checklist_counts_dimensions_and_coded_testimonies(approach: Approach) -> None:
    step = approach.steps.get(code="2")
    step.depth = "leger"  # 3 dimensions, 3 testimonies
    step.save()
    assert by_code(approach)["2"].status == StepStatus.TODO
    for i, dims in enumerate([["water"], ["water", "food"]]):
        Indicator.objects.create(
            approach=approach, code=f"i{i}", name="i", unit="%", source="s", dimension_codes=dims
        )
    checks = by_code(approach)["2"].checks
    assert checks[0].done is False and checks[0].detail == "2 dimensions renseignées"
    Indicator.objects.create(
        approach=approach, code="i3", name="i", unit="%", source="s", dimension_codes=["housing"]
    )
    for _ in range(2):
        factories.testimony(approach, quotes=(("On manque d'eau.", ["water"]),))
    factories.testimony(approach, quotes=(("Rien de codé.", []),))
    current = by_code(approach)["2"]
    assert current.checks[0].done is True
    assert current.checks[2].done is False and "1 à coder" in current.checks[2].detail
    assert current.status == StepStatus.ONGOING
    step.depth = "approfondi"  # 10 dimensions: the same content no longer suffices
    step.save()
    assert by_code(approach)["2"].checks[0].done is False


def test_closing_a_step_by_hand_needs_a_reason_and_the_right(
    personas: dict[str, Any], approach: Approach
) -> None:
    url = f"/demarches/{approach.slug}/parcours/3C/clore/"
    assert client_for(personas["outsider"]).post(url, {"reason": "x"}).status_code == 404
    assert client_for(personas["partenaire"]).post(url, {"reason": "x"}).status_code == 403
    lead = client_for(personas["chef_projet"])
    lead.post(url, {"reason": "  "})
    assert by_code(approach)["3C"].status == StepStatus.TODO
    response = lead.post(url, {"reason": "Suivi assuré par le comité existant."}, follow=True)
    text = page_text(response)
    assert "Suivi assuré par le comité existant." in text
    assert by_code(approach)["3C"].status == StepStatus.DONE
    assert (
        lead.post(f"/demarches/{approach.slug}/parcours/9Z/clore/", {"reason": "x"}).status_code
        == 404
    )
    lead.post(f"/demarches/{approach.slug}/parcours/3C/rouvrir/")
    assert by_code(approach)["3C"].status == StepStatus.TODO
    Meeting.objects.create(approach=approach, date=date(2026, 11, 2))
    assert by_code(approach)["3C"].status == StepStatus.ONGOING


def test_home_and_step_pages_say_what_is_next(personas: dict[str, Any], approach: Approach) -> None:
    client = client_for(personas["equipe"])
    home = page_text(client.get(f"/demarches/{approach.slug}/"))
    assert "Et ensuite\u202f?" in home
    appropriation = reverse("grids:appropriation", args=[approach.slug])
    assert f'<a href="{appropriation}">un exercice d\'appropriation' in home
    indicators = reverse("portrait:indicators", args=[approach.slug])
    page = page_text(client.get(indicators))
    guide = page[page.index('aria-label="Avancement de l’étape"') :]
    assert "Étape 2 — Dresser le portrait de résilience du territoire" in guide
    assert "0 sur 4 fait" in guide
    assert "Et ensuite\u202f?" in guide
    assert f'href="{indicators}"' in guide
    members = page_text(client.get(f"/demarches/{approach.slug}/membres/"))
    assert "Avancement de l’étape" not in members  # not a page of a step


def test_calendar_shows_plan_against_actual(personas: dict[str, Any], approach: Approach) -> None:
    step = approach.steps.get(code="1")
    step.start_date, step.end_date = date(2025, 1, 1), date(2025, 3, 31)
    step.save()
    for role in ("chef_projet", "partenaire"):
        text = page_text(client_for(personas[role]).get(f"/demarches/{approach.slug}/calendrier/"))
        assert "Réel" in text and "En retard" in text
    lead = client_for(personas["chef_projet"])
    data = {
        f"etape-{c}-{k}": v
        for c in ("1", "2", "3A", "3B", "3C")
        for k, v in (("start_date", "2026-01-01"), ("end_date", "2026-12-31"), ("notes", ""))
    }
    assert lead.post(f"/demarches/{approach.slug}/calendrier/", data).status_code == 302
    assert approach.steps.get(code="1").end_date == date(2026, 12, 31)
