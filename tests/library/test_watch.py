"""The watch: feeds parsed by real code on shipped files (normal, empty, malformed, timeout),
the register of weak signals and what a signal becomes."""

from __future__ import annotations

import urllib.error
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ressort.actions.models import Idea
from ressort.approaches.models import Approach
from ressort.background import periodic
from ressort.fieldwork.models import Hazard
from ressort.library import feeds, services, tasks
from ressort.library.models import Feed, FeedItem, Signal
from ressort.systems.models import Variable
from tests.conftest import page_text

pytestmark = pytest.mark.django_db

FEEDS = Path(__file__).resolve().parent.parent / "data" / "library" / "feeds"


class Answer:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def __enter__(self) -> Answer:
        return self

    def __exit__(self, *exc: Any) -> None:
        return None

    def read(self, size: int = -1) -> bytes:
        return self.data if size < 0 else self.data[:size]


def serving(name: str) -> Any:
    """An opener answering the shipped file `name` (no network in the tests)."""
    data = (FEEDS / name).read_bytes()

    def opener(request: Any, timeout: float) -> Answer:
        assert request.full_url.startswith("https://") and timeout > 0
        return Answer(data)

    return opener


def failing(error: BaseException) -> Any:
    def opener(request: Any, timeout: float) -> Answer:
        raise error

    return opener


@pytest.fixture
def feed(approach: Approach) -> Feed:
    return Feed.objects.create(
        approach=approach, title="Veille", url="https://veille.example.org/rss"
    )


def test_a_normal_rss_feed_stores_its_articles_once(feed: Feed) -> None:
    assert feeds.refresh(feed, opener=serving("normal-rss.xml")) == 3
    assert feeds.refresh(feed, opener=serving("normal-rss.xml")) == 0  # nothing new
    assert feed.items.count() == 3 and not feed.failed
    assert feed.status == "3 articles lus, dont 0 nouveau."
    study = feed.items.get(guid="https://veille.example.org/etude-nappes")
    assert study.summary == "Une étude régionale montre une baisse des nappes."  # tags removed
    assert study.published.isoformat() == "2026-11-24T07:00:00+00:00"
    assert feed.items.get(title="Lien dangereux").link == ""  # javascript: never kept


def test_an_atom_feed_is_read_too(feed: Feed) -> None:
    feeds.refresh(feed, opener=serving("normal-atom.xml"))
    item = feed.items.get()
    assert item.title == "Vague de chaleur précoce attendue"
    assert item.link == "https://observatoire.example.org/chaleur"


def test_an_empty_feed_says_so(feed: Feed) -> None:
    assert feeds.refresh(feed, opener=serving("empty.xml")) == 0
    assert feed.status == "Le flux est vide pour l'instant." and not feed.failed


def test_a_malformed_feed_is_reported_in_french_and_keeps_the_articles(feed: Feed) -> None:
    feeds.refresh(feed, opener=serving("normal-rss.xml"))
    assert feeds.refresh(feed, opener=serving("malformed.xml")) == 0
    assert feed.failed and "n'est pas un flux RSS ou Atom lisible" in feed.status
    assert feed.items.count() == 3


@pytest.mark.parametrize(
    "error",
    [TimeoutError("timed out"), TimeoutError(), urllib.error.URLError(TimeoutError())],
)
def test_a_timeout_is_reported_and_keeps_the_articles(feed: Feed, error: Exception) -> None:
    feeds.refresh(feed, opener=serving("normal-rss.xml"))
    feeds.refresh(feed, opener=failing(error))
    assert feed.failed and feed.status == "Le flux n'a pas répondu en 15 secondes."
    assert feed.items.count() == 3


