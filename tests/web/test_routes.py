"""Every démarche route, opened by every kind of person, answers as the rights table says.

Generated from the URL resolver and from what each view declares through
`ressort.web.demarche_view` (its right, its methods, the models of its object ids, sample
values of its other parameters), never from a hand-kept list of URLs. On the demo démarche:
- the anonymous are sent to the login page;
- a member of another démarche only gets a 404;
- that member, on their own démarche with the demo's object ids in the URL, gets a 404 too
  (no object of one démarche is reachable through another: IDOR);
- each role gets the page if it has the declared right, an explained 403 otherwise
  (write-only routes are posted only by those who must be refused: nothing is changed),
  and an explained 403 when it posts a page's form that needs a further right (`post=`);
- a page drawn in the démarche's layout marks exactly one menu entry as current.
A route whose view declares no right fails here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from ressort.aerial.models import GeoImage
from ressort.approaches import services
from ressort.approaches.access import role_has
from ressort.approaches.demo import DEMO_ACCOUNTS, load_demo
from ressort.approaches.method import MODULE_CODES
from ressort.approaches.models import Approach, Invitation, Membership, Role
from ressort.documents.models import DocumentJob
from ressort.fieldwork.models import Hazard, Observation, Photo
from ressort.frameworks import services as grids
from ressort.frameworks.models import PriorityExercise
from ressort.monitoring.models import ExperienceReport
from ressort.portrait.models import ScoringSession
from ressort.territories.importer import import_official_territories
from ressort.territories.models import Territory
from ressort.web import nav
from ressort.web.scoped import scoped
from tests.territories.test_import import CONTOURS, DATA

# Apps whose views are still written by hand, without demarche_view. Each app leaves this
# list in the commit that moves its views to ressort.web; the list must end empty.
NOT_YET_CONVERTED: set[str] = set()


@dataclass(frozen=True)
class Route:
    view_name: str
    route: str
    callback: Any
    params: tuple[str, ...]


def demarche_routes() -> list[Route]:
    found: list[Route] = []

    def walk(patterns: list[Any], prefix: str, namespace: str) -> None:
        for p in patterns:
            route = prefix + str(p.pattern)
            if isinstance(p, URLResolver):
                walk(p.url_patterns, route, p.namespace or namespace)
            elif isinstance(p, URLPattern) and "<slug:slug>" in route:
                params = tuple(name for name in p.pattern.converters if name != "slug")  # type: ignore[attr-defined]
                found.append(Route(f"{namespace}:{p.name}", route, p.callback, params))

    walk(get_resolver().url_patterns, "", "")
    return found


def app_of(route: Route) -> str:
    return ".".join(route.callback.__module__.split(".")[:2])


def declared(route: Route) -> bool:
    return hasattr(route.callback, "demarche_right")


def test_every_demarche_route_declares_its_right() -> None:
    routes = demarche_routes()
    assert len(routes) > 150
    missing = [
        r.view_name for r in routes if not declared(r) and app_of(r) not in NOT_YET_CONVERTED
    ]
    assert missing == []
    converted = {app_of(r) for r in routes if declared(r)}
    stale = converted & {
        app for app in NOT_YET_CONVERTED if all(declared(r) for r in routes if app_of(r) == app)
    }
    assert stale == set(), "Retirez ces applications de NOT_YET_CONVERTED"
    further = [
        r
        for r in routes
        if declared(r) and r.callback.demarche_post_right != r.callback.demarche_right
    ]
    assert len(further) >= 6  # pages whose form needs more than reading (calendar, members…)


def owned_objects(route: Route) -> list[type]:
    """The models of the route's object ids that belong to one démarche (not a library that
    every démarche reads, marked `demarche_shared`)."""
    return [
        model
        for name, model in route.callback.demarche_objects.items()
        if name in route.params
        and isinstance(model, type)
        and not getattr(model, "demarche_shared", False)
    ]


def url_params(route: Route, approach: Approach) -> dict[str, Any] | str:
    """The URL parameters for `route` on `approach`, or why none could be found."""
    objects = route.callback.demarche_objects
    samples = route.callback.demarche_samples
    values: dict[str, Any] = {}
    resolved: dict[str, Any] = {}
    for name in route.params:
        spec = objects.get(name)
        if isinstance(spec, type):
            obj = scoped(spec, approach).order_by("pk").first()
            if obj is None:
                return f"aucun objet {spec.__name__} dans la démo pour « {name} »"
            resolved[name] = obj
            values[name] = obj.pk
        elif samples.get(name):
            values[name] = samples[name][0]
        elif spec is None:
            return f"paramètre « {name} » sans modèle (objects=) ni exemple (samples=)"
    for name in route.params:  # "pk.observation_id": an attribute of another parameter's object
        spec = objects.get(name)
        if isinstance(spec, str):
            source, _, attribute = spec.partition(".")
            values[name] = getattr(resolved[source], attribute)
    return values


@pytest.fixture
def world(db: Any, settings: Any, tmp_path: Any) -> dict[str, Any]:
    import_official_territories(DATA, CONTOURS)
    settings.STORAGES = {  # the demo's library files and the photo go to a temporary folder
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
    }
    demo, _ = load_demo()
    demo.modules = list(MODULE_CODES)  # every brique's pages are open (see test_modules.py)
    demo.save(update_fields=["modules"])
    users = get_user_model().objects
    outsider = users.create_user(email="ailleurs@example.org", password="x-ailleurs-42")
    other = services.create_approach(
        name="Autre démarche",
        creator=outsider,
        role=Role.PROJECT_LEAD,
        territory=None,
        communes=[Territory.objects.filter(type="COM").order_by("code").first()],
        perimeter_label="Ailleurs",
    )
    members = {a.role: users.get(email=a.email) for a in DEMO_ACCOUNTS}
    scoped_partner = users.create_user(email="strategie@example.org", password="x-strat-42")
    Membership.objects.create(approach=demo, user=scoped_partner, role=Role.PARTNER, scope=SCOPE)
    # What the demo does not hold but some routes act on.
    Invitation.objects.create(approach=demo, email="invitee@example.org", role=Role.PARTNER)
    DocumentJob.objects.create(
        approach=demo,
        kind="strategie",
        format="pdf",
        mime="application/pdf",
        filename="strategie.pdf",
        state=DocumentJob.State.DONE,
        content=b"%PDF-1.4",
    )
    ExperienceReport.objects.create(
        title="Cas publié par la démo",
        territory_name=demo.perimeter_name,
        size_class="bourg",
        summary="Une action de la démo publiée dans la bibliothèque.",
        published_by=demo,
        created_by=members[Role.PROJECT_LEAD],
    )
    if grids.shipped_current("boussole") is None:
        grids.load_shipped()
    boussole = grids.shipped_current("boussole")
    grids.create_grid(  # grilles/grille-boussole/ (frameworks.approach_views.GRID)
        demo, members[Role.PROJECT_LEAD], "Grille de la démo", boussole
    )
    PriorityExercise.objects.create(approach=demo, version=boussole, title="Tri des principes")
    ScoringSession.objects.create(approach=demo, title="Séance de la démo", version=boussole)
    Hazard.objects.create(approach=demo, code="alea-demo", label="Aléa propre à la démo")
    photo = Photo(observation=Observation.objects.filter(approach=demo).first())
    photo.image.save("photo.jpg", ContentFile(b"\xff\xd8\xff\xd9"))
    image = GeoImage(  # photo-interpretation: an image of the team
        approach=demo,
        title="Image de l'équipe",
        source_epsg=2154,
        west=5.1,
        south=45.5,
        east=5.2,
        north=45.6,
    )
    image.image.save("x.png", ContentFile(b"\x89PNG"))
    return {
        "demo": demo,
        "other": other,
        "outsider": outsider,
        "members": members,
        "scoped_partner": scoped_partner,
    }


def client_for(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


SCOPE = ["3B"]  # the strategy and the actions


def menu_of(html: str) -> str:
    start = html.index('aria-label="Menu de la démarche"')
    return html[start : html.index("</nav>", start)]


def current_entries(html: str) -> int | None:
    marker = 'aria-label="Menu de la démarche"'
    if marker not in html:
        return None
    start = html.index(marker)
    return html[start : html.index("</nav>", start)].count('aria-current="page"')


def test_every_demarche_route_answers_every_person_as_the_rights_table_says(
    world: dict[str, Any],
) -> None:
    demo, other = world["demo"], world["other"]
    clients = {role: client_for(user) for role, user in world["members"].items()}
    outsider = client_for(world["outsider"])
    scoped_partner = client_for(world["scoped_partner"])
    anonymous = client_for(None)
    faults: list[str] = []
    checked = 0
    for route in demarche_routes():
        if not declared(route):
            continue  # reported by test_every_demarche_route_declares_its_right
        right = route.callback.demarche_right
        methods = route.callback.demarche_methods
        params = url_params(route, demo)
        if isinstance(params, str):
            faults.append(f"{route.view_name} : {params}")
            continue
        url = reverse(route.view_name, kwargs={"slug": demo.slug, **params})
        foreign = reverse(route.view_name, kwargs={"slug": other.slug, **params})
        method = "get" if "GET" in methods else methods[0].lower()  # POST, PATCH, DELETE

        def expect(
            client: Client, target: str, verb: str, wanted: str, who: str, route: Route = route
        ) -> Any:
            response = getattr(client, verb)(target)
            if response.streaming:  # a file served (a photo): read to its end, which closes it
                b"".join(response.streaming_content)
            # Never response.close() again: it would send request_finished with Django's
            # close_old_connections connected, which closes the connection inside the test's
            # transaction (harmless on in-memory SQLite, fatal on PostgreSQL).
            status = response.status_code
            ok = {
                "ok": status < 400,
                "403": status == 403,
                "404": status == 404,
                "login": status == 302 and "/compte/" in response.get("Location", ""),
            }[wanted]
            if not ok:
                faults.append(
                    f"{route.view_name} {verb.upper()} {who} : {status}, attendu {wanted}"
                )
            return response

        expect(anonymous, url, method, "login", "anonyme")
        expect(outsider, url, method, "404", "membre d'une autre démarche")
        if owned_objects(route):
            expect(
                outsider, foreign, method, "404", "autre démarche avec les identifiants de la démo"
            )
        # A partner limited to the strategy (« Agir »): 404 outside it, the home excepted.
        if not nav.open_view(route.view_name, SCOPE):
            expect(scoped_partner, url, method, "404", "partenaire limité à « Agir »")
        elif method == "get":
            wanted = "ok" if role_has(Role.PARTNER, right) else "403"
            response = expect(scoped_partner, url, "get", wanted, "partenaire limité à « Agir »")
            page = response.get("Content-Type", "").startswith("text/html")  # not a logo
            if (
                response.status_code == 200
                and page
                and "Menu de la démarche" in response.content.decode()
            ):
                menu = menu_of(response.content.decode())
                for entry in nav.entries():
                    if entry.of_demarche and entry.in_menu and not entry.open_to(SCOPE):
                        href = f'href="{reverse(entry.url_name, args=[demo.slug])}"'
                        if href in menu:
                            faults.append(f"{route.view_name} : menu limité montre {entry.label}")
        elif not role_has(Role.PARTNER, right):
            expect(scoped_partner, url, method, "403", "partenaire limité à « Agir »")
        for role, client in clients.items():
            allowed = role_has(role, right)
            if method == "get":
                response = expect(client, url, "get", "ok" if allowed else "403", Role(role).label)
                html = response.get("Content-Type", "").startswith("text/html")
                if allowed and response.status_code == 200 and html:
                    count = current_entries(response.content.decode())
                    if count not in (None, 1):
                        faults.append(f"{route.view_name} : {count} entrées de menu actives")
            elif not allowed:
                expect(client, url, method, "403", Role(role).label)
            posting = route.callback.demarche_post_right  # a form only some readers may send
            if allowed and posting != right and not role_has(role, posting):
                expect(client, url, "post", "403", f"{Role(role).label}, envoi du formulaire")
        checked += 1
    assert faults == [], "\n".join(faults)
    assert checked == sum(1 for r in demarche_routes() if declared(r))


def test_partners_comment_through_every_route_that_asks_only_the_comment_right(
    world: dict[str, Any],
) -> None:
    """The COMMENT right is used (issue 18): routes that need it only, partners included,
    and a partner limited to the strategy comments there too; nothing needing more opens."""
    from ressort.approaches.access import Right
    from ressort.strategy.models import Comment

    demo = world["demo"]
    routes = [
        r for r in demarche_routes() if declared(r) and r.callback.demarche_right == Right.COMMENT
    ]
    assert len(routes) >= 3, [r.view_name for r in routes]
    assert role_has(Role.PARTNER, Right.COMMENT) and not role_has(Role.PARTNER, Right.CONTRIBUTE)
    partner = client_for(world["members"][Role.PARTNER])
    limited = client_for(world["scoped_partner"])
    before = Comment.objects.filter(approach=demo).count()
    adding = [r for r in routes if "delete" not in r.view_name]
    for route in adding:
        params = url_params(route, demo)
        assert isinstance(params, dict), params
        url = reverse(route.view_name, kwargs={"slug": demo.slug, **params})
        for client in (partner, limited):
            response = client.post(url, {"text": "Remarque du partenaire."})
            assert response.status_code == 302, (route.view_name, response.status_code)
    assert Comment.objects.filter(approach=demo).count() == before + 2 * len(adding)
