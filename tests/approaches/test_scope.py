"""A partner's access limited to chosen parts of the démarche (Membership.scope): 404
elsewhere, the home excepted; the menu, journey and site map show only those parts. The
route-wide rights test (tests/web/test_routes.py) checks every route the same way."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from ressort.approaches.models import Approach, Membership, Role
from tests.conftest import page_text


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_lead_limits_a_partner_to_the_strategy(
    personas: dict[str, Any], approach: Approach
) -> None:
    partner = Membership.objects.get(approach=approach, user=personas["partenaire"])
    url = reverse("approaches:member_scope", args=[approach.slug, partner.pk])
    assert client_for(personas["outsider"]).post(url, {"parts": ["3B"]}).status_code == 404
    assert client_for(personas["equipe"]).post(url, {"parts": ["3B"]}).status_code == 403
    lead = client_for(personas["chef_projet"])
    lead.post(url, {"parts": ["astrologie"]})
    partner.refresh_from_db()
    assert partner.scope == []
    lead.post(url, {"parts": ["3B"]})
    partner.refresh_from_db()
    assert partner.scope == ["3B"]
    members = page_text(lead.get(reverse("approaches:members", args=[approach.slug])))
    assert "Accès limité à 1 partie" in members
    team = Membership.objects.get(approach=approach, user=personas["equipe"])
    response = lead.post(
        reverse("approaches:member_scope", args=[approach.slug, team.pk]), {"parts": ["3B"]}
    )
    team.refresh_from_db()
    assert team.scope == [] and response.status_code == 302

    client = client_for(personas["partenaire"])
    strategy = client.get(reverse("strategy:overview", args=[approach.slug]))
    assert strategy.status_code == 200
    text = page_text(strategy)
    start = text.index('aria-label="Menu de la démarche"')
    menu = text[start : text.index("</nav>", start)]
    assert "Plan d'actions" in menu or "Stratégie" in menu
    assert "Indicateurs" not in menu and "Gouvernance" not in menu
    assert client.get(reverse("portrait:indicators", args=[approach.slug])).status_code == 404
    assert client.get(reverse("approaches:journey", args=[approach.slug])).status_code == 404
    # A page the role may not open, outside the parts: a 404 too, not an explained 403.
    assert client.get(reverse("approaches:settings", args=[approach.slug])).status_code == 404
    assert client.get(reverse("approaches:detail", args=[approach.slug])).status_code == 200
    sitemap = page_text(client.get("/plan-du-site/"))
    assert reverse("strategy:overview", args=[approach.slug]) in sitemap
    assert reverse("portrait:indicators", args=[approach.slug]) not in sitemap

    # Another role clears the limit.
    lead.post(
        reverse("approaches:member_role", args=[approach.slug, partner.pk]),
        {"role": Role.TEAM_MEMBER},
    )
    partner.refresh_from_db()
    assert partner.scope == []
    assert client.get(reverse("portrait:indicators", args=[approach.slug])).status_code == 200
