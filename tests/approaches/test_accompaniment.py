"""The accompaniment itself: sessions held, days spent against days contracted per brique,
deliverables handed over, exported as CSV and XLSX for the contract's follow-up."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

from django.test import Client
from openpyxl import load_workbook

from ressort.approaches import accompaniment
from ressort.approaches.models import AccompanimentSession, Approach, ContractedDays, Handover
from tests.conftest import page_text


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def session(approach: Approach, **fields: Any) -> AccompanimentSession:
    defaults: dict[str, Any] = {
        "held_on": date(2026, 10, 6),
        "title": "Atelier",
        "step": "2",
        "format": "atelier",
        "participant_count": 12,
        "duration_hours": Decimal("3"),
        "days_spent": Decimal("1"),
    }
    return AccompanimentSession.objects.create(approach=approach, **{**defaults, **fields})


def test_who_sees_the_follow_up(personas: dict[str, Any], approach: Approach) -> None:
    url = f"/demarches/{approach.slug}/accompagnement/"
    assert client_for(personas["outsider"]).get(url).status_code == 404
    assert client_for(personas["partenaire"]).get(url).status_code == 403
    assert client_for(personas["equipe"]).get(url).status_code == 200
    csv_url = f"/demarches/{approach.slug}/accompagnement/seances.csv"
    assert client_for(personas["outsider"]).get(csv_url).status_code == 404
    other = session(personas["other_approach"])
    edit = f"/demarches/{approach.slug}/accompagnement/seances/{other.pk}/"
    assert client_for(personas["chef_projet"]).get(edit).status_code == 404


def test_recording_a_session_all_or_nothing(personas: dict[str, Any], approach: Approach) -> None:
    lead = client_for(personas["facilitateur"])
    add = f"/demarches/{approach.slug}/accompagnement/seances/ajouter/"
    data = {
        "held_on": "2026-11-17",
        "title": "Atelier d'analyse",
        "step": "2",
        "module": "",
        "format": "atelier",
        "participant_count": "15",
        "duration_hours": "2,5",
        "days_spent": "trois",
    }
    response = lead.post(add, data)
    assert response.status_code == 200
    assert "Saisissez un nombre." in page_text(response)
    assert not AccompanimentSession.objects.filter(approach=approach).exists()
    assert lead.post(add, {**data, "days_spent": "1,5"}).status_code == 302
    saved = AccompanimentSession.objects.get(approach=approach)
    assert saved.days_spent == Decimal("1.5") and saved.duration_hours == Decimal("2.5")
    page = page_text(lead.get(f"/demarches/{approach.slug}/accompagnement/"))
    assert "Atelier d'analyse" in page and "17\u00a0novembre 2026" in page


def test_days_spent_against_days_contracted_per_brique(
    personas: dict[str, Any], approach: Approach
) -> None:
    approach.modules = ["gouvernance"]
    approach.save()
    session(approach, days_spent=Decimal("2"))
    session(approach, module="gouvernance", days_spent=Decimal("4"))
    session(approach, module="recit", days_spent=Decimal("1"))  # a brique since switched off
    url = f"/demarches/{approach.slug}/accompagnement/"
    data = {"jours_base": "30", "jours_gouvernance": "3,5", "jours_recit": ""}
    assert client_for(personas["equipe"]).post(url, data).status_code == 403
    assert client_for(personas["chef_projet"]).post(url, data).status_code == 302
    rows = {r.module: r for r in accompaniment.days_by_brique(approach)}
    assert set(rows) == {"", "gouvernance", "recit"}
    assert rows[""].contracted == Decimal("30") and rows[""].spent == Decimal("2")
    assert rows[""].remaining == Decimal("28") and rows[""].percent == 7
    assert rows["gouvernance"].over and rows["gouvernance"].overrun == Decimal("0.5")
    assert rows["recit"].contracted is None and not rows["recit"].active
    assert rows[""].proposed > 0  # the offer's days at the steps' depths
    page = page_text(client_for(personas["equipe"]).get(url))
    assert "dépassement de 0,5\u00a0j" in page and "brique désactivée" in page
    client_for(personas["chef_projet"]).post(url, {**data, "jours_gouvernance": "-2"})
    assert ContractedDays.objects.get(approach=approach, module="gouvernance").days == Decimal(
        "3.5"
    )


def test_exports_for_the_contract_follow_up(personas: dict[str, Any], approach: Approach) -> None:
    session(approach, title='=HYPERLINK("http://x")', days_spent=Decimal("0.5"))
    Handover.objects.create(
        approach=approach, title="Portrait", step="2", handed_on=date(2026, 12, 1)
    )
    client = client_for(personas["equipe"])
    csv = client.get(f"/demarches/{approach.slug}/accompagnement/seances.csv")
    text = csv.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Date;Objet;Étape;Brique;Format;Participants")
    assert "'=HYPERLINK" in text and ";0,5;" in text
    xlsx = client.get(f"/demarches/{approach.slug}/accompagnement/accompagnement.xlsx")
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == ["Séances", "Jours par brique", "Livrables remis"]
    assert book["Séances"]["B2"].value == '\'=HYPERLINK("http://x")'
    assert book["Livrables remis"]["A2"].value == "Portrait"


def test_calendar_shows_sessions_held_against_the_plan(
    personas: dict[str, Any], approach: Approach
) -> None:
    session(approach, step="2", held_on=date(2026, 10, 6))
    session(approach, step="2", held_on=date(2026, 12, 1))
    page = page_text(
        client_for(personas["partenaire"]).get(f"/demarches/{approach.slug}/calendrier/")
    )
    assert "2 séances tenues du 6\u00a0octobre 2026 au 1er\u00a0décembre 2026" in page