def test_no_network_and_server_errors_are_reported(feed: Feed) -> None:
    feeds.refresh(feed, opener=failing(urllib.error.URLError("Name or service not known")))
    assert "n'a pas pu être joint" in feed.status
    error = urllib.error.HTTPError(feed.url, 503, "Unavailable", {}, None)  # type: ignore[arg-type]
    feeds.refresh(feed, opener=failing(error))
    assert feed.status == "Le serveur du flux a répondu par une erreur 503."


def test_internal_addresses_and_other_schemes_are_never_fetched(feed: Feed) -> None:
    for url in ("http://127.0.0.1/flux", "http://10.0.0.5/rss", "file:///etc/passwd"):
        with pytest.raises(feeds.FeedError):
            feeds.fetch(url)
    # A public feed redirecting to the instance's own network is not followed.
    import urllib.request

    request = urllib.request.Request("https://93.184.215.14/rss")
    with pytest.raises(feeds.FeedError, match="adresse interne"):
        feeds.CheckedRedirects().redirect_request(
            request, None, 302, "Found", {}, "http://169.254.169.254/latest/meta-data/"
        )


def test_the_schedule_refreshes_every_active_feed_through_the_queue(
    feed: Feed, approach: Approach, settings: Any, monkeypatch: Any
) -> None:
    Feed.objects.create(
        approach=approach, title="Suspendu", url="https://x.example.org/", active=False
    )
    monkeypatch.setattr(
        feeds, "fetch", lambda url, opener=None: (FEEDS / "normal-atom.xml").read_bytes()
    )
    assert tasks.refresh_feeds.call(slot="2026-12-01T12:30:00+01:00") == {str(feed.pk): 1}
    assert FeedItem.objects.count() == 1
    assert "veille" in [p.name for p, _ in periodic.schedules()]
    settings.RESSORT_WATCH_SCHEDULE = "non"
    assert "veille" not in [p.name for p, _ in periodic.schedules()]


# --- Signals ------------------------------------------------------------------------------------


def signal(approach: Approach, **fields: Any) -> Signal:
    fields.setdefault("noticed_on", date(2026, 6, 1))
    return Signal.objects.create(approach=approach, kind=Signal.Kind.STUDY, **fields)


def test_a_signal_becomes_a_hazard_a_variable_and_an_idea_with_its_origin(
    approach: Approach, client_as: Any
) -> None:
    s = signal(approach, title="Moustique tigre", meaning="Maladies vectorielles", noticed_by="Ana")
    client = client_as("facilitateur")
    base = f"/demarches/{approach.slug}/veille/signaux/{s.pk}/devient/"
    for into in ("alea", "variable", "idee"):
        assert client.post(base + into + "/").status_code == 302
    s.refresh_from_db()
    hazard = Hazard.objects.get(approach=approach, label="Moustique tigre")
    assert (
        s.became_hazard == hazard
        and "Signal de veille «\u00a0Moustique tigre\u00a0»" in hazard.description
    )
    assert s.became_variable == Variable.objects.get(approach=approach, name="Moustique tigre")
    idea = Idea.objects.get(approach=approach)
    assert s.became_idea == idea and idea.proposer == "Ana"
    assert idea.source_label == "Signal de veille «\u00a0Moustique tigre\u00a0» du 01/06/2026"
    client.post(base + "alea/")  # twice: still one hazard
    assert Hazard.objects.filter(approach=approach, label="Moustique tigre").count() == 1
    page = page_text(client.get(f"/demarches/{approach.slug}/veille/"))
    assert "l’aléa «\u00a0Moustique tigre\u00a0»" in page


