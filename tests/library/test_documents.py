"""The library: files checked, text extracted and searchable, private to the démarche."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ressort.approaches.models import Approach
from ressort.library import extraction, search, services
from ressort.library.models import Document, DocumentKind
from ressort.library.samples import docx_bytes, minimal_pdf, odt_bytes, png_bytes, xlsx_bytes
from tests.conftest import page_text

pytestmark = pytest.mark.django_db


def base(approach: Approach) -> str:
    return f"/demarches/{approach.slug}/bibliotheque/"


def pcaet(approach: Approach) -> Document:
    pdf = minimal_pdf(
        [
            ["Plan climat-air-energie territorial", "Axe 1 : adapter le territoire aux canicules"],
            ["Les inondations de la vallee ont touche 300 logements en 2021."],
        ]
    )
    return services.add_document(
        approach, pdf, "pcaet.pdf", title="PCAET 2020-2026", kind=DocumentKind.PCAET
    )


# --- Extraction ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("a.pdf", minimal_pdf([["Sécheresse estivale"], ["Deuxième page"]]), "Sécheresse estivale"),
        ("a.docx", docx_bytes(["Ressource en eau", "Nappe"]), "Ressource en eau"),
        ("a.odt", odt_bytes(["Forêt communale"]), "Forêt communale"),
        ("a.xlsx", xlsx_bytes([["Commune", "Population"], ["Vichy", 25000]]), "Vichy\t25000"),
    ],
)
def test_text_is_extracted_from_each_format(name: str, data: bytes, expected: str) -> None:
    extraction.check(data, name)
    assert expected in extraction.extract(data, name).text


def test_an_image_is_stored_without_text() -> None:
    result = extraction.extract(png_bytes(), "carte.png")
    assert result.text == "" and "aucun texte" in result.note


def test_a_file_whose_content_does_not_match_its_name_is_refused() -> None:
    with pytest.raises(extraction.UnsafeFile, match="ne correspond pas à un fichier PDF"):
        extraction.check(b"<html>not a pdf</html>", "plan.pdf")
    with pytest.raises(extraction.UnsafeFile, match="Format non pris en charge"):
        extraction.check(b"MZ\x90\x00", "outil.exe")


def test_a_zip_bomb_disguised_as_docx_is_refused(monkeypatch: Any) -> None:
    from ressort import tables

    monkeypatch.setattr(tables, "MAX_UNPACKED_BYTES", 1024 * 1024)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (3 * 1024 * 1024))
    with pytest.raises(extraction.UnsafeFile, match="se décompresse en plus de"):
        extraction.check(out.getvalue(), "bombe.docx")


def test_a_damaged_pdf_is_kept_and_says_its_text_could_not_be_read() -> None:
    result = extraction.extract(b"%PDF-1.4 garbage", "abime.pdf")
    assert result.text == "" and "endommagé" in result.note


# --- Search -------------------------------------------------------------------------------------


def test_full_text_search_finds_ranks_highlights_and_stays_in_the_demarche(
    approach: Approach, personas: dict[str, Any]
) -> None:
    pcaet(approach)
    services.add_document(
        approach,
        docx_bytes(["Étude sur la ressource en eau", "Les inondations sont rares ici."]),
        "etude.docx",
        title="Étude eau",
        kind=DocumentKind.STUDY,
    )
    services.add_document(
        approach, docx_bytes(["Rien à voir"]), "autre.docx", title="Autre", kind="autre"
    )
    other = personas["other_approach"]
    services.add_document(
        other, docx_bytes(["Inondations ailleurs"]), "x.docx", title="Ailleurs", kind="etude"
    )
    results = search.search(approach, "inondations")
    titles = [hit.document.title for hit in results.hits]
    assert sorted(titles) == ["PCAET 2020-2026", "Étude eau"]
    assert results.count == 2
    excerpt = next(h.excerpt for h in results.hits if h.document.title == "Étude eau")
    assert "<mark>inondations</mark>" in excerpt.lower()
    assert search.search(approach, "").count == 0
    assert search.search(approach, "canicules").hits[0].document.title == "PCAET 2020-2026"
    assert [
        h.document.title for h in search.search(approach, "inondations", kind="etude").hits
    ] == ["Étude eau"]


def test_search_excerpts_cannot_inject_html(approach: Approach) -> None:
    services.add_document(
        approach,
        docx_bytes(['<script>alert("x")</script> crue centennale']),
        "piege.docx",
        title="Piège",
        kind="etude",
    )
    excerpt = search.search(approach, "crue").hits[0].excerpt
    assert "<script" not in excerpt  # escaped (SQLite) or dropped as markup (PostgreSQL)
    assert "<mark>crue</mark>" in excerpt.lower()
    marked = search.highlighted('<b onclick="x">\x02crue\x03</b> & co')
    assert marked == "&lt;b onclick=&quot;x&quot;&gt;<mark>crue</mark>&lt;/b&gt; &amp; co"


def test_search_results_are_paginated(approach: Approach) -> None:
    for i in range(25):
        services.add_document(
            approach,
            docx_bytes([f"Canicule numéro {i}"]),
            f"d{i}.docx",
            title=f"D{i}",
            kind="etude",
        )
    first = search.search(approach, "canicule", page=1)
    second = search.search(approach, "canicule", page=2)
    assert first.count == 25 and len(first.hits) == 20 and len(second.hits) == 5
    assert not {h.document.pk for h in first.hits} & {h.document.pk for h in second.hits}


def test_deleting_a_document_removes_it_from_the_search(approach: Approach) -> None:
    document = pcaet(approach)
    services.delete_document(document)
    assert search.search(approach, "inondations").count == 0


# --- Pages and rights ---------------------------------------------------------------------------


def test_upload_page_stores_the_file_privately_and_search_page_shows_excerpts(
    approach: Approach, client_as: Any, private_media: Any
) -> None:
    client = client_as("facilitateur")
    pdf = minimal_pdf([["Le PAPI prevoit des digues le long du Cher."]])
    response = client.post(
        base(approach) + "ajouter/",
        {
            "title": "PAPI du Cher",
            "kind": "papi",
            "issued_on": "2022-03-01",
            "author": "EPTB",
            "scope": "Bassin du Cher",
            "upload": SimpleUploadedFile("papi mars 2022.pdf", pdf, "application/pdf"),
        },
    )
    document = Document.objects.get(title="PAPI du Cher")
    assert response.status_code == 302
    assert "papi" not in document.file.name.split("/")[-1]  # a random name in storage
    assert document.original_name == "papi mars 2022.pdf"
    page = page_text(client.get(base(approach) + "?q=digues"))
    assert "1 document pour" in page and "<mark>digues</mark>" in page
    served = client.get(base(approach) + f"{document.pk}/fichier/")
    assert served.status_code == 200 and b"".join(served.streaming_content) == pdf
    assert served["X-Content-Type-Options"] == "nosniff"


def test_a_file_refused_by_the_form_says_why(approach: Approach, client_as: Any) -> None:
    client = client_as("facilitateur")
    response = client.post(
        base(approach) + "ajouter/",
        {
            "title": "Faux",
            "kind": "etude",
            "upload": SimpleUploadedFile("faux.pdf", b"bonjour", "application/pdf"),
        },
    )
    assert response.status_code == 200
    assert "ne correspond pas à un fichier PDF" in page_text(response)
    assert not Document.objects.filter(title="Faux").exists()
    response = client.post(base(approach) + "ajouter/", {"title": "Rien", "kind": "etude"})
    assert "Joignez un fichier ou donnez l’adresse" in page_text(response)


def test_a_link_is_stored_and_never_fetched(
    approach: Approach, client_as: Any, monkeypatch: Any
) -> None:
    import urllib.request

    def no_network(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the server must not fetch a library link")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    client = client_as("facilitateur")
    client.post(
        base(approach) + "ajouter/",
        {"title": "SRADDET en ligne", "kind": "sraddet", "url": "https://example.org/sraddet"},
    )
    document = Document.objects.get(title="SRADDET en ligne")
    assert document.is_link and document.text == ""
    assert client.get(base(approach) + f"{document.pk}/fichier/").status_code == 404
    assert search.search(approach, "sraddet").count == 1


def test_another_demarche_and_a_guessed_file_url_get_404(
    approach: Approach, client_as: Any, personas: dict[str, Any]
) -> None:
    document = pcaet(approach)
    pages = ["", f"{document.pk}/", f"{document.pk}/fichier/", "passages-cites/"]
    for who in ("facilitateur", "equipe", "partenaire"):
        client = client_as(who)
        for page in pages:
            response = client.get(base(approach) + page)
            if response.streaming:  # read to the end: the test client then closes the file
                b"".join(response.streaming_content)
            assert response.status_code == 200, (who, page)
    outsider = client_as("outsider")
    for page in pages:
        assert outsider.get(base(approach) + page).status_code == 404, page
    # The outsider's own démarche with this document's id: 404.
    other = personas["other_approach"]
    assert outsider.get(base(other) + f"{document.pk}/fichier/").status_code == 404
    assert outsider.get(base(other) + f"{document.pk}/").status_code == 404
    # The storage path guessed as a URL: nothing serves media publicly.
    member = client_as("facilitateur")
    for guess in (f"/media/{document.file.name}", f"/{document.file.name}"):
        assert member.get(guess).status_code == 404, guess


def test_a_restored_demarche_keeps_its_library_searchable_and_its_citations(
    approach: Approach,
) -> None:
    from ressort.backup import archive
    from ressort.fieldwork.models import Vulnerability
    from ressort.library.models import Citation, Passage

    document = pcaet(approach)
    vulnerability = Vulnerability.objects.create(approach=approach, title="Quartiers denses")
    passage = Passage.objects.create(document=document, excerpt="Les inondations de la vallée")
    services.cite(passage, f"vulnerabilite:{vulnerability.pk}")
    out = io.BytesIO()
    archive.export(approach, out)
    copy = archive.restore(io.BytesIO(out.getvalue()), slug="copie", name="Copie").approach
    found = search.search(copy, "inondations")
    assert [h.document.approach_id for h in found.hits] == [copy.pk]
    restored = Citation.objects.get(passage__document__approach=copy)
    assert restored.vulnerability.approach_id == copy.pk  # the restored one, not the original
    assert services.citations_on(copy, restored.vulnerability) == [restored]
    assert services.citations_on(copy, vulnerability) == []
    vulnerability.delete()  # the original's citation goes with its vulnerability
    assert Citation.objects.filter(passage=passage).count() == 0


def test_the_document_list_is_paginated_and_filtered_by_type(
    approach: Approach, client_as: Any
) -> None:
    client = client_as("facilitateur")
    assert "Aucun document pour l’instant." in page_text(client.get(base(approach)))
    for i in range(55):
        Document.objects.create(approach=approach, title=f"Étude {i:02d}", kind="etude")
    Document.objects.create(approach=approach, title="Le SCoT", kind="scot")
    first = page_text(client.get(base(approach)))
    assert "Tous les documents (56)" in first and "Page 1 / 2" in first
    assert "Documents de ce type (1)" in page_text(client.get(base(approach) + "?type=scot"))


def test_a_failed_deletion_keeps_the_file(
    approach: Approach,
    private_media: Any,
    monkeypatch: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    """All or nothing: the file goes once the row is gone for good, never before."""
    document = services.add_document(
        approach, b"Plan climat : eau et chaleur.", "plan.txt", title="Plan", kind="autre"
    )
    stored, pk = private_media / document.file.name, document.pk
    assert stored.exists()

    def broken(pk: int) -> None:
        raise RuntimeError("index indisponible")

    monkeypatch.setattr(search, "unindex", broken)
    with pytest.raises(RuntimeError):
        services.delete_document(document)
    assert Document.objects.filter(pk=pk).exists() and stored.exists()

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_document(Document.objects.get(pk=pk))
    assert not Document.objects.filter(pk=pk).exists() and not stored.exists()
