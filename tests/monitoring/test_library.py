"""The experience library: search by theme, dimension, size and region; authoring rights."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from ressort.approaches.models import Approach
from ressort.monitoring import library
from ressort.monitoring.models import ExperienceReport
from ressort.territories.models import Territory
from tests.conftest import page_text

pytestmark = pytest.mark.django_db


def report(title: str, **fields: Any) -> ExperienceReport:
    themes = fields.pop("themes", [])
    dimensions = fields.pop("dimensions", [])
    fields.setdefault("territory_name", "Quelque part")
    fields.setdefault("size_class", "bourg")
    fields.setdefault("summary", "Résumé.")
    r = ExperienceReport.objects.create(title=title, **fields)
    library.set_tags(r, themes, dimensions)
    return r


def test_search_by_theme_dimension_size_region_and_words(
    approach: Approach,
    client_for: Callable[[str], Client],
    territories: dict[str, Territory],
    frameworks: None,
) -> None:
    aura = territories["reg"]
    report("Cantines bio", themes=["alimentation"], dimensions=["food"], region=aura)
    report("Bus gratuits", themes=["mobilite"], size_class="ville", summary="Réseau gratuit")
    report("Rivière propre", themes=["eau", "biodiversite"], dimensions=["water"], region=aura)
    client = client_for("partenaire")
    url = reverse("monitoring:experience_list", args=[approach.slug])

    def titles(**params: str) -> list[str]:
        text = page_text(client.get(url, params))
        return [t for t in ("Cantines bio", "Bus gratuits", "Rivière propre") if t in text]

    assert titles() == ["Cantines bio", "Bus gratuits", "Rivière propre"]
    assert titles(theme="eau") == ["Rivière propre"]
    assert titles(dimension="food") == ["Cantines bio"]
    assert titles(size="ville") == ["Bus gratuits"]
    assert titles(region=str(aura.pk)) == ["Cantines bio", "Rivière propre"]
    assert titles(q="gratuit") == ["Bus gratuits"]
    assert titles(theme="eau", size="ville") == []
    assert "Aucun retour d’expérience ne répond" in page_text(client.get(url, {"theme": "culture"}))


def test_list_is_paginated_and_keeps_the_filters(
    approach: Approach, client_for: Callable[[str], Client]
) -> None:
    for i in range(25):
        report(f"Cas {i:02d}", themes=["energie"])
    report("Autre thème", themes=["eau"])
    client = client_for("equipe")
    url = reverse("monitoring:experience_list", args=[approach.slug])
    first = page_text(client.get(url, {"theme": "energie"}))
    assert "Page 1 / 2" in first and "theme=energie&page=2" in first
    second = page_text(client.get(url, {"theme": "energie", "page": "2"}))
    assert "Cas 24" in second and "Autre thème" not in second


def test_lead_adds_a_case_with_themes_and_dimensions(
    approach: Approach, client_for: Callable[[str], Client], frameworks: None
) -> None:
    client = client_for("facilitateur")
    url = reverse("monitoring:experience_create", args=[approach.slug])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "title": "Jardins partagés",
            "territory_name": "Une commune",
            "size_class": "village",
            "summary": "Des jardins sur des terrains communaux.",
            "themes": ["alimentation", "solidarite"],
            "dimensions": ["food", "L2.1"],
            "source_url": "https://example.org/jardins",
        },
    )
    assert response.status_code == 302, page_text(response)
    created = ExperienceReport.objects.get()
    assert sorted(created.themes) == ["alimentation", "solidarite"]
    assert sorted(created.dimension_codes) == ["L2.1", "food"]
    assert not created.shipped
    text = page_text(client.get(response["Location"]))
    assert "Alimentation et agriculture" in text and "https://example.org/jardins" in text
    # Missing themes: nothing saved, the field is named.
    bad = client.post(url, {"title": "Sans thème", "territory_name": "X", "size_class": "village"})
    assert bad.status_code == 200 and ExperienceReport.objects.count() == 1
    assert "Ce champ est obligatoire" in page_text(bad)


def test_authoring_rights(
    approach: Approach, client_for: Callable[[str], Client], personas: dict[str, Any]
) -> None:
    shipped = report("Cas public", shipped=True)
    own = report("Le mien", created_by=personas["facilitateur"])
    team = client_for("equipe")
    assert (
        team.get(reverse("monitoring:experience_create", args=[approach.slug])).status_code == 403
    )
    assert (
        team.get(reverse("monitoring:experience_edit", args=[approach.slug, own.pk])).status_code
        == 403
    )
    lead = client_for("facilitateur")
    assert (
        lead.get(
            reverse("monitoring:experience_edit", args=[approach.slug, shipped.pk])
        ).status_code
        == 403
    )
    assert (
        lead.post(
            reverse("monitoring:experience_delete", args=[approach.slug, shipped.pk])
        ).status_code
        == 403
    )
    assert (
        lead.post(reverse("monitoring:experience_delete", args=[approach.slug, own.pk])).status_code
        == 302
    )
    assert not ExperienceReport.objects.filter(pk=own.pk).exists()
    outsider = client_for("outsider")
    detail = reverse("monitoring:experience_detail", args=[approach.slug, shipped.pk])
    assert outsider.get(detail).status_code == 404
    # The library is shared: the outsider reads it from their own démarche.
    other = personas["other_approach"]
    assert (
        outsider.get(
            reverse("monitoring:experience_detail", args=[other.slug, shipped.pk])
        ).status_code
        == 200
    )


def test_inspired_by_links_only_own_actions(
    approach: Approach, client_for: Callable[[str], Client], personas: dict[str, Any]
) -> None:
    from ressort.actions.models import Action

    case = report("Cas public", shipped=True)
    ours = Action.objects.create(approach=approach, title="Bus à la demande")
    theirs = Action.objects.create(approach=personas["other_approach"], title="Ailleurs")
    add = reverse("monitoring:inspiration_add", args=[approach.slug, case.pk])
    assert client_for("partenaire").post(add, {"action": ours.pk}).status_code == 403
    team = client_for("equipe")
    team.post(add, {"action": theirs.pk})
    assert not case.inspirations.exists()
    team.post(add, {"action": ours.pk, "note": "Le principe du transport à la demande"})
    link = case.inspirations.get()
    assert link.action == ours and link.note.startswith("Le principe")
    detail = page_text(
        team.get(reverse("monitoring:experience_detail", args=[approach.slug, case.pk]))
    )
    assert "Bus à la demande" in detail
    # The other démarche does not see our link on the shared case.
    outsider = client_for("outsider")
    other = personas["other_approach"]
    text = page_text(
        outsider.get(reverse("monitoring:experience_detail", args=[other.slug, case.pk]))
    )
    assert "Bus à la demande" not in text
    remove = reverse("monitoring:inspiration_delete", args=[other.slug, case.pk, link.pk])
    assert outsider.post(remove).status_code == 404
    team = client_for("equipe")
    team.post(reverse("monitoring:inspiration_delete", args=[approach.slug, case.pk, link.pk]))
    assert not case.inspirations.exists()


def test_demarche_publishes_one_of_its_actions_as_a_case(
    approach: Approach,
    client_for: Callable[[str], Client],
    territories: dict[str, Territory],
    personas: dict[str, Any],
) -> None:
    from ressort.actions.models import Action

    approach.communes.set([territories["bourgoin"], territories["villefontaine"]])
    action = Action.objects.create(
        approach=approach, title="Ferme communale", description="Une régie agricole."
    )
    client = client_for("chef_projet")
    url = reverse("monitoring:experience_create", args=[approach.slug])
    form = page_text(client.get(url, {"action": action.pk}))
    assert 'value="Ferme communale"' in form and "Une régie agricole." in form
    assert 'value="48834"' in form  # population of the perimeter
    foreign = Action.objects.create(approach=personas["other_approach"], title="Ailleurs")
    assert client.get(url, {"action": foreign.pk}).status_code == 404
    response = client.post(
        url,
        {
            "source_action": action.pk,
            "title": "Ferme communale",
            "territory_name": approach.perimeter_name,
            "size_class": "interco_rurale",
            "summary": "Une régie agricole.",
            "themes": ["alimentation"],
        },
    )
    assert response.status_code == 302, page_text(response)
    case = ExperienceReport.objects.get()
    assert case.published_by == approach and case.source_action == action and not case.shipped
    assert "publié par la démarche" in page_text(
        client.get(reverse("monitoring:experience_list", args=[approach.slug]))
    )


def test_leads_are_offered_to_publish_an_action(
    approach: Approach, client_for: Callable[[str], Client]
) -> None:
    from ressort.actions.models import Action

    Action.objects.create(approach=approach, title="Ferme communale")
    url = reverse("monitoring:experience_list", args=[approach.slug])
    assert "Ferme communale" in page_text(client_for("chef_projet").get(url))
    assert "Ferme communale" not in page_text(client_for("equipe").get(url))
