"""La mise en récit: drafts from the démarche's content, the team's text with history and
revert, the document in three formats, adoption; rights (another démarche is a 404)."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from ressort.approaches.models import Approach
from ressort.documents import adoption
from ressort.fieldwork import models as fieldwork
from ressort.opendata.models import PastShock
from ressort.story import documents, drafts, services
from ressort.story.models import Chapter, ChapterKey
from ressort.systems.models import Vision
from tests.conftest import page_text
from tests.documents.read import pdf_reader, pdf_text, plain

pytestmark = pytest.mark.django_db


@pytest.fixture
def story_approach(approach: Approach) -> Approach:
    approach.modules = [*approach.modules, "recit"]
    approach.save(update_fields=["modules"])
    return approach


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_drafts_come_from_the_demarche(story_approach: Approach) -> None:
    approach = story_approach
    PastShock.objects.create(
        approach=approach,
        kind="inondation",
        title="Crue de la Bourbre",
        started_on=date(1993, 10, 7),
        lessons="Ne plus construire en zone inondable.",
    )
    Vision.objects.create(approach=approach, text="Un territoire sobre en eau.", horizon_year=2050)
    named = fieldwork.Testimony.objects.create(
        approach=approach,
        speaker_category="habitant",
        speaker_name="Louise Martin",
        consent_recorded=True,
        spoken_on=date(2026, 3, 1),
    )
    anonymous = fieldwork.Testimony.objects.create(
        approach=approach, speaker_category="habitant", spoken_on=date(2026, 3, 2)
    )
    fieldwork.Quote.objects.create(testimony=named, text="On s'entraide quand l'eau monte.")
    fieldwork.Quote.objects.create(testimony=anonymous, text="Une parole sans accord.")
    assert "En 1993, Crue de la Bourbre. Ce qu'on en a retenu\u00a0: Ne plus construire" in (
        drafts.draft(approach, ChapterKey.ORIGINS)
    )
    assert "À l'horizon 2050, voici le territoire que nous voulons\u00a0: Un territoire sobre" in (
        drafts.draft(approach, ChapterKey.HORIZON)
    )
    words = drafts.draft(approach, ChapterKey.UNCOUNTED)
    assert "On s'entraide quand l'eau monte." in words and "Louise Martin" in words
    assert "Une parole sans accord." not in words
    assert "Trois forces" in drafts.draft(approach, ChapterKey.PRESENT)
    with pytest.raises(ValueError, match="Chapitre inconnu"):
        drafts.draft(approach, "nulle-part")


def test_team_rewrites_with_history_and_revert(
    story_approach: Approach, personas: dict[str, Any]
) -> None:
    approach = story_approach
    team = client_for(personas["equipe"])
    url = reverse("story:chapter_edit", args=[approach.slug, "origines"])
    page = team.get(url)
    assert page.status_code == 200 and "réécrivez-le librement" in plain(page_text(page))
    assert team.post(url, {"text": "Première version."}).status_code == 302
    assert team.post(url, {"text": "Seconde version.", "public": "on"}).status_code == 302
    chapter = Chapter.objects.get(approach=approach, key="origines")
    assert (chapter.text, chapter.public) == ("Seconde version.", True)
    first = chapter.history.order_by("history_id").first()
    revert = reverse("story:chapter_revert", args=[approach.slug, "origines"])
    assert team.post(revert, {"version": first.history_id}).status_code == 302
    chapter.refresh_from_db()
    assert chapter.text == "Première version." and chapter.history.count() == 3
    # a version of another chapter or démarche cannot be brought back here
    response = team.post(revert, {"version": "999999"}, follow=True)
    assert "Cette version du chapitre n’existe pas." in page_text(response)
    story = plain(page_text(team.get(reverse("story:story", args=[approach.slug]))))
    assert "Première version." in story and "Écrit par l'équipe" in story
    # partners read, do not write; outsiders get 404
    partner = client_for(personas["partenaire"])
    assert partner.get(reverse("story:story", args=[approach.slug])).status_code == 200
    assert partner.post(url, {"text": "x"}).status_code == 403
    outsider = client_for(personas["outsider"])
    assert outsider.get(reverse("story:story", args=[approach.slug])).status_code == 404
    assert outsider.get(url).status_code == 404


def test_story_documents_and_adoption(story_approach: Approach) -> None:
    approach = story_approach
    services.save(
        approach, "chemin", text="Nous irons pas à pas : d'abord l'eau.", public=False, user=None
    )
    data = documents._write("pdf", approach)
    text = pdf_text(data)
    assert "Le récit du territoire" in text and "Nous irons pas à pas : d'abord l'eau." in text
    assert "Comment on y va" in text and "Ce qui ne se compte pas" in text
    assert "/StructTreeRoot" in pdf_reader(data).trailer["/Root"]
    docx = documents._write("docx", approach)
    assert "fr-FR" in zipfile.ZipFile(io.BytesIO(docx)).read("word/styles.xml").decode()
    odt = documents._write("odt", approach)
    assert "Comment on y va" in zipfile.ZipFile(io.BytesIO(odt)).read("content.xml").decode()
    assert ("recit", "Récit du territoire") in adoption.choices(approach)
    version = adoption.adopt(
        approach, "recit", deliberation_date=date(2026, 12, 1), deliberation_number="2026-7"
    )
    assert "Version adoptée" in plain(pdf_reader(bytes(version.content)).pages[0].extract_text())


def test_document_job_from_the_page(story_approach: Approach, personas: dict[str, Any]) -> None:
    from ressort.documents.models import DocumentJob

    client = client_for(personas["partenaire"])
    start = reverse("story:document_start", args=[story_approach.slug])
    assert client.post(start, {"format": "docx"}).status_code == 302
    job = DocumentJob.objects.get(kind="recit")
    assert job.state == "pret", job.error
    download = client.get(reverse("documents:download", args=[story_approach.slug, job.pk]))
    assert download.status_code == 200
    assert client.post(start, {"format": "rtf"}).status_code == 400
