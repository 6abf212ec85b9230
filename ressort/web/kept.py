"""Démarche pages kept per reader until the démarche's data changes.

A page declared `demarche_view(..., kept=True)` is stored after a reading and served again
to the same person, without running its view, under a key made of everything it may
depend on:
- the démarche's version and the shared one (`ressort.web.freshness`): any write to the
  démarche's data, or to data every démarche shows, changes them;
- the reader: their account, what the site's header shows of it, their session's content
  (sign-in through ProConnect…), their role and parts of the démarche;
- the address with its query string, and the day (lateness, « aujourd'hui »).

A reading is stored only when it provably depends on nothing else:
- a plain GET answered 200 in HTML, not an htmx fragment, with no cookie of its own, no
  message shown (pending ones are read afresh) nor added;
- every query its view ran read only tables whose writes raise a version (the rows that
  `ressort.web.freshness` follows), and wrote nothing: checked as the queries run, so a
  page that starts reading a table of documents or tasks is no longer stored. The check
  is by table, not by row: a kept page must not show rows of *another* démarche (whose
  writes raise that démarche's version only), as the computed portrait and dashboard
  already must not; declare `kept` only on such pages.
The form token (CSRF) is never stored: each token of the page is replaced by a mark when
it is stored, and by the reader's own token when it is served. A part of the page that the
versions do not follow (the documents being prepared in the background) is declared with
`register_part` and drawn through `part`: its queries are not the page's, and it is drawn
afresh into every reading of the kept page. A value the versions do not follow but that the
page shows or depends on (which documents are ready) is read through `varying`: the page is
stored with it, and served again only while it has not changed.

The pages live in their own cache (`CACHES["pages"]`), away from the rate-limit counters.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import _unmask_cipher_token, get_token
from django.template.response import SimpleTemplateResponse
from django.utils import timezone
from django.utils.safestring import mark_safe

from ressort.web import freshness

TIMEOUT = 3600  # a page no longer read leaves the cache after this
TOKEN_MARK = b"\x00jeton-csrf\x00"  # never in a page: pages are text without NUL
# A masked CSRF token: 64 letters and digits standing alone.
TOKEN = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
MESSAGES = "_messages"  # the session key of pending messages (SessionStorage)
# The tables a query reads: Django quotes their names; raw SQL may not.
READ_TABLE = re.compile(r'\b(?:FROM|JOIN)\s+"?([A-Za-z0-9_]+)', re.IGNORECASE)
# A part drawn afresh (`kind:argument`): its mark in a stored page, its bounds in a drawn one.
PART_MARK = re.compile(rb"\x00partie:([a-z0-9_-]+):([a-z0-9_-]*)\x00")
PART_DRAWN = re.compile(
    rb"<!--partie:([a-z0-9_-]+):([a-z0-9_-]*)-->.*?<!--/partie:\1:\2-->", re.DOTALL
)
Part = Callable[[HttpRequest, Any, str], str]
_PARTS: dict[str, Part] = {}
NAME = re.compile(r"[a-z0-9_-]*")


def register_part(kind: str, draw: Part) -> None:
    """Declare a kind of part drawn afresh on every reading of a kept page:
    `draw(request, approach, argument)` gives its HTML."""
    if not kind or not NAME.fullmatch(kind):
        raise ValueError(f"Nom de partie invalide : {kind}")
    _PARTS[kind] = draw


def part(request: HttpRequest, approach: Any, kind: str, argument: str = "") -> str:
    """The part's HTML, for a page's context; within a kept page it is drawn again at every
    reading, and what it reads does not count as the page's reads."""
    if not NAME.fullmatch(argument):
        raise ValueError(f"Argument de partie invalide : {argument}")
    with _apart(approach):
        html = _PARTS[kind](request, approach, argument)
    name = f"{kind}:{argument}"
    return mark_safe(f"<!--partie:{name}-->{html}<!--/partie:{name}-->")


Value = Callable[[Any], Any]
_VALUES: dict[str, Value] = {}


def register_value(name: str, read: Value) -> None:
    """Declare a value a page may depend on that no version follows: `read(approach)`."""
    _VALUES[name] = read


def varying(approach: Any, name: str) -> Any:
    """The value, read now; a kept page that asked for it is served again only while it is
    the same (its reads do not count as the page's)."""
    with _apart(approach):
        value = _VALUES[name](approach)
    reads: _Reads | None = getattr(approach, "_kept_reads", None)
    if reads is not None:
        reads.values[name] = value
    return value


@contextmanager
def _apart(approach: Any) -> Iterator[None]:
    reads: _Reads | None = getattr(approach, "_kept_reads", None)
    if reads is not None:
        reads.paused += 1
    try:
        yield
    finally:
        if reads is not None:
            reads.paused -= 1


