"""The navigation registry, the démarche menu drawn from it, and the French error pages."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from ressort.approaches.models import Approach
from ressort.web import nav
from tests.conftest import PASSWORD, page_text


def demarche_view_names() -> list[str]:
    """Namespaced names of every route under demarches/<slug:slug>/."""
    names: list[str] = []

    def walk(patterns: list[Any], prefix: str, namespace: str) -> None:
        for p in patterns:
            route = prefix + str(p.pattern)
            if isinstance(p, URLResolver):
                walk(p.url_patterns, route, p.namespace or namespace)
            elif isinstance(p, URLPattern) and p.name and "<slug:slug>" in route:
                names.append(f"{namespace}:{p.name}")

    walk(get_resolver().url_patterns, "", "")
    return names


def test_every_demarche_route_belongs_to_one_menu_entry() -> None:
    names = demarche_view_names()
    assert len(names) > 150
    claims = {name: [e.url_name for e in nav.entries_for(name)] for name in names}
    assert {n: c for n, c in claims.items() if len(c) != 1} == {}


def test_every_entry_claims_a_route() -> None:
    names = demarche_view_names()
    stale = [e.url_name for e in nav.entries() if e.of_demarche and e.url_name not in names]
    assert stale == []


def test_menu_marks_one_current_entry_and_hides_what_the_role_may_not_open(
    client: Any, personas: dict[str, Any], approach: Approach
) -> None:
    client.force_login(personas["partenaire"])
    page = page_text(client.get(f"/demarches/{approach.slug}/gouvernance/"))
    start = page.index('aria-label="Menu de la démarche"')
    menu = page[start : page.index("</nav>", start)]
    assert menu.count('aria-current="page"') == 1
    assert 'aria-current="page" href="/demarches/' + approach.slug + '/gouvernance/"' in menu
    assert "Nom et périmètre" not in menu
    assert "Se projeter" in menu and "Suivre" in menu  # phases named in words
    client.force_login(personas["chef_projet"])
    page = page_text(client.get(f"/demarches/{approach.slug}/gouvernance/"))
    assert "Nom et périmètre" in page


def test_journey_lists_the_pages_of_each_step_from_the_registry(
    client: Any, personas: dict[str, Any], approach: Approach
) -> None:
    client.force_login(personas["equipe"])
    page = page_text(client.get(f"/demarches/{approach.slug}/parcours/"))
    for entry in nav.entries():
        step = nav.PHASE_BY_CODE[entry.phase].step
        if step and entry.in_menu and entry.on_journey and entry.of_demarche:
            assert entry.label in page


def test_refused_page_says_which_roles_may_and_whom_to_ask(
    client: Any, personas: dict[str, Any], approach: Approach
) -> None:
    client.force_login(personas["partenaire"])
    response = client.get(f"/demarches/{approach.slug}/parametres/")
    assert response.status_code == 403
    text = page_text(response)
    assert "Vous n’avez pas le droit de faire cela" in text
    assert "Votre rôle (Partenaire) ne permet pas de modifier le cadrage." in text
    assert "Accompagnateur·rice, Chef·fe de projet" in text
    assert "Fanny Facil" in text  # the facilitator who created the démarche
    assert f'href="/demarches/{approach.slug}/"' in text
    assert "Forbidden" not in text


def test_unknown_and_foreign_pages_are_french_404s(
    client: Any, personas: dict[str, Any], approach: Approach
) -> None:
    client.force_login(personas["outsider"])
    for url in ("/nulle-part/", f"/demarches/{approach.slug}/"):
        response = client.get(url)
        assert response.status_code == 404
        text = page_text(response)
        assert "Cette page n’existe pas" in text and "Not Found" not in text


def test_server_error_page_renders_without_context() -> None:
    from django.test import RequestFactory

    from ressort.web.errors import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Une erreur est survenue de notre côté" in response.content.decode()


def test_anonymous_goes_to_login(client: Any, approach: Approach) -> None:
    response = client.get(f"/demarches/{approach.slug}/gouvernance/")
    assert response.status_code == 302 and "/compte/" in response["Location"]


def test_login_with_password_fixture(client: Any, personas: dict[str, Any]) -> None:
    assert client.login(email=personas["equipe"].email, password=PASSWORD)
