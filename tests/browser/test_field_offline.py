"""Field capture without a network (issue 22), on a phone of 390 px: two observations noted
with the network cut (Playwright's offline mode), the page closed and opened again without
network (the service worker serves it), then the network back: each observation is stored
exactly once. An entry the server refuses comes back with its French message and is
corrected. The photo's GPS position fills the place before anything is sent."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from ressort.fieldwork import tags
from ressort.fieldwork.models import Observation
from tests.browser.conftest import assert_accessible
from tests.fieldwork.conftest import HashedWords, jpeg_with_gps

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "viewport": PHONE, "has_touch": True}


@pytest.fixture(autouse=True)
def private_media(settings: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
    }
    monkeypatch.setattr(tags, "get_embedder", lambda: HashedWords())


def note(page: Page, title: str, text: str) -> None:
    page.get_by_label("Titre").fill(title)
    page.get_by_label("Ce qui a été observé").fill(text)
    page.get_by_label("Date de l’observation").fill("2026-11-30")
    page.get_by_role("button", name="Enregistrer l’observation").click()


def fits_the_phone(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} déborde : {width} px"


def test_offline_capture_is_sent_once_when_the_network_returns(
    site: str, page: Page, login_as: Any, personas: dict[str, Any], approach: Any, tmp_path: Any
) -> None:
    login_as(personas["equipe"])
    form_url = f"{site}/demarches/{approach.slug}/terrain/observations/nouvelle/"
    page.goto(form_url)
    # The app installs: a valid manifest, a service worker that controls the page.
    expect(page.locator("html")).to_have_attribute("data-offline-ready", "1")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    href = page.locator("link[rel=manifest]").get_attribute("href")
    manifest = json.loads(page.request.get(site + href).text())
    assert manifest["display"] == "standalone" and manifest["name"].startswith("Ressort")
    assert page.request.get(site + manifest["icons"][0]["src"]).ok
    assert manifest["start_url"].startswith(manifest["scope"])
    scope = page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
    assert scope == f"{site}/demarches/{approach.slug}/terrain/"
    assert page.evaluate("navigator.serviceWorker.ready.then(r => r.active.state)") == "activated"
    assert_accessible(page)
    fits_the_phone(page)

    page.context.set_offline(True)
    # Offline mode cuts the page; what the service worker asks of the network is cut here.
    page.context.route("**/*", lambda route: route.abort("internetdisconnected"))
    # The photo's position fills the place before anything leaves the phone.
    photo = tmp_path / "IMG_0001.jpg"
    photo.write_bytes(jpeg_with_gps(size=(3200, 2400)))
    page.get_by_label("Photo", exact=True).set_input_files(str(photo))
    expect(page.get_by_role("spinbutton", name="Latitude")).to_have_value("45.586667")
    expect(page.get_by_role("spinbutton", name="Longitude")).to_have_value("5.275000")
    expect(page.get_by_text("Lieu repris de la position GPS de la photo")).to_be_visible()
    note(page, "Haie arrachée au Bessey", "La haie le long du ruisseau a disparu.")
    outbox = page.locator("[data-offline-outbox]")
    expect(outbox.get_by_text("«\u00a0Haie arrachée au Bessey\u00a0»", exact=True)).to_be_visible()
    expect(outbox.locator("[data-state=attente]")).to_have_count(1)
    expect(page.get_by_role("status").filter(has_text="Pas de réseau")).to_be_visible()
    note(page, "Mare asséchée", "La mare du hameau est à sec depuis août.")
    expect(outbox.locator("[data-state=attente]")).to_have_count(2)
    # An entry the server will refuse (no title: the browser does not stop it, novalidate).
    page.get_by_label("Ce qui a été observé").fill("Un arbre tombé sur le chemin.")
    page.get_by_label("Date de l’observation").fill("2026-11-30")
    page.get_by_role("button", name="Enregistrer l’observation").click()
    expect(outbox.locator("[data-state=attente]")).to_have_count(3)
    assert_accessible(page)
    fits_the_phone(page)
    assert Observation.objects.count() == 0

    # The tab is closed; another one opens the page, still without a network.
    context = page.context
    page.close()
    again = context.new_page()
    again.set_default_timeout(30_000)
    answer = again.goto(form_url)
    assert answer is not None and answer.from_service_worker and answer.status == 200
    outbox = again.locator("[data-offline-outbox]")
    expect(outbox.locator("[data-state=attente]")).to_have_count(3)
    expect(outbox.get_by_text("«\u00a0Mare asséchée\u00a0»", exact=True)).to_be_visible()

    context.unroute("**/*")
    context.set_offline(False)  # the network returns: the outbox empties itself
    expect(outbox.locator("[data-state=attente]")).to_have_count(0)
    refused = outbox.locator("li", has_text="refusée")
    expect(refused).to_have_count(1)
    expect(refused).to_contain_text("Titre")
    expect(refused).to_contain_text("Ce champ est obligatoire.")
    assert sorted(Observation.objects.values_list("title", flat=True)) == [
        "Haie arrachée au Bessey",
        "Mare asséchée",
    ]
    hedge = Observation.objects.get(title="Haie arrachée au Bessey")
    assert hedge.latitude == pytest.approx(45.586667, abs=1e-6)
    assert hedge.photos.get().width == 1600  # resized on the phone (and never above)
    assert len(set(Observation.objects.values_list("client_id", flat=True))) == 2
    assert_accessible(again)

    # Sending again changes nothing: each entry is stored once.
    again.get_by_role("button", name="Envoyer maintenant").click()
    assert Observation.objects.count() == 2

    # The refused entry is corrected in its form and leaves.
    refused.get_by_role("link", name="Corriger").click()
    expect(again.get_by_label("Ce qui a été observé")).to_have_value(
        "Un arbre tombé sur le chemin."
    )
    expect(again.locator("[data-offline-errors]")).to_contain_text("Titre")
    again.get_by_label("Titre").fill("Arbre tombé")
    again.get_by_role("button", name="Enregistrer l’observation").click()
    expect(again.get_by_role("heading", name="Arbre tombé")).to_be_visible()
    assert Observation.objects.count() == 3
    again.goto(form_url)
    expect(again.locator("[data-offline-outbox]")).to_be_hidden()
    # The service worker has kept this page: nothing is left running when the test ends.
    expect(again.locator("html")).to_have_attribute("data-offline-ready", "1")

    # Signed out, the phone forgets the pages it kept and their service worker.
    assert again.evaluate("caches.keys().then(k => k.length)") > 0
    again.context.clear_cookies()
    again.goto(site + reverse("accounts:login"))
    again.wait_for_function(
        "async () => !(await caches.keys()).some(n => n.startsWith('ressort-terrain-'))"
        " && (await navigator.serviceWorker.getRegistrations()).length === 0"
    )
    assert again.evaluate("caches.keys()") == []
    assert again.evaluate("navigator.serviceWorker.getRegistrations().then(r => r.length)") == 0


PUT_ENTRY = """([entry]) => new Promise((resolve, reject) => {
  const req = indexedDB.open("ressort-terrain", 1);
  req.onupgradeneeded = () => req.result.createObjectStore("envois", { keyPath: "client_id" });
  req.onsuccess = () => {
    const t = req.result.transaction("envois", "readwrite");
    t.objectStore("envois").put(entry);
    t.oncomplete = () => { req.result.close(); resolve(true); };
    t.onerror = () => reject(t.error);
  };
  req.onerror = () => reject(req.error);
})"""


def test_a_shared_phone_keeps_each_persons_entries_for_them(
    site: str, page: Page, login_as: Any, personas: dict[str, Any], approach: Any
) -> None:
    """Entries kept on a phone outlive a sign-out: the next person signed in on the phone
    neither sees nor sends them; they leave when their author signs in again."""
    noted_by, next_person = personas["equipe"], personas["chef_projet"]
    form_url = f"{site}/demarches/{approach.slug}/terrain/observations/nouvelle/"
    login_as(next_person)
    page.goto(form_url)
    entry = {
        "client_id": "0b6f2a8e-5d1c-4b7e-9a51-3f2c8d9e1a77",
        "kind": "observation",
        "endpoint": reverse("fieldwork:offline_receive", args=[approach.slug, "observation"]),
        "page": f"/demarches/{approach.slug}/terrain/observations/nouvelle/",
        "title": "Lavoir effondré",
        "created": "2026-11-30T09:00:00.000Z",
        "fields": [
            ["title", "Lavoir effondré"],
            ["text", "Le toit du lavoir est tombé."],
            ["observed_on", "2026-11-30"],
        ],
        "photo": None,
        "state": "attente",
        "message": "",
        "owner": str(noted_by.pk),
    }
    page.evaluate(PUT_ENTRY, [entry])
    page.reload()
    outbox = page.locator("[data-offline-outbox]")
    expect(outbox).to_have_attribute("data-outbox-size", "0")
    expect(outbox).to_be_hidden()
    page.get_by_role("button", name="Enregistrer l’observation").wait_for()
    page.evaluate("() => window.dispatchEvent(new Event('online'))")  # try to send now
    page.wait_for_timeout(500)
    assert not Observation.objects.exists()

    page.context.clear_cookies()
    login_as(noted_by)
    page.goto(form_url)  # its author is back: the entry leaves, under their name
    page.wait_for_function("() => !document.querySelector('[data-outbox-entry]')")
    expect(page.get_by_role("status").filter(has_text="a été envoyée")).to_be_visible()
    assert Observation.objects.get().author == noted_by