@cache
def followed_tables() -> frozenset[str]:
    """Tables whose every write raises a démarche's version or the shared one."""
    tables = {"web_demarcheversion", get_user_model()._meta.db_table}
    for model in apps.get_models(include_auto_created=True):
        owner = model
        if model._meta.auto_created:  # a many-to-many table: followed as its models are
            owners = [f.related_model for f in model._meta.concrete_fields if f.many_to_one]
            if not all(isinstance(o, type) and freshness.watched(o) for o in owners):
                continue
        elif not freshness.watched(owner):
            continue
        tables.add(model._meta.db_table)
    return frozenset(tables)


class _Reads:
    """Whether every query run inside `watch()` read followed tables only, writing nothing."""

    def __init__(self) -> None:
        self.pure = True
        self.paused = 0  # within a part drawn afresh or a varying value
        self.values: dict[str, Any] = {}  # the varying values the page read
        self.tables = followed_tables()

    def __call__(self, execute: Callable[..., Any], sql: str, *args: Any) -> Any:
        if (
            self.pure
            and not self.paused
            and (
                sql.lstrip()[:6].upper() != "SELECT"
                or any(t not in self.tables for t in READ_TABLE.findall(sql))
            )
        ):
            self.pure = False
        return execute(sql, *args)


@contextmanager
def watch() -> Iterator[_Reads]:
    reads = _Reads()
    with connection.execute_wrapper(reads):
        yield reads


def key(request: HttpRequest, approach: Any) -> str | None:
    """The page's key, or None when this request is never served from the cache."""
    if request.method != "GET" or request.headers.get("HX-Request"):
        return None
    session = request.session
    if MESSAGES in session:  # shown once, by a page drawn for them
        return None
    user = request.user
    shared, own = freshness.versions_of(approach)
    parts = (
        approach.pk,
        shared,
        own,
        user.pk,
        getattr(user, "display_name", ""),
        user.is_staff,
        sorted((k, repr(v)) for k, v in session.items()),
        approach.current_role,
        approach.current_scope,
        request.get_full_path(),
        timezone.localdate().isoformat(),
    )
    return "page:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def read(
    request: HttpRequest, approach: Any, page_key: str, view: Callable[[], HttpResponse]
) -> HttpResponse:
    """The kept page, or the view's answer (kept when it may be)."""
    response = served(request, approach, page_key)
    if response is not None:
        return response
    with watch() as reads:
        approach._kept_reads = reads
        try:
            response = view()
            if isinstance(response, SimpleTemplateResponse):
                response.render()  # its queries are the page's too
        finally:
            del approach._kept_reads
    keep(request, page_key, response, reads)
    return response


def served(request: HttpRequest, approach: Any, page_key: str) -> HttpResponse | None:
    """The kept page for this key, with the reader's own form token and its parts drawn
    afresh; None if not kept, or if a varying value it was drawn with has changed."""
    kept = caches["pages"].get(page_key)
    if kept is None:
        return None
    content_type, content, values = kept
    if any(_VALUES[name](approach) != value for name, value in values.items()):
        return None
    if TOKEN_MARK in content:
        content = content.replace(TOKEN_MARK, get_token(request).encode())
    if b"\x00partie:" in content:
        content = PART_MARK.sub(
            lambda m: part(request, approach, m[1].decode(), m[2].decode()).encode(), content
        )
    return HttpResponse(content, content_type=content_type)


def keep(request: HttpRequest, page_key: str, response: HttpResponse, reads: _Reads) -> None:
    """Store the page when it depends on nothing outside its key (see the module's doc)."""
    queued = getattr(getattr(request, "_messages", None), "_queued_messages", None)
    if (
        not reads.pure
        or response.status_code != 200
        or response.streaming
        or response.cookies
        or queued
        or not response.get("Content-Type", "").startswith("text/html")
        or set(response.headers) - {"Content-Type"}
    ):
        return
    content = response.content
    if TOKEN_MARK in content or b"\x00partie:" in content:
        return
    content = PART_DRAWN.sub(lambda m: b"\x00partie:%s:%s\x00" % (m[1], m[2]), content)
    secret = request.META.get("CSRF_COOKIE")
    if secret:

        def marked(match: re.Match[bytes]) -> bytes:
            token = match.group()
            return TOKEN_MARK if _unmask_cipher_token(token.decode()) == secret else token

        content = TOKEN.sub(marked, content)
    entry = (response["Content-Type"], content, reads.values)
    caches["pages"].set(page_key, entry, TIMEOUT)
