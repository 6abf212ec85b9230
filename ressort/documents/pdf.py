"""PDF rendering with WeasyPrint that fetches nothing but Ressort's own files.

WeasyPrint follows every `url()`, `<img src>` and `<link>` it meets, over any protocol. A
user's text never enters the documents' CSS (page headers and footers take it from the HTML
through `string-set` or running elements), and this fetcher is the second lock: it serves
`data:` URIs and files under the static and media folders, and refuses everything else
(http, https, ftp, other files of the server), so a document cannot be turned into a
request to the server's network or a read of its disk.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders


class RefusedURL(ValueError):
    """A document asked for a resource outside Ressort's own files."""


def allowed_roots() -> list[Path]:
    roots = [Path(settings.MEDIA_ROOT), Path(settings.STATIC_ROOT)]
    for finder in get_finders():
        for storage in getattr(finder, "storages", {}).values():
            roots.append(Path(storage.location))
    return [root.resolve() for root in roots]


def is_allowed(url: str) -> bool:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "data":
        return True
    if scheme != "file" or parts.netloc not in ("", "localhost"):
        return False
    path = Path(url2pathname(parts.path)).resolve()
    return path.is_file() and any(path.is_relative_to(root) for root in allowed_roots())


def _fetcher_class() -> Any:
    from weasyprint.urls import URLFetcher

    class LocalOnlyFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if not is_allowed(url):
                raise RefusedURL(f"Ressource extérieure refusée dans un document : {url[:200]}")
            return super().fetch(url, headers)

    return LocalOnlyFetcher


def html(source: str) -> Any:
    """A WeasyPrint HTML document of `source` that fetches only Ressort's own files, its
    text set in French typography (ressort.analysis.typography)."""
    from weasyprint import HTML

    from ressort.analysis.typography import french_html

    source = french_html(source)
    return HTML(string=source, base_url=str(settings.BASE_DIR), url_fetcher=_fetcher_class()())


_collections_lock = threading.Lock()
_collections_depth = 0
_collections_saved = gc.get_threshold()


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Rarer garbage collections while WeasyPrint lays out: it allocates boxes and styles by
    the hundred thousand, and each full collection also walked every object of the process
    (about a sixth of a sheet part's CPU time, measured under load). Thresholds are the
    process's: the first layout raises them, the last one out puts them back."""
    global _collections_depth, _collections_saved
    with _collections_lock:
        if _collections_depth == 0:
            _collections_saved = gc.get_threshold()
            gc.set_threshold(50_000, 50, 100)
        _collections_depth += 1
    try:
        yield
    finally:
        with _collections_lock:
            _collections_depth -= 1
            if _collections_depth == 0:
                gc.set_threshold(*_collections_saved)


def write(document: Any) -> bytes:
    """The PDF of a WeasyPrint document (or rendered document), tagged for accessibility:
    PDF/UA-1 gives the structure tree (headings, paragraphs, tables, figures with their
    alternative text), the language and the title shown by readers."""
    with fewer_collections():
        data: bytes = document.write_pdf(pdf_variant="pdf/ua-1")
    return data