def test_signal_form_and_rights(
    approach: Approach, client_as: Any, personas: dict[str, Any]
) -> None:
    client = client_as("equipe")
    response = client.post(
        f"/demarches/{approach.slug}/veille/signaux/ajouter/",
        {
            "title": "Fermeture d'une maternité voisine",
            "kind": "actualite",
            "noticed_on": "2026-11-02",
            "noticed_by": "Équipe",
            "dimensions": ["health"],
            "hazards": [Hazard.objects.filter(approach=None).first().pk]
            if Hazard.objects.filter(approach=None).exists()
            else [],
        },
    )
    assert response.status_code == 302
    s = Signal.objects.get(approach=approach)
    assert s.dimensions == ["health"]
    outsider = client_as("outsider")
    other = personas["other_approach"]
    assert outsider.get(f"/demarches/{approach.slug}/veille/").status_code == 404
    assert (
        outsider.post(f"/demarches/{other.slug}/veille/signaux/{s.pk}/devient/idee/").status_code
        == 404
    )
    partner = client_as("partenaire")
    assert partner.get(f"/demarches/{approach.slug}/veille/").status_code == 200
    assert (
        partner.post(f"/demarches/{approach.slug}/veille/signaux/{s.pk}/devient/idee/").status_code
        == 403
    )


def test_an_article_is_noted_as_a_signal(approach: Approach, feed: Feed, client_as: Any) -> None:
    feeds.refresh(feed, opener=serving("normal-rss.xml"))
    item = feed.items.get(guid="urn:exemple:decret-eau")
    client = client_as("facilitateur")
    page = page_text(client.get(f"/demarches/{approach.slug}/veille/flux/"))
    assert "Décret : nouvelles règles de restriction d'eau" in page
    client.post(f"/demarches/{approach.slug}/veille/articles/{item.pk}/noter/")
    s = Signal.objects.get(approach=approach)
    assert s.feed_item == item and s.url == "https://veille.example.org/decret-eau"
    assert s.kind == Signal.Kind.NEWS


def test_the_demo_has_its_library_citations_and_signals(approach: Approach) -> None:
    from ressort.library import demo
    from ressort.library.models import Citation, Document

    demo.build(approach)
    files = Document.objects.filter(approach=approach).exclude(file="")
    assert files.count() == 6
    assert {d.original_name.rsplit(".", 1)[1] for d in files} == {
        "pdf",
        "docx",
        "odt",
        "xlsx",
        "png",
    }
    assert (
        Citation.objects.filter(passage__document__approach=approach)
        .values("passage")
        .distinct()
        .count()
        == 2
    )
    converted = Signal.objects.filter(approach=approach).exclude(
        became_hazard=None, became_idea=None
    )
    assert converted.count() == 2
    assert services.citations_on(approach, "water")


def test_a_name_that_resolves_again_to_an_internal_address_is_not_fetched(
    monkeypatch: Any,
) -> None:
    """DNS rebinding: the name answers a public address when checked, then the instance's own
    address when urllib connects. The connection must go to the address that was checked (or
    be refused), never to a second, unchecked answer."""
    import http.server
    import socket
    import threading

    class Local(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = (FEEDS / "normal-rss.xml").read_bytes()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            return None

    server = http.server.HTTPServer(("127.0.0.1", 0), Local)
    port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    real = socket.getaddrinfo
    answers = iter(["93.184.215.14"])  # the first answer only is public

    def rebinding(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host != "rebind.example":
            return real(host, *args, **kwargs)
        address = next(answers, "127.0.0.1")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    try:
        with pytest.raises(feeds.FeedError, match="adresse interne"):
            feeds.fetch(f"http://rebind.example:{port}/flux", timeout=5)
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    "address", ["64:ff9b::7f00:1", "::127.0.0.1", "2002:a00:5::", "::ffff:169.254.169.254"]
)
def test_an_ipv6_address_carrying_an_internal_ipv4_one_is_internal(
    address: str, monkeypatch: Any
) -> None:
    import socket

    answer = [(socket.AF_INET6, socket.SOCK_STREAM, 6, "", (address, 443, 0, 0))]
    monkeypatch.setattr(socket, "getaddrinfo", lambda *args, **kwargs: answer)
    with pytest.raises(feeds.FeedError, match="adresse interne"):
        feeds._check_address("https://flux.example/rss")
    assert feeds.is_public("2001:4860:4860::8888")
