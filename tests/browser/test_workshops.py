"""A facilitator runs a live workshop with three phone-sized participants, in real browsers.

pytest-django's live server speaks WSGI only, without websockets: this test serves the app
with daphne in a subprocess, on a free port, over its own SQLite file (tables built once
per run, seeded by a subprocess), so that the browsers use the real websocket path end to end.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent

SEED = r"""
import json
import django
django.setup()
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from ressort.actions.models import Action
from ressort.approaches.models import Approach, Membership, Role
from ressort.frameworks import services as frameworks
from ressort.workshops import kinds
from ressort.workshops.models import Activity, Workshop

frameworks.load_shipped()
user = get_user_model().objects.create_user(email="anim@example.org", password="x" * 16)
approach = Approach.objects.create(name="CAPI résiliente", name_key="capi resiliente", slug="capi")
Membership.objects.create(approach=approach, user=user, role=Role.FACILITATOR)
hedges = Action.objects.create(approach=approach, title="Haies bocagères")
canteen = Action.objects.create(approach=approach, title="Cantine locale")
workshop = Workshop(approach=approach, title="Atelier du 12 mars", created_by=user)
workshop.code_expires_at = workshop.default_expiry()
workshop.save()
boussole = frameworks.shipped_current("boussole")
specs = [
    ("idees", "Vos idées d'actions", {"target": "idees"}),
    ("grille", "La gouvernance", {"version": boussole.pk, "codes": "Q1.1.a Q1.1.b"}),
    ("vote", "Quelle action d'abord ?", {"actions": [str(hedges.pk), str(canteen.pk)]}),
]
for order, (code, title, data) in enumerate(specs, start=1):
    Activity.objects.create(workshop=workshop, kind=code, title=title, order=order,
                            config=kinds.get_kind(code).build_config(data, approach))
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.save()
print(json.dumps({"session": session.session_key, "workshop": workshop.pk,
                  "code": workshop.join_code, "hedges": hedges.pk}))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _server_env(var_dir: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "RESSORT_VAR_DIR": str(var_dir),
        "DJANGO_SETTINGS_MODULE": "ressort.settings",
        "DEBUG": "0",
        "SECRET_KEY": "test-only-secret-key-for-a-throwaway-server",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "ERROR",
    }
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    return env


# The tables built from the models, as for the rest of the suite (`--nomigrations`): running
# the 60-odd migrations cost each of these tests over a minute on a loaded machine; the
# migrations have their own tests and `make quality` checks that they match the models.
TABLES = r"""
import django
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
django.setup()
settings.MIGRATION_MODULES = {app.label: None for app in apps.get_app_configs()}
call_command("migrate", run_syncdb=True, verbosity=0)
"""


@pytest.fixture(scope="session")
def empty_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite file with the app's tables, built once per run; each test serves a copy."""
    var_dir = tmp_path_factory.mktemp("daphne-tables")
    subprocess.run(
        [str(BIN / "python"), "-c", TABLES], env=_server_env(var_dir), cwd=ROOT, check=True
    )
    return var_dir / "ressort.sqlite3"


