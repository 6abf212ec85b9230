"""The « Bilan de mise en œuvre »: every action at a date, in PDF, DOCX and ODT, beside the
plan to adopt; its synthesis counts what the sheets say."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from ressort.approaches.models import Approach
from ressort.documents.models import DocumentJob
from ressort.strategy import report, services
from ressort.strategy.models import BudgetLine, Funding, Milestone
from tests.documents.read import pdf_reader, plain
from tests.documents.test_demo_documents import internal_codes
from tests.strategy.conftest import client_for
from tests.strategy.test_documents import docx_text, odt_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def sheets(approach: Approach, strategy: dict[str, Any]) -> dict[str, Any]:
    today = services.today()
    objective = strategy["objective"]
    going = services.create_sheet(
        approach,
        title="Cuves de récupération",
        objective=objective,
        pilot_service="Service eau",
        status="engagee",
        progress=50,
    )
    Milestone.objects.create(
        sheet=going, title="Marché notifié", due_date=today - timedelta(days=40), done_on=today
    )
    Milestone.objects.create(
        sheet=going, title="Cuves posées", due_date=today - timedelta(days=10)
    )  # late
    Milestone.objects.create(sheet=going, title="Bilan", due_date=today + timedelta(days=90))
    BudgetLine.objects.create(
        sheet=going, kind="investissement", year=today.year, planned=50000, spent=20000
    )
    Funding.objects.create(sheet=going, funder="Agence de l'eau", amount=10000, state="acquis")
    Funding.objects.create(sheet=going, funder="Région", amount=5000, state="sollicite")
    done = services.create_sheet(
        approach,
        title="Diagnostic des fuites",
        objective=objective,
        status="realisee",
        progress=100,
    )
    BudgetLine.objects.create(
        sheet=done, kind="fonctionnement", year=today.year - 1, planned=10000, spent=12000
    )
    services.create_sheet(
        approach, title="Forages abandonnés", objective=objective, status="abandonnee", progress=30
    )
    services.create_sheet(approach, title="Jardins partagés", status="planifiee")
    return {"going": going, "done": done}


def test_the_synthesis_counts_what_the_sheets_say(approach: Approach, sheets: Any) -> None:
    today = services.today()
    f = report.figures(report.sheets(approach), today)
    assert f.actions == 4
    assert f.by_group == {"en cours": 1, "réalisées": 1, "abandonnées": 1, "à lancer": 1}
    assert f.average_progress == pytest.approx(50)  # (50 + 100 + 0) / 3, abandoned left out
    assert (f.planned, f.spent) == (60000, 32000)
    assert (f.secured, f.sought) == (10000, 5000)
    assert (f.milestones, f.reached, f.late) == (3, 1, 1)

    blocks = report.outline(approach)
    keys = plain(" ".join(next(c for k, c in blocks if k == "keys")[1]))
    assert "4 actions : 1 en cours, 1 réalisée, 1 abandonnée, 1 à lancer." in keys
    assert "Avancement moyen des actions non abandonnées : 50 %." in keys
    assert "Budget : 32 000 € dépensés sur 60 000 € prévus (53 % du prévu)." in keys
    assert "Financements extérieurs : 10 000 € obtenus sur 15 000 € recherchés." in keys
    assert "1 atteint sur 3, 1 en retard." in keys
    # Every action, whatever its status, in its objective's table; the loose one apart.
    tables = {c[0]: c for k, c in blocks if k == "table"}
    objective = tables["Actions de l'objectif 1.1"]
    assert [r[0] for r in objective[2]] == [
        "Cuves de récupération",
        "Diagnostic des fuites",
        "Forages abandonnés",
    ]
    assert objective[2][0][2:] == [
        "Engagée",
        "50\u202f%",
        "50\u202f000\u00a0€",
        "20\u202f000\u00a0€",
        "1 sur 3, 1 en retard",
    ]
    assert [r[0] for r in tables["Actions rattachées à aucun objectif"][2]] == ["Jardins partagés"]
    late = next(c for name, c in tables.items() if name.startswith("Jalons non atteints"))
    assert [r[1:3] for r in late[2]] == [["Cuves posées", "Cuves de récupération"]]
    assert late[2][0][3] == "10 jours"
    by_axis = tables["État de la mise en œuvre par axe"][2]
    assert by_axis[0] == [
        "1. Sécuriser l'eau",
        "3",
        "1",
        "75\u202f%",  # (50 + 100) / 2, the abandoned one left out
        "60\u202f000\u00a0€",
        "32\u202f000\u00a0€",
    ]
    assert by_axis[1][:2] == ["2. Se nourrir sur place", "0"] and by_axis[1][3] == "—"
    assert by_axis[2][:3] == ["Hors axe", "1", "0"]
    assert by_axis[-1][:3] == ["Total", "4", "1"]
    headings = [c for k, c in blocks if k == "h2"]
    assert headings[0] == "Synthèse" and headings[-1] == "Annexe : méthode et sources"


def test_the_three_formats_say_the_same(approach: Approach, sheets: Any) -> None:
    pdf = report.build(approach, "pdf")
    reader = pdf_reader(pdf)
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and str(root["/Lang"]).lower() in ("fr", "fr-fr")
    pages = [plain(p.extract_text() or "") for p in reader.pages]
    assert "Bilan de mise en œuvre" in pages[0] and "Version projet" in pages[0]
    assert "Sommaire" in pages[1]
    assert pages[1].split("Sommaire", 1)[1].strip().startswith("Synthèse")
    assert "4 actions : 1 en cours" in pages[2].replace("\n", " ")
    docx = docx_text(report.build(approach, "docx"))
    odt_data = report.build(approach, "odt")
    assert zipfile.ZipFile(io.BytesIO(odt_data)).read("mimetype") == (
        b"application/vnd.oasis.opendocument.text"
    )
    odt = odt_text(odt_data)
    text = "\n".join(pages)
    for expected in (
        "Synthèse",
        "Axe 1 — Sécuriser l'eau",
        "Forages abandonnés",
        "Jalons en retard",
        "Annexe : méthode et sources",
    ):
        assert expected in docx, expected
        assert expected in odt, expected
        if expected != "Forages abandonnés":  # a table cell, hyphenated in the PDF
            assert expected in text.replace("\n", " "), expected
    for name, content in (("pdf", text), ("docx", docx), ("odt", odt)):
        assert internal_codes(content) == [], name


def test_the_bilan_is_started_from_the_strategy_page(
    approach: Approach, personas: dict[str, Any], sheets: Any
) -> None:
    start = reverse("strategy:report_start", args=[approach.slug])
    outsider = client_for(personas["outsider"])
    assert outsider.post(start, {"format": "pdf"}).status_code == 404
    assert not DocumentJob.objects.exists()
    client = client_for(personas["partenaire"])
    page = client.get(reverse("strategy:overview", args=[approach.slug])).content.decode()
    assert start in page
    assert client.post(start, {"format": "docx"}).status_code == 302
    job = DocumentJob.objects.get(approach=approach, kind="bilan")
    assert job.state == DocumentJob.State.DONE, job.error
    assert job.filename == "bilan-de-mise-en-oeuvre-capi-resiliente.docx"
    response = client.get(reverse("documents:download", args=[approach.slug, job.pk]))
    assert "Cuves de récupération" in docx_text(response.content)


def test_the_command_line_writes_the_bilan(approach: Approach, sheets: Any, tmp_path: Any) -> None:
    out = io.StringIO()
    target = tmp_path / "bilan.odt"
    call_command(
        "strategie",
        "export",
        approach.slug,
        "--bilan",
        "--format",
        "odt",
        "-o",
        str(target),
        stdout=out,
    )
    assert "Bilan de mise en œuvre de « CAPI résiliente » écrit dans" in out.getvalue()
    assert "Annexe : méthode et sources" in odt_text(target.read_bytes())
