"""The strategy document: PDF, DOCX and ODT from one outline; the command line."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from docx import Document

from ressort.approaches.models import Approach
from ressort.documents.models import DocumentJob
from ressort.strategy import documents, services
from ressort.strategy.models import BudgetLine, Milestone
from ressort.systems.models import Vision
from tests.conftest import page_text
from tests.documents.read import pdf_reader, plain
from tests.portrait import pdf
from tests.strategy.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(approach: Approach, strategy: dict[str, Any]) -> None:
    statement = services.statement_for(approach)
    statement.title = "Stratégie CAPI 2050"
    statement.save()
    Vision.objects.create(
        approach=approach, text="Un territoire sobre en eau et solidaire.", horizon_year=2050
    )
    sheet = services.create_sheet(
        approach,
        title="Cuves de récupération",
        objective=strategy["objective"],
        pilot_service="Service eau",
        status="engagee",
        start_date=date(2027, 1, 1),
        end_date=date(2027, 12, 31),
    )
    Milestone.objects.create(sheet=sheet, title="Marché notifié", due_date=date(2027, 3, 1))
    BudgetLine.objects.create(sheet=sheet, kind="investissement", year=2027, planned=50000)


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return plain("\n".join([p.text for p in doc.paragraphs] + cells))


def odt_text(data: bytes) -> str:
    from odf import teletype
    from odf.opendocument import load
    from odf.text import H, P

    doc = load(io.BytesIO(data))
    return plain(
        "\n".join(teletype.extractText(e) for kind in (H, P) for e in doc.getElementsByType(kind))
    )


def test_outline_holds_the_strategy_and_the_plan(approach: Approach, plan: None) -> None:
    blocks = documents.outline(approach)
    text = "\n".join(str(c) for _k, c in blocks)
    assert blocks[0] == ("h1", "Stratégie CAPI 2050 — CA Porte de l'Isère (CAPI)")
    assert "Un territoire sobre en eau et solidaire." in text
    assert ("h2", "Axe 1 — Sécuriser l'eau") in blocks
    assert ("h3", "Objectif 1.1 — Réduire les fuites des réseaux") in blocks
    assert "Répond aux écarts du portrait : Eau (sans donnée)." in text
    assert ("bullet", "Jalon au 01/03/2027 : Marché notifié") in blocks
    assert any(k == "svg" for k, _ in blocks)
    budget = next(c for k, c in blocks if k == "table" and c[0].startswith("Budget par année"))
    assert budget[2][0][:2] == ["2027", "50\u202f000\u00a0€"]


def test_docx_and_odt_open_and_say_the_same(approach: Approach, plan: None) -> None:
    docx = docx_text(documents.build(approach, "docx"))
    odt_data = documents.build(approach, "odt")
    assert zipfile.ZipFile(io.BytesIO(odt_data)).read("mimetype") == (
        b"application/vnd.oasis.opendocument.text"
    )
    odt = odt_text(odt_data)
    for expected in (
        "Stratégie CAPI 2050",
        "CA Porte de l'Isère (CAPI)",
        "Axe 1 — Sécuriser l'eau",
        "Objectif 1.1 — Réduire les fuites des réseaux",
        "Cuves de récupération",
    ):
        assert expected in docx, expected
        assert expected in odt, expected
    assert "Service pilote : Service eau" in docx and "Service pilote : Service eau" in odt
    # The calendar drawing: a PNG with its alt text in the DOCX, the SVG itself in the ODT.
    document = Document(io.BytesIO(documents.build(approach, "docx")))
    assert len(document.inline_shapes) == 1
    png = document.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    assert document.part.related_parts[png].blob.startswith(b"\x89PNG")
    alt = plain(document.inline_shapes[0]._inline.docPr.get("descr"))
    assert alt.startswith("Calendrier des actions par axe (1/1). 1 action : une barre")
    names = zipfile.ZipFile(io.BytesIO(odt_data)).namelist()
    svg_name = next(n for n in names if n.startswith("Pictures/") and n.endswith(".svg"))
    svg = zipfile.ZipFile(io.BytesIO(odt_data)).read(svg_name).decode()
    assert svg.startswith("<svg") and "Cuves de récupération" in svg


def test_pdf_has_pages_and_title(approach: Approach, plan: None) -> None:
    data = documents.build(approach, "pdf")
    assert data.startswith(b"%PDF")
    assert pdf.page_count(data) >= 2
    assert (
        plain(pdf_reader(data).metadata.title) == "Stratégie CAPI 2050 — CA Porte de l'Isère (CAPI)"
    )


def test_document_built_in_background_then_downloaded(
    approach: Approach, personas: dict[str, Any], plan: None
) -> None:
    client = client_for(personas["partenaire"])
    start = reverse("strategy:document_start", args=[approach.slug])
    response = client.post(start, {"format": "docx"})
    assert response.status_code == 302
    job = DocumentJob.objects.get(approach=approach, kind="strategie")
    assert job.state == DocumentJob.State.DONE and job.progress == 100, job.error
    # the overview lists it, no longer polling, with its download link
    page = page_text(client.get(reverse("strategy:overview", args=[approach.slug])))
    assert "télécharger le document DOCX" in page
    polled = client.get(reverse("documents:jobs", args=[approach.slug, "strategie"]))
    assert "télécharger le document DOCX" in page_text(polled)
    assert "hx-trigger" not in polled.content.decode()
    download = reverse("documents:download", args=[approach.slug, job.pk])
    response = client.get(download)
    assert response["Content-Disposition"] == (
        'attachment; filename="capi-resiliente-strategie.docx"'
    )
    assert "Cuves de récupération" in docx_text(response.content)
    # htmx start answers with the list itself
    fragment = client.post(start, {"format": "odt"}, HTTP_HX_REQUEST="true")
    assert "télécharger le document ODT" in page_text(fragment)


def test_document_rights_and_format(
    approach: Approach, personas: dict[str, Any], plan: None
) -> None:
    start = reverse("strategy:document_start", args=[approach.slug])
    outsider = client_for(personas["outsider"])
    assert outsider.post(start, {"format": "pdf"}).status_code == 404
    assert not DocumentJob.objects.exists()
    response = client_for(personas["partenaire"]).post(start, {"format": "rtf"})
    assert response.status_code == 400 and "Format inconnu" in response.content.decode()
    assert client_for(personas["partenaire"]).get(start).status_code == 405
    client_for(personas["partenaire"]).post(start, {"format": "odt"})
    job = DocumentJob.objects.get()
    assert (
        outsider.get(reverse("documents:download", args=[approach.slug, job.pk])).status_code == 404
    )
    assert (
        outsider.get(reverse("documents:jobs", args=[approach.slug, "strategie"])).status_code
        == 404
    )


def test_progress_is_polled_and_failure_shown_in_french(
    approach: Approach,
    personas: dict[str, Any],
    plan: None,
    monkeypatch: Any,
) -> None:
    steps: list[tuple[int, str]] = []
    documents.build(approach, "pdf", lambda percent, step: steps.append((percent, step)))
    assert [p for p, _ in steps] == sorted(p for p, _ in steps) and len(steps) >= 3
    assert steps[1][1] == "Mise en page du PDF (la plus longue étape)"

    DocumentJob.objects.create(
        approach=approach,
        kind="strategie",
        format="pdf",
        state=DocumentJob.State.RUNNING,
        progress=30,
        step="Mise en page du PDF (la plus longue étape)",
    )
    client = client_for(personas["partenaire"])
    polled = client.get(reverse("documents:jobs", args=[approach.slug, "strategie"]))
    assert 'hx-trigger="every 1s"' in polled.content.decode()
    assert "30\u202f% · Mise en page du PDF" in page_text(polled)
    # One active job per document: that one ends before another is asked for.
    DocumentJob.objects.update(state=DocumentJob.State.DONE, content=b"%PDF")

    def broken(*_: Any) -> bytes:
        raise ValueError("police introuvable")

    monkeypatch.setattr(documents, "build", broken)
    client.post(reverse("strategy:document_start", args=[approach.slug]), {"format": "docx"})
    failed = DocumentJob.objects.get(state=DocumentJob.State.FAILED)
    assert "la préparation a échoué" in failed.error
    assert "police introuvable" not in failed.error and "ValueError" not in failed.error
    text = page_text(client.get(reverse("documents:jobs", args=[approach.slug, "strategie"])))
    assert "échec — la préparation a échoué" in text and "relancer" in text


def test_command_writes_each_format(approach: Approach, plan: None, tmp_path: Path) -> None:
    out = io.StringIO()
    call_command(
        "strategie",
        "export",
        approach.slug,
        "--format",
        "odt",
        "-o",
        str(tmp_path / "s.odt"),
        stdout=out,
    )
    assert "écrite dans" in out.getvalue()
    assert "Cuves de récupération" in odt_text((tmp_path / "s.odt").read_bytes())
    call_command(
        "strategie",
        "export",
        approach.slug,
        "--format",
        "docx",
        "-o",
        str(tmp_path / "s.docx"),
        stdout=out,
    )
    assert "Cuves de récupération" in docx_text((tmp_path / "s.docx").read_bytes())
    call_command("strategie", "export", approach.slug, "-o", str(tmp_path / "s.pdf"), stdout=out)
    assert (tmp_path / "s.pdf").read_bytes().startswith(b"%PDF")
    with pytest.raises(CommandError, match="Démarche « inconnue » introuvable"):
        call_command("strategie", "export", "inconnue", "-o", str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="n'existe pas"):
        call_command("strategie", "export", approach.slug, "-o", str(tmp_path / "no" / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()


def test_a_long_calendar_is_cut_into_page_sized_drawings(
    approach: Approach, strategy: dict[str, Any]
) -> None:
    for i in range(40):
        services.create_sheet(
            approach,
            title=f"Action {i:02d}",
            objective=strategy["objective"] if i % 2 else None,
            start_date=date(2027, 1, 1),
            end_date=date(2027 + i % 4, 12, 31),
        )
    drawings = [c for k, c in documents.outline(approach) if k == "svg"]
    assert len(drawings) == 2
    assert "Calendrier des actions par axe (1/2)" in drawings[0][0]
    assert drawings[1][1].startswith("Calendrier des actions par axe (2/2). ")
    # Both drawings share one time scale: the same year ticks.
    assert drawings[0][0].count(">2030<") == drawings[1][0].count(">2030<") == 1
    # Each page's drawing has its legend and says its source and date (issue 13).
    for svg, _alt, _name, source in drawings:
        assert ">Planifiée</text>" in svg and "jalon atteint" in svg
        assert re.fullmatch(r"Source : plan d'actions de la démarche, état au .* \d{4}\.", source)
