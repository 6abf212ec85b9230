"""The portrait page, strengths and weaknesses, documents (PDF, DOCX, ODT) and the CLI."""

import io
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from ressort.documents.models import DocumentJob
from ressort.portrait import documents, services
from ressort.portrait.models import Indicator, IndicatorValue, Reading
from tests.conftest import page_text
from tests.documents.read import pdf_reader, plain
from tests.portrait import pdf
from tests.portrait.conftest import client_for


@pytest.fixture
def filled(approach: Any, frameworks: None, make_indicator: Any, personas: Any) -> Any:
    make_indicator(
        "logement",
        (2019, 97.0),
        (2022, 88.0),
        name="Logements décents",
        dimension_codes=["housing"],
        social_floor=95,
        source="INSEE Filosofi",
        source_url="https://www.insee.fr/fr/metadonnees/source/serie/s1172",
        year=2022,
    )
    make_indicator(
        "co2",
        (2021, 7.5),
        name="Émissions de GES par habitant",
        unit="tCO2e/hab",
        direction="lower",
        dimension_codes=["climate_change"],
        ecological_ceiling=2,
        source="Inventaire régional",
    )
    IndicatorValue.objects.create(
        indicator=Indicator.objects.get(code="logement"), scope="france", year=2022, value=93.5
    )
    Reading.objects.create(
        approach=approach, kind="force", text="Un tissu associatif dense.", dimension_code=""
    )
    Reading.objects.create(
        approach=approach, kind="faiblesse", text="Logement dégradé.", dimension_code="housing"
    )
    return approach


def test_portrait_page(filled: Any, personas: Any) -> None:
    url = reverse("portrait:portrait", args=[filled.slug])
    text = page_text(client_for(personas["partenaire"]).get(url))
    assert 'role="img"' in text and "Le Donut du territoire" in text
    # Missing data marked on the drawing, « ? » held to its word.
    assert "Logement\u202f?" not in text and "Alimentation\u202f?" in text
    assert text.count("Donnée manquante") >= 19
    assert "Déficit" in text and "Dépassement" in text
    assert (
        '88 % (2022) — déficit <span class="small">(même année\u00a0: France : 93,5)' in text
        and "7,5 tCO2e/hab (2021) — dépassement" in text
    )
    assert 'href="https://www.insee.fr/fr/metadonnees/source/serie/s1172"' in text
    assert "Logement dégradé." in text and "les données\u00a0: Donut : déficit" in text
    assert client_for(personas["outsider"]).get(url).status_code == 404
    # The command line is for specialists: inside a closed detail, not in the page's text.
    details = text.index("<summary>Pour les spécialistes</summary>")
    assert text.index("ressort portrait export") > details
    assert text.count("ressort portrait export") == 1


def test_readings_rights_and_edit(filled: Any, personas: Any) -> None:
    add = reverse("portrait:reading_add", args=[filled.slug])
    data = {"kind": "force", "text": "Des agriculteurs engagés.", "dimension_code": "food"}
    assert client_for(personas["partenaire"]).post(add, data).status_code == 403
    client = client_for(personas["equipe"])
    assert client.post(add, data).status_code == 302
    reading = Reading.objects.get(text="Des agriculteurs engagés.")
    edit = reverse("portrait:reading_edit", args=[filled.slug, reading.pk])
    client.post(edit, {"kind": "faiblesse", "text": "Peu d'agriculteurs.", "dimension_code": ""})
    reading.refresh_from_db()
    assert reading.kind == "faiblesse"
    client.post(reverse("portrait:reading_delete", args=[filled.slug, reading.pk]))
    assert not Reading.objects.filter(pk=reading.pk).exists()


def test_map_features_is_geojson(filled: Any, personas: Any) -> None:
    response = client_for(personas["equipe"]).get(
        reverse("portrait:map_features", args=[filled.slug])
    )
    assert response.json()["type"] == "FeatureCollection"


