"""Browser tests: Playwright drives Debian's chromium; every visited page is checked with axe.

Playwright's own browser download cannot work here: we launch /usr/bin/chromium
(`make test` installs it). External hosts (map tiles) are blocked: the app must work offline.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from playwright.sync_api import Page, Route

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by the
# fixtures and assertions are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
CHROMIUM = os.environ.get("RESSORT_CHROMIUM", "/usr/bin/chromium")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "fr-FR", "timezone_id": "Europe/Paris"}


@pytest.fixture
def site(live_server: Any, page: Page) -> Iterator[str]:
    """The live server's URL; any request to another host is aborted (we are offline)."""
    host = urlparse(live_server.url).netloc

    def offline(route: Route) -> None:
        if urlparse(route.request.url).netloc == host:
            route.continue_()
        else:
            route.abort()

    page.route("**/*", offline)
    page.set_default_timeout(30_000)
    refused: list[str] = []  # what the Content-Security-Policy blocked (inline script…)
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield live_server.url
    assert refused == [], refused


@pytest.fixture
def login_as(site: str, page: Page) -> Callable[[Any], None]:
    """Sign a user in by cookie (the sign-in form itself has its own test)."""

    def login(user: Any) -> None:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        page.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": session.session_key or "",
                    "url": site,
                }
            ]
        )

    return login


@functools.cache
def axe_source() -> str:
    return AXE.read_text()


def axe_violations(page: Page) -> list[dict[str, Any]]:
    # Evaluated through the browser's debugging protocol, which the page's
    # Content-Security-Policy (no inline script) does not govern, unlike a <script> tag.
    # Injected once per document (a second check of the same page, at another width, reuses
    # it); only the violations are processed and sent back (axe's passes, with a selector for
    # each of their nodes, were computed and serialised for nothing: the tests never read them).
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    # Two frames first: a viewport just resized has fired its resize handlers (the wide tables'
    # regions become focusable then), as the re-injection's parse time used to allow by luck.
    return [
        v
        for v in page.evaluate(
            "tags => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
            ".then(() => axe.run(document, {runOnly: {type: 'tag', values: tags},"
            " resultTypes: ['violations']})).then(result => result.violations)",
            WCAG_TAGS,
        )
        if v["impact"] in ("serious", "critical")
    ]


def assert_accessible(page: Page) -> None:
    """No serious or critical WCAG 2.1 A/AA violation on the current page (axe-core)."""
    violations = axe_violations(page)
    details = [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "targets": [n["target"] for n in v["nodes"][:5]],
        }
        for v in violations
    ]
    assert not violations, f"{page.url} : " + json.dumps(details, ensure_ascii=False, indent=1)
