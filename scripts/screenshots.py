"""Screenshots of the demo for the README (docs/screenshots/).

Run against a local instance with the demo (`make run`, DEBUG=1, public demo password):

    .venv/bin/python scripts/screenshots.py [http://127.0.0.1:8000]

Drives Debian's chromium with Playwright, signs in as the demo's chef de projet, and writes
PNG files named after what they show. Nothing leaves the machine: other hosts are blocked.
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import Page, Route, sync_playwright

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
LEAD = "cheffe.projet@demo.ressort.fr"
PASSWORD = "ressort-demo"  # noqa: S105 (the public demo password, DEBUG only)

# (file, path, link to follow first or "", viewport width, height, full page)
SHOTS = [
    ("projecteur.png", "/demarches/demo/ateliers/{workshop}/projection/", "1.", 1920, 1080, False),
    ("micmac.png", "/demarches/demo/micmac/resultats/", "", 1280, 900, True),
    ("chaine-impacts.png", "/demarches/demo/chaines/{chain}/", "Ouvrir l'éditeur graphique",
     1280, 900, False),
    ("tableau-de-bord-telephone.png", "/demarches/demo/suivi/", "", 390, 844, True),
    ("portrait-telephone.png", "/demarches/demo/portrait/", "", 390, 844, False),
]  # fmt: skip


def offline(host: str):  # type: ignore[no-untyped-def]
    def route(r: Route) -> None:
        (r.continue_ if urlparse(r.request.url).netloc == host else r.abort)()

    return route


def sign_in(page: Page, site: str) -> None:
    page.goto(f"{site}/compte/connexion/")
    page.get_by_label("Adresse électronique").fill(LEAD)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/demarches/**")


def first_id(page: Page, site: str, listing: str) -> str:
    """The id of the first object linked from a list page (`…/<listing><id>/`)."""
    page.goto(site + listing)
    found = page.evaluate(
        "prefix => [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))"
        ".map(h => h.startsWith(prefix) ? h.slice(prefix.length).match(/^(\\d+)\\//) : null)"
        ".find(m => m)?.[1]",
        listing,
    )
    if not found:
        raise SystemExit(f"Aucun objet lié depuis {listing} : la démo est-elle chargée ?")
    return str(found)


def main(site: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris")
        page = context.new_page()
        page.route("**/*", offline(urlparse(site).netloc))
        sign_in(page, site)
        ids = {
            "workshop": first_id(page, site, "/demarches/demo/ateliers/"),
            "chain": first_id(page, site, "/demarches/demo/chaines/"),
        }
        for name, path, follow, width, height, full in SHOTS:
            page.set_viewport_size({"width": width, "height": height})
            page.goto(site + path.format(**ids))
            if follow:
                page.get_by_role("link", name=follow).first.click()
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(OUT / name), full_page=full)
            print(OUT / name)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
