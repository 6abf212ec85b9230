"""The attendance sheet and the certificate carry the frame every document has: the
authority's name and logo (the démarche's settings) and the operator's, the accent colour,
A4, French, a tagged PDF, page numbers on a sheet of several pages."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ressort import branding
from ressort.approaches.logo import set_branding
from ressort.approaches.models import Approach
from ressort.training.catalogue import load_catalogue
from ressort.training.models import Attendee, Module, Session
from tests.documents.read import pdf_reader, plain
from tests.documents.test_branding import pdf_colours, pdf_images, picture, rgb

pytestmark = pytest.mark.django_db

A4 = (595.28, 841.89)  # points


@pytest.fixture
def branded(approach: Approach, settings: Any, tmp_path: Path) -> Approach:
    operator = tmp_path / "operateur.png"
    operator.write_bytes(picture((64, 64), "#a0522d"))
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
    }
    settings.RESSORT_LOGO_FILE = str(operator)
    settings.RESSORT_OPERATOR = "Agence Résilience"
    settings.RESSORT_ACCENT_COLOR = "#8A1C1C"
    set_branding(
        approach,
        "Communauté de communes du Pays de la Bièvre",
        branding.clean_logo(picture((300, 100), "#2f6f9f")),
    )
    return approach


def session_of(approach: Approach, attendees: int) -> Session:
    load_catalogue()
    module = Module.objects.get(approach=None, code="voirie-adaptee")
    session = Session.objects.create(
        approach=approach, module=module, held_on=date(2026, 11, 19), place="CTM", trainer="Cerema"
    )
    for n in range(attendees):
        Attendee.objects.create(
            session=session, name=f"Agent {n:02d}", audience="agents", trade="voirie", present=True
        )
    return session


def check_frame(data: bytes) -> Any:
    """Tagged, French, titled, A4 on every page; both logos drawn on the first page."""
    reader = pdf_reader(data)
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert str(root["/Lang"]).lower().startswith("fr")
    for page in reader.pages:
        box = page.mediabox
        assert (round(float(box.width), 2), round(float(box.height), 2)) == A4
    assert sorted(pdf_images(data)[0]) == [(64, 64), (300, 100)]
    first = " ".join(plain(reader.pages[0].extract_text()).split())
    assert "Communauté de communes du Pays de la Bièvre" in first
    assert "Agence Résilience" in first
    colours = pdf_colours(data)
    assert rgb("#8a1c1c") in colours  # the title and the rule under the header
    assert rgb("#0b5c57") not in colours  # no fixed green any more
    return reader


def test_a_long_attendance_sheet_is_branded_tagged_and_numbered(
    branded: Approach, client_as: Any
) -> None:
    session = session_of(branded, 40)
    response = client_as("facilitateur").get(
        f"/demarches/{branded.slug}/formation/sessions/{session.pk}/emargement.pdf"
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = check_frame(response.content)
    assert len(reader.pages) >= 2
    assert "Feuille d'émargement" in plain(str(reader.metadata.title))
    for number, page in enumerate(reader.pages, start=1):
        text = " ".join(plain(page.extract_text()).split())
        assert f"page {number} sur {len(reader.pages)}" in text
        if number > 1:  # the running header names the sheet and the authority
            assert "Feuille d'émargement — Communauté de communes du Pays de la Bièvre" in text
    text = plain("\n".join(page.extract_text() for page in reader.pages))
    assert "Agent 00" in text and "Agent 39" in text


def test_a_certificate_is_branded_and_names_the_authority(
    branded: Approach, client_as: Any
) -> None:
    session = session_of(branded, 1)
    attendee = session.attendees.get()
    response = client_as("facilitateur").get(
        f"/demarches/{branded.slug}/formation/participants/{attendee.pk}/attestation.pdf"
    )
    assert response.status_code == 200
    reader = check_frame(response.content)
    assert len(reader.pages) == 1
    text = " ".join(plain(reader.pages[0].extract_text()).split())
    assert "Communauté de communes du Pays de la Bièvre, pour la démarche" in text
    assert "atteste que Agent 00" in text and "page 1 sur" not in text
    assert "Attestation de formation" in plain(str(reader.metadata.title))


def test_without_branding_the_sheet_names_the_perimeter_in_the_default_colour(
    approach: Approach, client_as: Any
) -> None:
    session = session_of(approach, 2)
    data = (
        client_as("facilitateur")
        .get(f"/demarches/{approach.slug}/formation/sessions/{session.pk}/emargement.pdf")
        .content
    )
    assert pdf_images(data)[0] == []  # no logo to draw
    assert approach.authority in " ".join(plain(pdf_reader(data).pages[0].extract_text()).split())
    assert rgb(branding.DEFAULT_ACCENT) in pdf_colours(data)
