"""The démarche as contracted: briques and depth per step, shipped as data, and the menu,
journey and site map that show only the activated briques."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from ressort.analysis.depth import suggest_depth
from ressort.approaches import services
from ressort.approaches.method import MODULE_CODES, STEP_CODES
from ressort.approaches.models import Approach, Role
from ressort.approaches.offer import DEPTHS, load_offer
from ressort.governance.models import Actor
from ressort.web import nav
from tests.conftest import page_text


def test_the_offer_names_activities_deliverables_and_duration_per_step_and_depth() -> None:
    offer = load_offer()
    assert "Cerema" in offer.source and "proposition Ressort" in offer.source
    for code in STEP_CODES:
        for depth in DEPTHS:
            expected = offer.expected(code, depth)
            assert expected.activities and expected.deliverables and expected.duration
        light, deep = offer.expected(code, "leger"), offer.expected(code, "approfondi")
        assert light.days < deep.days
    assert set(offer.modules) == set(MODULE_CODES)


def test_depth_suggestion_follows_size_and_kind() -> None:
    offer = load_offer()
    assert offer.suggest("COM", 3000) == "leger"
    assert offer.suggest("COM", 50000) == "standard"
    assert offer.suggest("EPCI", 110000) == "standard"
    assert offer.suggest("DEP", 3000) == "approfondi"
    assert offer.suggest("regroupement", 200000) == "approfondi"
    assert offer.suggest("COM", None) == "standard"  # unknown population: the middle
    with pytest.raises(ValueError, match="sans seuil"):
        suggest_depth(10, [(100, "leger")])


def test_a_new_demarche_starts_at_the_suggested_depth(
    territories: dict[str, Any], make_user: Any, make_territory: Any
) -> None:
    user = make_user("cheffe@example.org")
    village = make_territory("COM", "38999", "Petit-Bourg", population=3000, department_code="38")
    commune = services.create_approach(
        name="Petit-Bourg", creator=user, role=Role.PROJECT_LEAD, territory=village, communes=[]
    )
    assert {s.depth for s in commune.steps.all()} == {"leger"}
    grouping = services.create_approach(
        name="Vienne",
        creator=user,
        role=Role.PROJECT_LEAD,
        territory=None,
        communes=[territories["vienne"]],  # 30 000 inhabitants, a grouping
        perimeter_label="Vienne",
    )
    assert {s.depth for s in grouping.steps.all()} == {"standard"}
    departement = services.create_approach(
        name="Isère",
        creator=user,
        role=Role.PROJECT_LEAD,
        territory=territories["dep"],
        communes=[],
    )
    assert {s.depth for s in departement.steps.all()} == {"approfondi"}
    assert commune.modules == [] and departement.modules == []


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def menu_of(html: str) -> str:
    start = html.index('aria-label="Menu de la démarche"')
    return html[start : html.index("</nav>", start)]


def module_pages() -> list[nav.Entry]:
    """Every brique page of the registry that takes the démarche's slug only (whatever app
    declares it)."""
    found = []
    for entry in nav.entries():
        if entry.module and entry.of_demarche:
            try:
                reverse(entry.url_name, args=["x"])
            except NoReverseMatch:  # an entry whose page needs more than the slug
                pass
            else:
                found.append(entry)
    return found


def test_menu_journey_and_site_map_show_only_active_briques(
    personas: dict[str, Any], approach: Approach
) -> None:
    approach.modules = []
    approach.save()
    client = client_for(personas["equipe"])
    gated = [e for e in nav.entries() if e.module and e.in_menu and e.of_demarche]
    assert gated, "the governance brique declares pages"
    journey = page_text(client.get(f"/demarches/{approach.slug}/parcours/"))
    menu = menu_of(journey)
    sitemap = page_text(client.get("/plan-du-site/"))
    for entry in gated:
        url = reverse(entry.url_name, args=[approach.slug])
        assert f'href="{url}"' not in menu
        assert f'href="{url}"' not in journey
        assert f'href="{url}"' not in sitemap
    assert "Aucune brique complémentaire n’est activée" in journey

    approach.modules = ["gouvernance"]
    approach.save()
    journey = page_text(client.get(f"/demarches/{approach.slug}/parcours/"))
    sitemap = page_text(client.get("/plan-du-site/"))
    for entry in gated:
        url = reverse(entry.url_name, args=[approach.slug])
        shown = entry.module == "gouvernance"
        assert (f'href="{url}"' in menu_of(journey)) is shown
        assert (f'href="{url}"' in sitemap) is shown
    assert "Gouvernance et coopération" in journey


def test_a_page_of_an_inactive_brique_says_so_and_offers_to_activate_it(
    personas: dict[str, Any], approach: Approach
) -> None:
    approach.modules = []
    approach.save()
    pages = module_pages()
    assert {e.module for e in pages} >= {"gouvernance"}
    partner, lead = client_for(personas["partenaire"]), client_for(personas["chef_projet"])
    for entry in pages:
        url = reverse(entry.url_name, args=[approach.slug])
        response = lead.get(url)
        assert response.status_code == 404, entry.url_name
        text = page_text(response)
        assert "Cette page fait partie d’une brique non activée" in text
        assert "Activer la brique" in text
        if entry.visible_to(Role.PARTNER):
            text = page_text(partner.get(url))
            assert "Activer la brique" not in text
            assert "Seul·es l’accompagnateur·rice" in text
    outsider = client_for(personas["outsider"])
    url = reverse("governance:actor_list", args=[approach.slug])
    assert "brique" not in page_text(outsider.get(url))  # an outsider learns nothing


def test_activating_then_switching_off_a_brique_keeps_its_work(
    personas: dict[str, Any], approach: Approach
) -> None:
    approach.modules = []
    approach.save()
    Actor.objects.create(approach=approach, name="Syndicat des eaux (exemple)")
    url = reverse("governance:actor_list", args=[approach.slug])
    activate = reverse("approaches:module_activate", args=[approach.slug, "gouvernance"])
    assert client_for(personas["partenaire"]).post(activate, {"suivant": url}).status_code == 403
    assert client_for(personas["outsider"]).post(activate).status_code == 404
    lead = client_for(personas["chef_projet"])
    assert (
        lead.post(reverse("approaches:module_activate", args=[approach.slug, "x"])).status_code
        == 404
    )
    response = lead.post(activate, {"suivant": "https://ailleurs.example.org/"})
    assert response["Location"] == reverse("approaches:journey", args=[approach.slug])
    response = lead.post(activate, {"suivant": url}, follow=True)
    assert response.redirect_chain[-1][0] == url
    assert "Syndicat des eaux (exemple)" in page_text(response)
    approach.refresh_from_db()
    assert approach.modules == ["gouvernance"]

    framing = f"/demarches/{approach.slug}/cadrage/"
    assert lead.post(framing, {"ambition": "A", "modules": []}).status_code == 302
    assert lead.get(url).status_code == 404
    assert Actor.objects.filter(approach=approach).count() == 1
    lead.post(framing, {"ambition": "A", "modules": ["gouvernance"]})
    assert "Syndicat des eaux (exemple)" in page_text(lead.get(url))


def test_framing_chooses_briques_and_depth_per_step_with_a_suggestion(
    personas: dict[str, Any], approach: Approach
) -> None:
    lead = client_for(personas["chef_projet"])
    framing = f"/demarches/{approach.slug}/cadrage/"
    text = page_text(lead.get(framing))
    assert (
        "Suggestion pour une intercommunalité de 1\u00a0000 habitants\u00a0: <strong>Léger" in text
    )
    data = {"ambition": "A", "modules": ["recit", "vivant"], "depth_1": "leger"}
    data |= {f"depth_{c}": "approfondi" for c in STEP_CODES if c != "1"}
    assert lead.post(framing, data).status_code == 302
    approach.refresh_from_db()
    assert approach.modules == ["recit", "vivant"]
    assert {s.code: s.depth for s in approach.steps.all()} == {
        "1": "leger",
        "2": "approfondi",
        "3A": "approfondi",
        "3B": "approfondi",
        "3C": "approfondi",
    }
    journey = page_text(lead.get(f"/demarches/{approach.slug}/parcours/"))
    assert "Profondeur\u00a0: Léger" in journey and "Profondeur\u00a0: Approfondi" in journey
    offer = load_offer()
    assert offer.expected("2", "approfondi").deliverables[0] in journey
    assert "Mise en récit" in journey and "Lecture du vivant" in journey
    response = lead.post(framing, {**data, "depth_2": "abyssal"})
    assert response.status_code == 200
    assert "depth_2" in response.context["form"].errors
    approach.refresh_from_db()
    assert approach.steps.get(code="2").depth == "approfondi"  # nothing half-saved
