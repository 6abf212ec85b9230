"""Timeline: filters, the Gantt drawing with its table, iCalendar and XLSX exports."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from django.urls import reverse
from icalendar import Calendar
from openpyxl import load_workbook

from ressort.approaches.models import Approach, Role
from ressort.strategy import services
from ressort.strategy.models import BudgetLine, Milestone
from tests.conftest import page_text
from tests.strategy.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(approach: Approach, strategy: dict[str, Any]) -> dict[str, Any]:
    water = services.create_sheet(
        approach,
        title="Cuves de récupération",
        objective=strategy["objective"],
        pilot_service="Service eau",
        status="engagee",
        start_date=date(2027, 1, 1),
        end_date=date(2027, 12, 31),
    )
    Milestone.objects.create(sheet=water, title="Marché notifié", due_date=date(2027, 3, 1))
    BudgetLine.objects.create(
        sheet=water, kind="investissement", year=2027, label="Cuves", planned=50000, spent=12000
    )
    hedges = services.create_sheet(
        approach,
        title="Haies à Villefontaine",
        pilot_name="Aline Martin",
        status="planifiee",
        whole_territory=False,
        commune_codes=["38553"],
        start_date=date(2028, 1, 1),
    )
    idea = services.create_sheet(approach, title="Idée sans date")
    return {"water": water, "hedges": hedges, "idea": idea}


def test_timeline_draws_and_tabulates_by_axis(
    approach: Approach, personas: dict[str, Any], plan: dict[str, Any]
) -> None:
    url = reverse("strategy:timeline", args=[approach.slug])
    for role in Role:
        assert client_for(personas[role.value]).get(url).status_code == 200
    assert client_for(personas["outsider"]).get(url).status_code == 404
    page = page_text(client_for(personas["partenaire"]).get(url))
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page
    assert "Axe 1 — Sécuriser l'eau" in page and "Hors objectif" in page
    assert "Marché notifié" in page and "Idée sans date" in page
    assert "3 actions" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"pilote": "Service eau"}, {"Cuves de récupération"}),
        ({"pilote": "Aline Martin"}, {"Haies à Villefontaine"}),
        ({"statut": "planifiee"}, {"Haies à Villefontaine"}),
        # Whole-territory actions concern every commune.
        (
            {"commune": "38553"},
            {"Cuves de récupération", "Haies à Villefontaine", "Idée sans date"},
        ),
        ({"commune": "38053"}, {"Cuves de récupération", "Idée sans date"}),
        ({"statut": "realisee"}, set()),
    ],
)
def test_filters(
    approach: Approach,
    personas: dict[str, Any],
    plan: dict[str, Any],
    query: dict[str, str],
    expected: set[str],
) -> None:
    client = client_for(personas["equipe"])
    response = client.get(reverse("strategy:timeline", args=[approach.slug]), query)
    shown = {s.action.title for g in response.context["groups"] for s in g.sheets}
    assert shown == expected
    if not expected:
        assert "Aucune action ne correspond à ces filtres." in page_text(response)
    ics = client.get(reverse("strategy:timeline_ics", args=[approach.slug]), query)
    summaries = {str(e.get("summary")) for e in Calendar.from_ical(ics.content).walk("VEVENT")}
    assert {s for s in summaries if not s.startswith("Jalon")} == expected - {"Idée sans date"}


def test_ical_export_parses_with_all_day_events(
    approach: Approach, personas: dict[str, Any], plan: dict[str, Any]
) -> None:
    response = client_for(personas["elu_referent"]).get(
        reverse("strategy:timeline_ics", args=[approach.slug])
    )
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    calendar = Calendar.from_ical(response.content)
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    water = events["Cuves de récupération"]
    assert water.decoded("dtstart") == date(2027, 1, 1)
    assert water.decoded("dtend") == date(2028, 1, 1)  # exclusive end of an all-day event
    assert str(water["uid"]) == f"fiche-{plan['water'].pk}@{approach.slug}.ressort"
    assert "Service eau" in str(water["description"])
    assert str(water["url"]).endswith(f"/strategie/fiches/{plan['water'].pk}/")
    milestone = events["Jalon : Marché notifié — Cuves de récupération"]
    assert milestone.decoded("dtstart") == date(2027, 3, 1)
    # Only a start: a one-day event.
    hedges = events["Haies à Villefontaine"]
    assert hedges.decoded("dtend") == date(2028, 1, 2)
    assert (
        client_for(personas["outsider"])
        .get(reverse("strategy:timeline_ics", args=[approach.slug]))
        .status_code
        == 404
    )


def test_xlsx_export_opens_with_dates_and_amounts(
    approach: Approach, personas: dict[str, Any], plan: dict[str, Any]
) -> None:
    response = client_for(personas["partenaire"]).get(
        reverse("strategy:timeline_xlsx", args=[approach.slug])
    )
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Actions", "Jalons", "Budget"]
    rows = list(book["Actions"].iter_rows(values_only=True))
    assert rows[0][:3] == ("Axe", "Objectif", "Action")
    water = next(r for r in rows if r[2] == "Cuves de récupération")
    assert water[0] == "Axe 1 — Sécuriser l'eau" and water[6] == "Engagée"
    assert water[9].date() == date(2027, 1, 1) and water[12] == 50000 and water[13] == 12000
    hedges = next(r for r in rows if r[2] == "Haies à Villefontaine")
    assert hedges[11] == "Villefontaine"
    milestones = list(book["Jalons"].iter_rows(values_only=True))
    assert milestones[1][2] == "Marché notifié"
    budget = list(book["Budget"].iter_rows(values_only=True))
    assert budget[1][2:] == (2027, "Investissement", "Cuves", 50000, 12000)


def test_htmx_filter_answers_the_same_plan(
    approach: Approach, personas: dict[str, Any], plan: dict[str, Any]
) -> None:
    client = client_for(personas["equipe"])
    url = reverse("strategy:timeline", args=[approach.slug])
    full = page_text(client.get(url, {"statut": "planifiee"}))
    swapped = page_text(client.get(url, {"statut": "planifiee"}, HTTP_HX_REQUEST="true"))
    start = full.index('<div id="plan"')
    end = full.index("</div>", full.index("Actions et jalons par axe"))
    fragment = full[start:end]
    assert fragment in swapped and "Haies à Villefontaine" in fragment
    assert "Cuves de récupération" not in fragment


def test_ods_export_is_the_same_workbook(
    approach: Approach, personas: dict[str, Any], plan: dict[str, Any]
) -> None:
    """Read back with odfpy, as LibreOffice would: the same sheets and cells as the XLSX,
    numbers as numbers, dates as dates, accents intact, no formula anywhere."""
    from odf import opendocument, table, text
    from odf.namespaces import TABLENS

    client = client_for(personas["partenaire"])
    response = client.get(reverse("strategy:timeline_ods", args=[approach.slug]))
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
    assert response["Content-Disposition"].endswith('-plan-actions.ods"')
    doc = opendocument.load(io.BytesIO(response.content))
    sheets = doc.spreadsheet.getElementsByType(table.Table)
    assert [s.getAttribute("name") for s in sheets] == ["Actions", "Jalons", "Budget"]

    def cells(sheet: Any) -> list[list[tuple[str | None, str | None, str]]]:
        out = []
        for row in sheet.getElementsByType(table.TableRow):
            line = []
            for cell in row.getElementsByType(table.TableCell):
                assert cell.attributes.get((TABLENS, "formula")) is None
                shown = "".join(str(p) for p in cell.getElementsByType(text.P))
                line.append(
                    (
                        cell.getAttribute("valuetype"),
                        cell.getAttribute("value") or cell.getAttribute("datevalue"),
                        shown,
                    )
                )
            out.append(line)
        return out

    actions = cells(sheets[0])
    assert [c[2] for c in actions[0][:3]] == ["Axe", "Objectif", "Action"]
    water = next(r for r in actions if r[2][2] == "Cuves de récupération")
    assert water[0][2] == "Axe 1 — Sécuriser l'eau"
    assert water[9][:2] == ("date", "2027-01-01") and water[9][2] == "01/01/2027"
    assert water[12][0] == "float" and float(water[12][1] or 0) == 50000
    assert water[13][0] == "float" and float(water[13][1] or 0) == 12000
    budget = cells(sheets[2])
    assert [c[2] for c in budget[1][2:5]] == ["2027", "Investissement", "Cuves"]
    xlsx = client.get(reverse("strategy:timeline_xlsx", args=[approach.slug]))
    book = load_workbook(io.BytesIO(xlsx.content))
    assert len(actions) == book["Actions"].max_row
