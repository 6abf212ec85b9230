"""The watch's feeds: RSS and Atom fetched over HTTP(S) when the instance is online, parsed
by feedparser, their new articles stored. A failure (no network, timeout, not a feed) is
recorded on the feed in French and keeps the articles already there.

The server fetches an address a member typed: only http and https, to a public address
(never the instance's own network: loopback, private, link-local), with a timeout and a size
cap.
"""

from __future__ import annotations

import http.client
import io
import ipaddress
import re
import socket
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from html import unescape
from typing import Any
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone

from ressort.library.models import Feed, FeedItem

TIMEOUT_SECONDS = 15
MAX_FEED_BYTES = 3 * 1024 * 1024
MAX_ITEMS = 200  # per fetch: the most recent ones
USER_AGENT = "Ressort-veille/1.0 (+https://ressort.example)"

Opener = Callable[..., Any]


class FeedError(Exception):
    """What could not be fetched or read, in French."""


@dataclass(frozen=True, slots=True)
class Item:
    guid: str
    title: str
    link: str
    summary: str
    published: datetime | None


NAT64 = ipaddress.ip_network("64:ff9b::/96")  # RFC 6052: an IPv4 address inside IPv6


def is_public(text: str) -> bool:
    """A global address, and for IPv6 one that does not carry an internal IPv4 address
    (mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, 6to4 2002::/16, NAT64 64:ff9b::/96), which
    `is_global` alone lets through."""
    address = ipaddress.ip_address(text.split("%", 1)[0])
    if not address.is_global:
        return False
    if isinstance(address, ipaddress.IPv6Address):
        embedded = [address.ipv4_mapped, address.sixtofour]
        if address in NAT64 or int(address) >> 32 == 0:
            embedded.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
        if address.teredo:
            embedded.extend(address.teredo)
        return all(v4.is_global for v4 in embedded if v4 is not None)
    return True


def _check_address(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FeedError(f"«\u00a0{url}\u00a0» n'est pas une adresse http ou https.")
    _public_addresses(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)


def _public_addresses(host: str, port: int, **hints: Any) -> list[Any]:
    """Every address `host` resolves to, when all of them are public; a FeedError otherwise."""
    try:
        infos = socket.getaddrinfo(host, port, **hints)
    except (socket.gaierror, UnicodeError) as error:
        raise FeedError(
            f"Le serveur «\u00a0{host}\u00a0» est introuvable (pas de réseau ou nom inconnu)."
        ) from error
    if not all(is_public(info[4][0]) for info in infos):
        raise FeedError(
            f"« {host} » désigne une adresse interne : Ressort ne relève que des flux publics."
        )
    return infos


def _public_connection(
    address: tuple[str, int], timeout: Any = None, source_address: Any = None
) -> socket.socket:
    """The socket http.client connects with: the name is resolved once more here and every
    answer checked, then the connection goes to the checked address itself, so that a name
    answering a public address to `_check_address` and an internal one a moment later (DNS
    rebinding) never reaches the instance's own network."""
    host, port = address
    infos = _public_addresses(host, port, type=socket.SOCK_STREAM)
    last: OSError | None = None
    for family, kind, proto, _name, sockaddr in infos:
        sock = socket.socket(family, kind, proto)
        try:
            if timeout is not socket._GLOBAL_DEFAULT_TIMEOUT:  # type: ignore[attr-defined]
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
            return sock
        except OSError as error:
            sock.close()
            last = error
    raise last or OSError(f"{host}\u00a0: aucune adresse")


class _PublicHTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = _public_connection


class _PublicHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = _public_connection


def _through_proxy(req: Any) -> bool:
    """An operator's proxy (environment) is trusted: it, not us, connects to the feed."""
    return bool(req.has_proxy() or getattr(req, "_tunnel_host", None))


class PublicHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req: Any) -> Any:
        if _through_proxy(req):
            return super().http_open(req)
        return self.do_open(_PublicHTTPConnection, req)


class PublicHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req: Any) -> Any:
        if _through_proxy(req):
            return super().https_open(req)
        return self.do_open(
            _PublicHTTPSConnection,
            req,
            context=self._context,  # type: ignore[attr-defined]
        )


class CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """A redirection is followed only to a public http or https address, checked like the first."""

    def redirect_request(
        self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> Any:
        _check_address(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, *, opener: Opener | None = None, timeout: float = TIMEOUT_SECONDS) -> bytes:
    """The feed's bytes, or FeedError. `opener` is urllib's urlopen (the tests give theirs:
    no test touches the network)."""
    if opener is None:
        _check_address(url)
        opener = urllib.request.build_opener(
            PublicHTTPHandler(), PublicHTTPSHandler(), CheckedRedirects()
        ).open
    request = urllib.request.Request(  # noqa: S310 — scheme checked above
        url, headers={"User-Agent": USER_AGENT, "Accept": "application/rss+xml, */*"}
    )
    try:
        with opener(request, timeout=timeout) as response:
            data: bytes = response.read(MAX_FEED_BYTES + 1)
    except TimeoutError as error:
        raise FeedError(f"Le flux n'a pas répondu en {timeout:g} secondes.") from error
    except urllib.error.HTTPError as error:
        raise FeedError(f"Le serveur du flux a répondu par une erreur {error.code}.") from error
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise FeedError(f"Le flux n'a pas répondu en {timeout:g} secondes.") from error
        raise FeedError(
            "Le flux n'a pas pu être joint (pas de réseau ou serveur absent)."
        ) from error
    if len(data) > MAX_FEED_BYTES:
        raise FeedError(f"Le flux dépasse {MAX_FEED_BYTES // (1024 * 1024)} Mo : il est ignoré.")
    return data


_TAGS = re.compile(r"<[^>]+>")


def _plain(html: str, limit: int) -> str:
    return re.sub(r"\s+", " ", unescape(_TAGS.sub(" ", html or ""))).strip()[:limit]


def _date(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            try:
                return datetime(*value[:6], tzinfo=UTC)
            except (TypeError, ValueError):
                continue
    return None


def parse(data: bytes) -> tuple[str, list[Item]]:
    """(feed title, items) of an RSS or Atom document, or FeedError when it is not one."""
    import feedparser

    parsed = feedparser.parse(io.BytesIO(data))
    version = parsed.get("version", "")
    if not version and not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = f" ({type(problem).__name__})" if problem else ""
        raise FeedError(f"Le document reçu n'est pas un flux RSS ou Atom lisible{detail}.")
    items = []
    for entry in parsed.entries[:MAX_ITEMS]:
        link = str(entry.get("link", ""))[:1000]
        if not link.startswith(("http://", "https://")):
            link = ""
        title = _plain(str(entry.get("title", "")), 500) or "(sans titre)"
        guid = str(entry.get("id") or link or title)[:500]
        summary = _plain(str(entry.get("summary", "")), 4000)
        items.append(Item(guid, title, link, summary, _date(entry)))
    return _plain(str(parsed.feed.get("title", "")), 200), items


def refresh(feed: Feed, *, opener: Opener | None = None) -> int:
    """Fetch and store the feed's new articles; the number of new ones. A failure is recorded
    on the feed (FeedError is not raised): the articles already stored stay."""
    now = timezone.now()
    try:
        _title, items = parse(fetch(feed.url, opener=opener))
    except FeedError as error:
        Feed.objects.filter(pk=feed.pk).update(fetched_at=now, status=str(error), failed=True)
        feed.refresh_from_db()
        return 0
    with transaction.atomic():
        known = set(feed.items.values_list("guid", flat=True))
        new = [
            FeedItem(
                feed=feed,
                guid=item.guid,
                title=item.title,
                link=item.link,
                summary=item.summary,
                published=item.published,
            )
            for item in {i.guid: i for i in items}.values()
            if item.guid not in known
        ]
        FeedItem.objects.bulk_create(new)
        if not items:
            status = "Le flux est vide pour l'instant."
        else:
            plural = "s" if len(items) > 1 else ""
            status = (
                f"{len(items)} article{plural} lu{plural}, "
                f"dont {len(new)} nouveau{'x' if len(new) > 1 else ''}."
            )
        Feed.objects.filter(pk=feed.pk).update(fetched_at=now, status=status, failed=False)
    feed.refresh_from_db()
    return len(new)


def refresh_all(*, opener: Opener | None = None) -> dict[int, int]:
    """Every active feed of every démarche: {feed id: new articles}."""
    return {
        feed.pk: refresh(feed, opener=opener)
        for feed in Feed.objects.filter(active=True).order_by("pk")
    }