def _docx_text(data: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return plain("\n".join(parts))


def _odt_text(data: bytes) -> str:
    from odf import teletype
    from odf.opendocument import load
    from odf.text import H, P

    doc = load(io.BytesIO(data))
    return plain(
        "\n".join(teletype.extractText(e) for kind in (H, P) for e in doc.getElementsByType(kind))
    )


def test_documents_from_the_page(filled: Any, personas: Any, tmp_path: Path) -> None:
    client = client_for(personas["equipe"])
    start = reverse("portrait:document_start", args=[filled.slug])
    for fmt in ("pdf", "docx", "odt"):
        client.post(start, {"format": fmt})
    jobs = {j.format: j for j in DocumentJob.objects.all()}
    assert {j.state for j in jobs.values()} == {"pret"}, [j.error for j in jobs.values()]
    response = client.get(reverse("documents:download", args=[filled.slug, jobs["pdf"].pk]))
    data = response.content
    assert data.startswith(b"%PDF") and pdf.page_count(data) >= 3
    title = plain(pdf_reader(data).metadata.title)
    assert title == "Portrait de résilience — CA Porte de l'Isère (CAPI)"
    if shutil.which("pdftotext"):
        path = tmp_path / "p.pdf"
        path.write_bytes(data)
        text = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Le Donut du territoire" in text
    docx = client.get(reverse("documents:download", args=[filled.slug, jobs["docx"].pk]))
    text = _docx_text(docx.content)
    assert "Le Donut du territoire" in text and "Logements décents : 88 %" in text
    assert "(même année : France : 93,5)" in text
    assert "Source : INSEE Filosofi, 2022" in text and "Donnée manquante" in text
    odt = client.get(reverse("documents:download", args=[filled.slug, jobs["odt"].pk]))
    text = _odt_text(odt.content)
    assert "Le profil Boussole" in text and "Logement dégradé." in text
    # another démarche's document is a 404; polling lists the jobs
    assert (
        client_for(personas["outsider"])
        .get(reverse("documents:download", args=[filled.slug, jobs["pdf"].pk]))
        .status_code
        == 404
    )
    polled = page_text(client.get(reverse("documents:jobs", args=[filled.slug, "portrait"])))
    assert "télécharger le document PDF" in polled and "hx-trigger" not in polled


def test_htmx_start_returns_the_job_list(filled: Any, personas: Any) -> None:
    response = client_for(personas["equipe"]).post(
        reverse("portrait:document_start", args=[filled.slug]),
        {"format": "odt"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and "télécharger le document ODT" in page_text(response)


def test_pending_job_is_polled(filled: Any, personas: Any) -> None:
    DocumentJob.objects.create(
        approach=filled, kind="portrait", format="pdf", progress=40, step="Mise en page"
    )
    text = page_text(
        client_for(personas["equipe"]).get(
            reverse("documents:jobs", args=[filled.slug, "portrait"])
        )
    )
    assert 'hx-trigger="every 1s"' in text and "40\u202f% · Mise en page" in text


def test_cli_export(filled: Any, tmp_path: Path) -> None:
    for fmt in ("pdf", "docx", "odt"):
        out = tmp_path / f"portrait.{fmt}"
        call_command("portrait", "export", filled.slug, "--format", fmt, "-o", str(out))
        assert out.stat().st_size > 1000
    assert (tmp_path / "portrait.pdf").read_bytes().startswith(b"%PDF")
    assert "Le Donut du territoire" in _docx_text((tmp_path / "portrait.docx").read_bytes())
    assert "Logements décents" in _odt_text((tmp_path / "portrait.odt").read_bytes())
    with zipfile.ZipFile(tmp_path / "portrait.odt") as odt:  # the Doughnut drawn, in SVG
        svg = odt.read("Pictures/donut.svg").decode()
        assert svg.startswith("<svg") and "Pictures/donut.svg" in odt.read("content.xml").decode()


def test_cli_unknown_approach(db: Any, tmp_path: Path) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="introuvable"):
        call_command("portrait", "export", "nulle-part", "-o", str(tmp_path / "x.pdf"))


def test_doughnut_gaps_contract_matches_page(filled: Any) -> None:
    gaps = services.doughnut_gaps(filled)
    assert gaps["housing"] == "shortfall" and gaps["climate_change"] == "overshoot"


def test_fieldwork_evidence_in_page_and_documents(filled: Any, personas: Any) -> None:
    from ressort.fieldwork import services as fieldwork

    fieldwork.add_testimony(
        filled,
        "Les charges de chauffage ont explosé cet hiver.",
        category="habitant",
        source="Entretien",
        dimension_codes=["housing"],
    )
    text = page_text(
        client_for(personas["equipe"]).get(reverse("portrait:portrait", args=[filled.slug]))
    )
    assert "Paroles recueillies" in text
    assert "« Les charges de chauffage ont explosé cet hiver. »" in text
    assert "Les charges de chauffage" in _docx_text(documents.build_docx(filled))
    assert "Les charges de chauffage" in _odt_text(documents.build_odt(filled))


@pytest.mark.django_db(transaction=True)
def test_job_queued_then_built_by_the_worker(approach: Any, make_indicator: Any) -> None:
    """The production path: the database queue, and the worker run in-process."""
    from django.test.utils import override_settings

    from ressort.background import worker

    make_indicator("x", (2020, 1.0))
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        job = documents.start_job(approach, "odt", None)
        assert job.state == DocumentJob.State.PENDING and job.task_id  # not built in the request
        assert worker.run(once=True) == 1
    job.refresh_from_db()
    assert job.state == DocumentJob.State.DONE, job.error
    assert job.progress == 100 and bytes(job.content or b"").startswith(b"PK")


def test_docx_and_odt_carry_the_drawings(filled: Any, frameworks: None) -> None:
    """The DOCX embeds the page's Doughnut and Boussole SVG rasterised to PNG, each with its
    statuses in words as alt text; the ODT embeds the SVG itself, well-formed, with a desc."""
    from defusedxml import ElementTree
    from docx import Document
    from PIL import Image

    from ressort.frameworks.models import FrameworkVersion

    boussole = FrameworkVersion.objects.get(framework__code="boussole", is_current=True)
    services.record_grid_answers(
        filled, boussole, [{"question": "Q1.1.a", "score": 3, "participant": "A"}], source="1"
    )
    doc = Document(io.BytesIO(documents.build_docx(filled)))
    shapes = list(doc.inline_shapes)
    assert len(shapes) == 3  # the perimeter's map (in the synthesis), the Donut, the Boussole
    assert plain(shapes[0]._inline.docPr.get("descr")).startswith("Carte du périmètre")
    shapes = shapes[1:]
    alts = [plain(shape._inline.docPr.get("descr")) for shape in shapes]
    assert alts[0].startswith("Le Donut du territoire. Plancher social — ")
    assert "Logement : Déficit" in alts[0] and "Changement climatique : Dépassement" in alts[0]
    assert "Alimentation : Donnée manquante" in alts[0]
    assert alts[1].startswith("Profil Boussole du territoire") and "3 sur 4" in alts[1]
    for shape in shapes:
        blob = doc.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed]
        image = Image.open(io.BytesIO(blob.blob))
        assert image.format == "PNG" and image.width >= 800
        grey = image.convert("L")
        extrema = grey.getextrema()
        assert extrema[0] < 100, extrema  # dark ink drawn, not a blank picture
        assert sum(grey.histogram()[:250]) > image.width * image.height // 50
    with zipfile.ZipFile(io.BytesIO(documents.build_odt(filled))) as odt:
        content = odt.read("content.xml").decode()
        for name in ("donut", "boussole"):
            root = ElementTree.fromstring(odt.read(f"Pictures/{name}.svg"))
            assert root.tag == "{http://www.w3.org/2000/svg}svg"
            assert f"Pictures/{name}.svg" in content
        assert "Plancher social — " in plain(content) and "Profil Boussole du territoire" in content


def test_the_method_annex_flags_the_unverified_boussole_levers(
    filled: Any, frameworks: None
) -> None:
    from ressort.frameworks.models import FrameworkVersion

    boussole = FrameworkVersion.objects.get(framework__code="boussole", is_current=True)
    services.record_grid_answers(
        filled, boussole, [{"question": "Q3.2.a", "score": 2, "participant": "A"}], source="1"
    )
    text = plain(_docx_text(documents.build_docx(filled)))
    start = text.index("Annexe : méthode et sources")
    assert "Libellés de la Boussole à vérifier : 11 leviers" in text[start:]
    assert "L3.2 « Diffuser la connaissance et la culture du risque »" in text[start:]
    assert "provisoire" not in text and text.count("à vérifier") == 1  # the annex only


def test_portrait_document_shows_the_perimeter_map_with_its_alternative_and_source(
    filled: Any,
) -> None:
    from ressort.portrait import documents as portrait_documents

    blocks = portrait_documents._outline(filled, portrait_documents.pt.build(filled))
    (drawn,) = [c for k, c in blocks if k == "svg" and c[2] == "carte"]
    svg, alt, _name, source = drawn
    names = list(filled.communes.values_list("name", flat=True))
    assert names and all(f"<title>{name}</title>" in svg for name in names)
    assert alt.startswith("Carte du périmètre") and all(name in alt for name in names)
    assert source.startswith("Source : contours simplifiés des communes fournis avec Ressort")
    # Before the Donut: the map is part of the synthesis.
    kinds = [(k, c) for k, c in blocks]
    assert kinds.index(("svg", drawn)) < kinds.index(("h2", "Le Donut du territoire"))


def test_portrait_pdf_is_cut_in_parts_at_chapters_and_groups_of_dimensions() -> None:
    from ressort.portrait import documents as portrait_documents

    blocks = [("h1", "Portrait"), ("h2", "Synthèse"), ("p", "…"), ("h2", "Le Donut")]
    blocks += [("h2", "Dimension par dimension")]
    blocks += [("h3", f"Dimension {n}") for n in range(15)]
    blocks += [("h2", "Annexe : méthode et sources"), ("h3", "Sources")]
    cut = portrait_documents._in_parts(blocks)
    assert [b for b in cut if b != portrait_documents.PART] == blocks  # nothing else moves
    starts = [cut[i + 1] for i, b in enumerate(cut) if b == portrait_documents.PART]
    assert starts == [
        ("h2", "Le Donut"),
        ("h2", "Dimension par dimension"),
        ("h3", "Dimension 7"),
        ("h3", "Dimension 14"),
        ("h2", "Annexe : méthode et sources"),
    ]
