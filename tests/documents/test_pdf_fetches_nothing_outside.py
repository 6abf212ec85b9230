"""No user text reaches the documents' CSS, and the PDF renderer fetches only our own files.

A hostile title (CSS breakouts, `url()` to a local port) must come out as plain text in the
page footer, and nothing may connect to that port.
"""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from ressort.approaches.models import Approach
from ressort.documents import pdf
from ressort.portrait import documents as portrait_documents
from ressort.strategy import documents as strategy_documents
from ressort.strategy import services as strategy_services

pytestmark = pytest.mark.django_db


class Listener:
    """A TCP port on 127.0.0.1 that counts the connections it receives."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(8)
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.socket.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self.stop.set()
        self.thread.join()
        self.socket.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    yield server
    server.close()


def hostile(port: int) -> str:
    url = f"http://127.0.0.1:{port}/x"
    # Within the columns' 120 characters, as a form would accept it.
    return f'Pays "}} url({url}) \\" @import url({url});\n}} body {{ color: red }} h1 {{ '


def texts(box: Any) -> Iterator[str]:
    if hasattr(box, "text"):
        yield box.text
    for child in getattr(box, "children", []):
        yield from texts(child)


def page_texts(source: str) -> str:
    document = pdf.html(source).render()
    return " ".join(" ".join(texts(page._page_box)) for page in document.pages)


@pytest.fixture
def captured(monkeypatch: Any) -> list[str]:
    """The HTML each document hands to the renderer (the renderer itself still runs)."""
    sources: list[str] = []
    real = pdf.html

    def spy(source: str) -> Any:
        sources.append(source)
        return real(source)

    monkeypatch.setattr(pdf, "html", spy)
    return sources


def test_portrait_pdf_with_a_hostile_perimeter_name(
    approach: Approach, listener: Listener, captured: list[str]
) -> None:
    approach.territory = None
    approach.perimeter_label = hostile(listener.port)
    approach.save()
    assert portrait_documents.build_pdf(approach).startswith(b"%PDF")
    assert listener.connections == 0
    footer = page_texts(captured[0])
    assert "Portrait de résilience — Pays" in footer
    assert f"127.0.0.1:{listener.port}/x" in footer  # shown as text, never fetched
    assert listener.connections == 0


def test_strategy_pdf_with_a_hostile_title(
    approach: Approach, listener: Listener, captured: list[str]
) -> None:
    statement = strategy_services.statement_for(approach)
    statement.title = hostile(listener.port)
    statement.save()
    approach.territory = None
    approach.perimeter_label = hostile(listener.port)
    approach.save()
    assert strategy_documents.build_pdf(approach).startswith(b"%PDF")
    assert listener.connections == 0
    # Laid out in parts (ressort.documents.parts): the cover's is laid out last.
    footer = page_texts(next(source for source in captured if 'class="rs-cover"' in source))
    assert footer.count(f"127.0.0.1:{listener.port}/x") >= 4  # title and perimeter, as text
    assert listener.connections == 0


def test_templates_put_no_variable_in_css() -> None:
    """Every document template's <style> is constant: user text only in the HTML."""
    for name in ("documents/document.html",):
        source = Path(
            next(
                p
                for p in Path(settings.BASE_DIR, "ressort").glob(f"*/templates/{name}")
                if p.is_file()
            )
        ).read_text()
        style = source.split("<style>", 1)[1].split("</style>", 1)[0]
        assert "{{" not in style, name
        # The one style attribute with variables sets the operator's accent colour, checked
        # to be #rrggbb before it gets there (ressort.branding.accent; tests/documents/
        # test_branding.py renders hostile values).
        attributes = re.findall(r'style="([^"]*\{\{[^"]*)"', source)
        assert attributes == ["--rs-accent: {{ accent }}; --rs-accent-tint: {{ accent_tint }}"], (
            name
        )


def test_the_renderer_refuses_every_outside_resource(listener: Listener, tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{listener.port}/x"
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not ours")
    source = (
        f'<html><head><link rel="stylesheet" href="{url}.css">'
        f"<style>@import url({url}/import.css); body {{ background: url({url}/bg) }}</style>"
        f'</head><body><img src="{url}/img.png"><img src="https://127.0.0.1:{listener.port}/s">'
        f'<img src="file://{secret}"><object data="{url}/o"></object>hello</body></html>'
    )
    assert pdf.html(source).write_pdf().startswith(b"%PDF")
    assert listener.connections == 0
    for refused in (
        url,
        f"https://127.0.0.1:{listener.port}/",
        "ftp://127.0.0.1/x",
        f"file://{secret}",
        "file:///etc/passwd",
        "file://autre-machine/etc/passwd",
        f"file://{settings.MEDIA_ROOT}/../../../etc/passwd",
    ):
        assert not pdf.is_allowed(refused), refused


def test_the_renderer_serves_our_static_files_media_and_data_uris(
    settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    static = next(Path(settings.BASE_DIR, "ressort", "static").rglob("*.css"))
    assert pdf.is_allowed(static.resolve().as_uri())
    assert pdf.is_allowed("data:image/png;base64,iVBORw0KGgo=")
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    photo = media / "test-pdf-fetcher.png"
    photo.write_bytes(b"x")
    assert pdf.is_allowed(f"file://{photo}")