@pytest.fixture
def daphne_site(tmp_path: Path, empty_database: Path) -> Iterator[dict[str, Any]]:
    env = _server_env(tmp_path)
    # SQLite's backup copies the database whole, whatever its write-ahead log still holds.
    with (
        contextlib.closing(sqlite3.connect(empty_database)) as source,
        contextlib.closing(sqlite3.connect(tmp_path / "ressort.sqlite3")) as copy,
    ):
        source.backup(copy)
    out = subprocess.run(
        [str(BIN / "python"), "-c", SEED],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    seed = json.loads(out.stdout.strip().splitlines()[-1])
    port = _free_port()
    server = subprocess.Popen(
        [str(BIN / "daphne"), "-b", "127.0.0.1", "-p", str(port), "ressort.asgi:application"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
            break
        time.sleep(0.2)
    try:
        yield {**seed, "url": f"http://127.0.0.1:{port}"}
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()


def _offline(context: BrowserContext, base: str) -> None:
    host = base.split("//", 1)[1]
    context.route(
        "**/*", lambda route: route.continue_() if host in route.request.url else route.abort()
    )


def _phone(browser: Browser, base: str) -> Page:
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, locale="fr-FR"
    )
    _offline(context, base)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def test_facilitator_runs_a_workshop_with_three_phones(
    browser: Browser, daphne_site: dict[str, Any]
) -> None:
    base = daphne_site["url"]
    slug, pk = "capi", daphne_site["workshop"]
    laptop = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    _offline(laptop, base)
    laptop.add_cookies([{"name": "sessionid", "value": daphne_site["session"], "url": base}])
    facilitator = laptop.new_page()
    facilitator.set_default_timeout(15_000)
    facilitator.goto(f"{base}/demarches/{slug}/ateliers/{pk}/")
    expect(facilitator.locator("#code-atelier")).to_have_text(daphne_site["code"])
    assert_accessible(facilitator)

    # Three participants join from their phones with the code (one through the QR link).
    phones = [_phone(browser, base) for _ in range(3)]
    for i, phone in enumerate(phones):
        if i == 0:
            phone.goto(f"{base}/atelier/{daphne_site['code']}/")
        else:
            phone.goto(f"{base}/atelier/")
            phone.get_by_label("Code de l’atelier").fill(daphne_site["code"].lower())
        phone.get_by_label("Pseudonyme (facultatif)").fill(f"Phone {i + 1}")
        if i == 0:
            assert_accessible(phone)
        phone.get_by_role("button", name="Rejoindre").click()
        expect(phone.get_by_text("Aucune activité n’est ouverte")).to_be_visible()
    assert_accessible(phones[0])

    def drive(title: str, state: str) -> None:
        facilitator.goto(f"{base}/demarches/{slug}/ateliers/{pk}/")
        facilitator.get_by_role("button", name=f"{state} « {title} »").click()

    # 1. Idea wall: each phone sees it appear live and sends an idea, acknowledged.
    drive("Vos idées d'actions", "Ouvrir")
    facilitator.goto(f"{base}/demarches/{slug}/ateliers/{pk}/projection/")
    ideas = ["Des haies le long des chemins", "Une ressourcerie", "Récupérer l'eau de pluie"]
    for phone, idea in zip(phones, ideas, strict=True):
        phone.get_by_label("Votre idée").fill(idea)
        phone.get_by_role("button", name="Envoyer l’idée").click()
        expect(phone.locator("#annonces")).to_have_text("Réponse enregistrée.")
        expect(phone.locator(".mine")).to_contain_text(idea)
    for idea in ideas:
        expect(facilitator.locator("#projection")).to_contain_text(idea)
    expect(facilitator.locator(".rs-participation")).to_contain_text("3 participants ont répondu")
    assert_accessible(phones[1])

    # 2. Grid scoring: radios are sent one by one; a participant changes an answer.
    drive("La gouvernance", "Ouvrir")
    for n, phone in enumerate(phones):
        expect(phone.get_by_role("heading", name="La gouvernance")).to_be_visible()
        expect(phone.get_by_text("Vos idées d'actions")).to_have_count(0)
        group = phone.get_by_role("group", name="Q1.1.a", exact=False)
        group.get_by_label(str(n + 2)).check()
        expect(phone.locator("#annonces")).to_have_text("Réponse enregistrée.")
        other = phone.get_by_role("group", name="Q1.1.b", exact=False)
        other.get_by_label("je ne sais pas").check()
        expect(phone.locator("#annonces")).to_have_text("Réponse enregistrée.")
    phones[2].get_by_role("group", name="Q1.1.a", exact=False).get_by_label("0").check()
    expect(phones[2].locator("#annonces")).to_have_text("Réponse enregistrée.")
    # A reload (or a lost connection) shows the stored answers.
    phones[2].reload()
    expect(
        phones[2].get_by_role("group", name="Q1.1.a", exact=False).get_by_label("0")
    ).to_be_checked()
    assert_accessible(phones[2])
    facilitator.goto(f"{base}/demarches/{slug}/ateliers/{pk}/projection/")
    row = facilitator.locator("tr", has_text="Q1.1.a")
    expect(row.locator("td")).to_have_text(["1", "0", "1", "1", "0", "0", "2"])

    # 3. Majority-judgment vote.
    drive("Quelle action d'abord ?", "Ouvrir")
    grades = [("Très bien", "Passable"), ("Excellent", "Bien"), ("Bien", "Insuffisant")]
    for phone, (first, second) in zip(phones, grades, strict=True):
        phone.get_by_label("Haies bocagères").select_option(label=first)
        phone.get_by_label("Cantine locale").select_option(label=second)
        phone.get_by_role("button", name="Enregistrer mon vote").click()
        expect(phone.locator("#annonces")).to_have_text("Réponse enregistrée.")
    facilitator.goto(f"{base}/demarches/{slug}/ateliers/{pk}/projection/")
    expect(facilitator.locator("#projection")).to_contain_text("3 bulletins")
    expect(facilitator.locator("#projection li").first).to_contain_text("1. Haies bocagères")
    assert_accessible(facilitator)
    drive("Quelle action d'abord ?", "Fermer")
    expect(phones[0].get_by_text("Aucune activité n’est ouverte")).to_be_visible()

    # Results go into the démarche: the ideas and the ballots, as a new user would see them.
    facilitator.goto(f"{base}/demarches/{slug}/ateliers/{pk}/")
    for title in ("Vos idées d'actions", "Quelle action d'abord ?"):
        facilitator.get_by_role("link", name=title).click()
        facilitator.get_by_role("button", name="Envoyer les résultats dans la démarche").click()
        expect(facilitator.get_by_text("Résultats envoyés dans la démarche")).to_be_visible()
        assert_accessible(facilitator)
        facilitator.goto(f"{base}/demarches/{slug}/ateliers/{pk}/")
    facilitator.goto(f"{base}/demarches/{slug}/idees/")
    for idea in ideas:
        expect(facilitator.get_by_text(idea, exact=True)).to_be_visible()
    facilitator.goto(f"{base}/demarches/{slug}/vote/")
    expect(facilitator.get_by_role("heading", name="Résultat (3 bulletins)")).to_be_visible()
    expect(facilitator.locator("main")).to_contain_text("Haies bocagères")


def _decode_qr(png: bytes) -> str:
    import cv2
    import numpy as np

    image = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_GRAYSCALE)
    text, _, _ = cv2.QRCodeDetector().detectAndDecode(image)
    return str(text)


def test_projector_mode_in_front_of_a_room(browser: Browser, daphne_site: dict[str, Any]) -> None:
    """Projector mode at 1920×1080 with three phones: the QR code on the screen decodes to the
    join address and lets a phone in, the connected count follows phones leaving, the
    results fill at least half the screen, the facilitator's keys work, both themes are
    accessible, and the screen still holds at 1280×720."""
    base = daphne_site["url"]
    slug, pk, code = "capi", daphne_site["workshop"], daphne_site["code"]
    room = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="fr-FR")
    _offline(room, base)
    room.add_cookies([{"name": "sessionid", "value": daphne_site["session"], "url": base}])
    screen = room.new_page()
    screen.set_default_timeout(15_000)
    screen.goto(f"{base}/demarches/{slug}/ateliers/{pk}/projection/?plein-ecran=1")
    expect(screen.locator(".rs-join-code")).to_have_text(code)
    expect(screen.get_by_role("navigation", name="Menu de la démarche")).to_have_count(0)
    expect(screen.locator("#rs-raccourcis")).to_contain_text("activité suivante")

    # The QR code, as drawn on the screen, decodes to the join address.
    qr = screen.locator(".rs-qr")
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.naturalWidth") > 0  # the browser rendered the SVG
    link = _decode_qr(qr.screenshot())
    assert link.startswith(f"{base}/atelier/{code}/?cle="), link

    # Three phones join through it; the facilitator opens the first activity with « N ».
    phones = [_phone(browser, base) for _ in range(3)]
    for phone in phones:
        phone.goto(link)
        phone.get_by_role("button", name="Rejoindre").click()
        expect(phone.get_by_text("Aucune activité n’est ouverte")).to_be_visible()
    screen.keyboard.press("n")
    expect(screen.locator(".rs-activity")).to_have_text("Vos idées d'actions")
    participation = screen.locator(".rs-participation")
    expect(participation).to_contain_text("sur 3 connectés")
    ideas = ["Des haies le long des chemins", "Une ressourcerie", "Récupérer l'eau de pluie"]
    for phone, idea in zip(phones, ideas, strict=True):
        phone.get_by_label("Votre idée").fill(idea)
        phone.get_by_role("button", name="Envoyer l’idée").click()
        expect(phone.locator("#annonces")).to_have_text("Réponse enregistrée.")
    for idea in ideas:
        expect(screen.locator("#projection")).to_contain_text(idea)
    expect(participation).to_contain_text("3 participants ont répondu sur 3 connectés")

    # Phones leave: the count follows.
    phones[0].context.close()
    expect(participation).to_contain_text("sur 2 connectés")
    phones[1].context.close()
    expect(participation).to_contain_text("3 participants ont répondu sur 1 connecté")

    # The results fill at least half the screen, in large type.
    box = screen.locator(".rs-results").bounding_box()
    assert box is not None and box["width"] * box["height"] >= 0.5 * 1920 * 1080, box
    note = screen.locator(".rs-note").first
    size = note.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 28, size
    assert_accessible(screen)

    # Keys: hide and show the results, freeze, dark theme.
    screen.keyboard.press("r")
    expect(screen.locator(".rs-results")).to_be_hidden()
    screen.keyboard.press("r")
    expect(screen.locator(".rs-results")).to_be_visible()
    screen.keyboard.press("g")
    expect(screen.locator("#projection-etat")).to_contain_text("Écran figé")
    phones[2].get_by_label("Votre idée").fill("Idée arrivée pendant le gel")
    phones[2].get_by_role("button", name="Envoyer l’idée").click()
    expect(phones[2].locator("#annonces")).to_have_text("Réponse enregistrée.")
    screen.wait_for_timeout(1500)
    expect(screen.locator("#projection")).not_to_contain_text("pendant le gel")
    screen.keyboard.press("g")
    expect(screen.locator("#projection")).to_contain_text("pendant le gel")
    # Bootstrap's buttons fade their colours (0.15 s): axe must read the theme, not the fade.
    screen.emulate_media(reduced_motion="reduce")
    screen.keyboard.press("t")
    expect(screen.locator("body")).to_have_attribute("data-theme", "sombre")
    assert_accessible(screen)

    # A smaller projector: no horizontal scroll, the join code still on screen.
    screen.set_viewport_size({"width": 1280, "height": 720})
    assert screen.evaluate("document.documentElement.scrollWidth") <= 1280
    expect(screen.locator(".rs-join-code")).to_be_in_viewport()
