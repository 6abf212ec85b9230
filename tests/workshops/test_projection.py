"""What the room sees: the QR code that decodes to the join address, the projector mode
without the app's chrome, the printable invitation, the moderation table in words."""

from __future__ import annotations

import re
from typing import Any

import cairosvg
import cv2
import numpy as np
import pytest
from django.test import Client

from ressort.workshops import services
from ressort.workshops.models import Answer, Participant, Workshop
from tests.conftest import page_text
from tests.workshops.conftest import activity

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def decode_qr(svg: bytes) -> str:
    """Rasterise the SVG as a browser would (it must stand alone: xmlns) and read it."""
    png = cairosvg.svg2png(bytestring=svg, output_width=400, output_height=400)
    image = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_GRAYSCALE)
    text, _, _ = cv2.QRCodeDetector().detectAndDecode(image)
    return str(text)


def test_qr_code_is_a_standalone_image_that_decodes_to_the_join_address(
    workshop: Workshop, personas: dict[str, Any]
) -> None:
    c = client_for(personas["partenaire"])
    response = c.get(f"/demarches/{workshop.approach.slug}/ateliers/{workshop.pk}/qr.svg")
    assert response["Content-Type"] == "image/svg+xml"
    svg = response.content
    assert svg.startswith(b'<svg xmlns="http://www.w3.org/2000/svg"')
    expected = f"http://testserver/atelier/{workshop.join_code}/?cle={services.qr_key(workshop)}"
    assert decode_qr(svg) == expected
    # The decoded address lets a phone in.
    phone = Client()
    assert phone.get(expected).status_code in (200, 302)
    assert Client().get(expected, follow=True).status_code == 200


def test_projector_mode_has_no_app_chrome_and_always_shows_how_to_join(
    workshop: Workshop, personas: dict[str, Any]
) -> None:
    c = client_for(personas["facilitateur"])
    base = f"/demarches/{workshop.approach.slug}/ateliers/{workshop.pk}"
    html = c.get(f"{base}/projection/?plein-ecran=1&theme=sombre").content.decode()
    assert 'aria-label="Menu de la démarche"' not in html
    assert "rs-footer" not in html and "Navigation principale" not in html
    assert f'src="{base}/qr.svg"' in html
    assert workshop.join_code in html and f"/atelier/{workshop.join_code}/" in html
    assert 'data-plein-ecran="1"' in html and 'data-theme="sombre"' in html
    text = page_text(c.get(f"{base}/projection/"))
    for shortcut in ("activité suivante", "afficher ou masquer les résultats", "figer l’écran"):
        assert shortcut in text
    # The facilitator's « next activity » opens the next one.
    first, second = workshop.activities.all()[:2]
    services.set_state(first, "ouverte")
    html = c.get(f"{base}/projection/").content.decode()
    assert f"{base}/activites/{second.pk}/etat/" in html
    # A partner sees the screen but gets no button that changes the workshop.
    partner = client_for(personas["partenaire"]).get(f"{base}/projection/").content.decode()
    assert "/etat/" not in partner


def test_invitation_sheet_has_the_code_and_the_qr_code(
    workshop: Workshop, personas: dict[str, Any]
) -> None:
    c = client_for(personas["equipe"])
    base = f"/demarches/{workshop.approach.slug}/ateliers/{workshop.pk}"
    response = c.get(f"{base}/invitation/")
    html = response.content.decode()
    assert html.count(f'src="{base}/qr.svg"') == 4
    assert html.count(workshop.join_code) >= 4
    assert "@page" not in html  # the print layout lives in the stylesheet
    assert client_for(personas["outsider"]).get(f"{base}/invitation/").status_code == 404


def test_moderation_shows_answers_in_words(workshop: Workshop, personas: dict[str, Any]) -> None:
    vote = activity(workshop, "vote")
    grid = activity(workshop, "grille")
    p = Participant.objects.create(workshop=workshop, category="Élu·e")
    Answer.objects.create(
        activity=vote, participant=p, client_id="bulletin", payload={"grades": {"l1": 5, "l2": 0}}
    )
    Answer.objects.create(
        activity=grid, participant=p, client_id="Q1.1.a", payload={"score": None, "comment": "?"}
    )
    c = client_for(personas["facilitateur"])
    base = f"/demarches/{workshop.approach.slug}/ateliers/{workshop.pk}/activites"
    text = page_text(c.get(f"{base}/{vote.pk}/"))
    moderation = text.split("Modération", 1)[1]
    assert "'grades'" not in moderation and "bulletin" not in moderation
    assert "Haies : Très bien ; Cantine bio : À rejeter" in text
    text = page_text(c.get(f"{base}/{grid.pk}/"))
    assert "je ne sais pas — « ? »" in text


def test_connected_count_in_words(workshop: Workshop, personas: dict[str, Any]) -> None:
    vote = activity(workshop, "vote")
    here = Participant.objects.create(workshop=workshop, open_sockets=1)
    Participant.objects.create(workshop=workshop, open_sockets=0)  # joined, then left
    Answer.objects.create(
        activity=vote, participant=here, client_id="bulletin", payload={"grades": {"l1": 3}}
    )
    c = client_for(personas["facilitateur"])
    url = f"/demarches/{workshop.approach.slug}/ateliers/{workshop.pk}/activites/{vote.pk}/"
    text = " ".join(re.sub(r"<[^>]+>", "", page_text(c.get(url))).split())
    assert "1 participant a répondu sur 1 connecté" in text
    assert "2 venus en tout" in text
