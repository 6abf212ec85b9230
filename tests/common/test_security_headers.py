"""Content-Security-Policy and Permissions-Policy on every page; no inline script left."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[2] / "ressort"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I)


def directives(header: str) -> dict[str, list[str]]:
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {words[0]: words[1:] for words in parts}


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/compte/connexion/", "/atelier/", "/demarches/"])
def test_pages_carry_the_policies(url: str, make_user: Any) -> None:
    client = Client()
    client.force_login(make_user("claire@example.org"))
    response = client.get(url, follow=True)
    policy = directives(response.headers["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]  # no inline script, no eval
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert "https://tile.openstreetmap.org" in policy["img-src"]
    permissions = response.headers["Permissions-Policy"]
    assert "camera=()" in permissions and "geolocation=(self)" in permissions


def test_no_template_has_an_inline_script_or_event_handler() -> None:
    found = []
    for path in ROOT.rglob("templates/**/*.html"):
        text = path.read_text()
        found += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in INLINE_SCRIPT.finditer(text)]
        found += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in EVENT_HANDLER.finditer(text)]
    assert found == []


def test_no_python_code_writes_an_inline_script() -> None:
    found = [
        str(path.relative_to(ROOT))
        for path in ROOT.rglob("*.py")
        if "static" not in path.parts and INLINE_SCRIPT.search(path.read_text())
    ]
    assert found == []
