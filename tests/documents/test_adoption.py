"""Adoption (issue 18): a deliverable frozen with its deliberation; later edits never
change it; listed and downloadable by members; another démarche's version is a 404."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from ressort.approaches.models import Approach
from ressort.documents import adoption
from ressort.documents.models import AdoptedVersion
from ressort.portrait import documents as portrait_documents
from ressort.portrait.models import Reading
from tests.conftest import page_text
from tests.documents.read import pdf_reader, pdf_text, plain

pytestmark = pytest.mark.django_db

DELIBERATION = b"%PDF-1.4\n% deliberation\n"


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post_adoption(client: Client, approach: Approach, **fields: Any) -> Any:
    data = {
        "deliverable": "portrait",
        "deliberation_date": "2026-09-01",
        "deliberation_number": "2026-42",
        "assembly": "conseil communautaire",
        "deliberation": SimpleUploadedFile("d.pdf", DELIBERATION, "application/pdf"),
        **fields,
    }
    return client.post(reverse("documents:adoption_add", args=[approach.slug]), data)


def test_adopted_portrait_is_frozen_and_later_edits_make_drafts(
    approach: Approach, personas: dict[str, Any]
) -> None:
    lead = client_for(personas["chef_projet"])
    response = post_adoption(lead, approach)
    assert response.status_code == 302
    version = AdoptedVersion.objects.get(approach=approach)
    assert (version.kind, version.number, version.title) == (
        "portrait",
        1,
        "Portrait de résilience",
    )
    content = bytes(version.content)
    assert hashlib.sha256(content).hexdigest() == version.sha256
    cover = plain(pdf_reader(content).pages[0].extract_text())
    assert "Version adoptée" in cover
    assert "Adopté par délibération n° 2026-42 du conseil communautaire du 1er septembre 2026" in (
        " ".join(cover.split())
    )
    # An edit after adoption: the next document is a draft, the adopted one does not move.
    Reading.objects.create(approach=approach, kind="force", text="Une force ajoutée après.")
    draft = portrait_documents.build(approach, "pdf")
    assert "Une force ajoutée après." in pdf_text(draft)
    draft_cover = " ".join(plain(pdf_reader(draft).pages[0].extract_text()).split())
    assert "Version projet" in draft_cover
    assert (
        "Projet modifiant la version 1 adoptée par délibération n° 2026-42 du 1er septembre "
        "2026 ; cette version adoptée reste inchangée." in draft_cover
    )
    version.refresh_from_db()
    assert bytes(version.content) == content
    assert "Une force ajoutée après." not in pdf_text(bytes(version.content))
    # Adopting again makes version 2 beside version 1.
    assert post_adoption(lead, approach, deliberation_number="2027-3").status_code == 302
    assert list(
        AdoptedVersion.objects.filter(approach=approach).values_list("number", flat=True)
    ) == [2, 1]


def test_list_and_downloads_for_members_404_elsewhere(
    approach: Approach, personas: dict[str, Any]
) -> None:
    version = adoption.adopt(
        approach,
        "portrait",
        deliberation_date=date(2026, 9, 1),
        deliberation_number="2026-42",
        deliberation=SimpleUploadedFile("d.pdf", DELIBERATION, "application/pdf"),
        user=personas["chef_projet"],
    )
    partner = client_for(personas["partenaire"])
    page = partner.get(reverse("documents:adoption_list", args=[approach.slug]))
    text = page_text(page)
    assert "Portrait de résilience" in text and version.sha256 in text
    assert "Figer une version adoptée" not in text  # partners read, leads adopt
    document = partner.get(reverse("documents:adoption_download", args=[approach.slug, version.pk]))
    assert document.status_code == 200 and document.content == bytes(version.content)
    deliberation = partner.get(
        reverse("documents:adoption_deliberation", args=[approach.slug, version.pk])
    )
    assert deliberation.content == DELIBERATION
    outsider = client_for(personas["outsider"])
    assert (
        outsider.get(
            reverse("documents:adoption_download", args=[approach.slug, version.pk])
        ).status_code
        == 404
    )
    other = personas["other_approach"]
    assert (
        outsider.get(reverse("documents:adoption_download", args=[other.slug, version.pk]))
    ).status_code == 404
    # Only the leads adopt.
    assert post_adoption(client_for(personas["equipe"]), approach).status_code == 403


def test_bad_input_is_refused_in_french_and_nothing_saved(
    approach: Approach, personas: dict[str, Any]
) -> None:
    lead = client_for(personas["chef_projet"])
    response = post_adoption(
        lead, approach, deliberation=SimpleUploadedFile("d.pdf", b"not a pdf", "application/pdf")
    )
    assert response.status_code == 400
    assert "La délibération doit être un fichier PDF." in response.content.decode()
    response = post_adoption(lead, approach, deliverable="evaluation:999", deliberation_number="")
    assert response.status_code == 400
    text = page_text(response)
    assert "Sélectionnez un choix valide" in text and "Ce champ est obligatoire" in text
    assert not AdoptedVersion.objects.exists()
