"""Pages of the living brique: rights, the diagnosis, the lens with ERC, the parlement."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ressort.actions.models import Action, ContestedResource
from ressort.approaches.models import Approach
from ressort.governance.models import Actor, ActorCategory
from ressort.living.models import (
    LivingEffect,
    Milieu,
    MilieuKind,
    Parliament,
    Species,
    Spokesperson,
    Statement,
)
from tests.conftest import page_text

DATA = Path(__file__).parent.parent / "data" / "living"
pytestmark = pytest.mark.django_db


def base(approach: Approach) -> str:
    return f"/demarches/{approach.slug}/vivant/"


@pytest.fixture
def river(approach: Approach) -> Milieu:
    return Milieu.objects.create(
        approach=approach,
        name="La Bourbre",
        kind=MilieuKind.RIVER,
        pressures="Étiages sévères\nRejets",
        services=["regulation-eau", "eau-potable"],
    )


def test_pages_for_every_role_and_404_for_outsiders(
    approach: Approach, river: Milieu, client_as: Any, personas: dict
) -> None:
    species = Species.objects.create(approach=approach, name="Castor")
    action = Action.objects.create(approach=approach, title="Recalibrer le fossé")
    effect = LivingEffect.objects.create(action=action, milieu=river, effect=-1, justification="x")
    session = Parliament.objects.create(approach=approach, title="Séance")
    pages = [
        "",
        "donnees-nationales/",
        "plan/",
        "parlement/",
        f"parlement/{session.pk}/",
    ]
    for who in ("facilitateur", "equipe", "partenaire"):
        client = client_as(who)
        for page in pages:
            assert client.get(base(approach) + page).status_code == 200, (who, page)
    outsider = client_as("outsider")
    for page in [
        *pages,
        f"milieux/{river.pk}/",
        f"especes/{species.pk}/",
        f"plan/effets/{effect.pk}/",
    ]:
        assert outsider.get(base(approach) + page).status_code == 404, page
    # another démarche's object through one's own démarche: 404 too
    other = personas["other_approach"]
    client = client_as("outsider")
    assert client.get(f"/demarches/{other.slug}/vivant/milieux/{river.pk}/").status_code == 404


def test_add_a_milieu_with_services_and_see_it_in_the_portrait(
    approach: Approach, client_as: Any
) -> None:
    client = client_as("equipe")
    response = client.post(
        base(approach) + "milieux/ajouter/",
        {
            "name": "Marais de la Bourbre",
            "kind": "zone-humide",
            "state": "degrade",
            "trend": "degradation",
            "pressures": "Drainage",
            "services": ["regulation-eau", "tampon-crues"],
            "evidence": "Inventaire ZNIEFF 2019",
        },
    )
    assert response.status_code == 302
    milieu = Milieu.objects.get(approach=approach)
    assert milieu.service_labels() == ["Régulation de l'eau", "Amortissement des crues"]
    text = page_text(client.get(base(approach)))
    assert "Marais de la Bourbre" in text and "Inventaire ZNIEFF 2019" in text
    portrait = f"/demarches/{approach.slug}/portrait/"
    modules = approach.modules
    approach.modules = []  # the brique off: no section, and its pages are gone
    approach.save()
    assert 'id="titre-vivant"' not in page_text(client.get(portrait))
    assert client.get(base(approach)).status_code == 404
    approach.modules = modules
    approach.save()
    text = page_text(client.get(portrait))
    assert 'id="titre-vivant"' in text and "Amortissement des crues" in text
    # same name twice: refused in French, nothing saved
    again = client.post(
        base(approach) + "milieux/ajouter/",
        {"name": "marais de la bourbre", "kind": "zone-humide", "state": "bon", "trend": "stable"},
    )
    assert again.status_code == 200 and "déjà pris" in page_text(again)
    assert Milieu.objects.count() == 1


def test_partner_cannot_write(approach: Approach, client_as: Any) -> None:
    response = client_as("partenaire").post(
        base(approach) + "milieux/ajouter/", {"name": "X", "kind": "sol"}
    )
    assert response.status_code == 403
    assert not Milieu.objects.exists()


def test_upload_of_national_answers_and_malformed_file(approach: Approach, client_as: Any) -> None:
    client = client_as("equipe")
    url = base(approach) + "donnees-nationales/importer/"
    bad = client.post(
        url,
        {"species": SimpleUploadedFile("e.json", (DATA / "especes_malformee.json").read_bytes())},
    )
    assert bad.status_code == 400
    assert "Rien n’a été enregistré" in page_text(bad) and "identifiant TAXREF" in page_text(bad)
    assert not Species.objects.exists()
    good = client.post(
        url,
        {
            "species": SimpleUploadedFile("e.json", (DATA / "especes_38053.json").read_bytes()),
            "areas": SimpleUploadedFile("a.json", (DATA / "espaces_38053.json").read_bytes()),
        },
    )
    assert good.status_code == 302
    text = page_text(client.get(base(approach)))
    assert "Martin-pêcheur d'Europe" in text and "L'Isle Crémieu" in text


def test_fetch_without_communes_says_so(approach: Approach, client_as: Any) -> None:
    client = client_as("equipe")
    approach.communes.clear()
    response = client.post(base(approach) + "donnees-nationales/interroger/", follow=True)
    assert "aucune commune" in page_text(response)


def test_lens_balance_and_erc(approach: Approach, river: Milieu, client_as: Any) -> None:
    client = client_as("equipe")
    hedge = Milieu.objects.create(approach=approach, name="Haies", kind=MilieuKind.HEDGEROW)
    dyke = Action.objects.create(approach=approach, title="Digue")
    plant = Action.objects.create(approach=approach, title="Planter des haies")
    response = client.post(
        base(approach) + "plan/effets/ajouter/",
        {"action": dyke.pk, "milieu": river.pk, "effect": -2, "justification": "Coupe le lit"},
    )
    assert response.status_code == 302
    client.post(
        base(approach) + "plan/effets/ajouter/",
        {"action": plant.pk, "milieu": hedge.pk, "effect": 2, "justification": "Replante"},
    )
    text = page_text(client.get(base(approach) + "plan/"))
    assert "Atteint par le plan" in text and "Aidé par le plan" in text
    assert "À instruire" in text
    effect = LivingEffect.objects.get(action=dyke)
    client.post(
        base(approach) + f"plan/effets/{effect.pk}/",
        {
            "action": dyke.pk,
            "milieu": river.pk,
            "effect": -2,
            "justification": "Coupe le lit",
            "reduce": "Passe à poissons",
            "compensate": "Restaurer 2 km de berges",
            "residual_harm": "on",
        },
    )
    assert "Séquence éviter-réduire-compenser instruite" in page_text(
        client.get(base(approach) + "plan/")
    )
    # the same action and milieu twice: refused
    twice = client.post(
        base(approach) + "plan/effets/ajouter/",
        {"action": dyke.pk, "milieu": river.pk, "effect": 1, "justification": "x"},
    )
    assert "déjà décrit" in page_text(twice)
    # another démarche's action cannot be chosen
    foreign = Action.objects.create(
        approach=Approach.objects.exclude(pk=approach.pk).first(), title="Ailleurs"
    )
    refused = client.post(
        base(approach) + "plan/effets/ajouter/",
        {"action": foreign.pk, "milieu": hedge.pk, "effect": 1, "justification": "x"},
    )
    assert refused.status_code == 200 and not LivingEffect.objects.filter(action=foreign).exists()


def test_parliament_spokespeople_become_living_actors(
    approach: Approach, river: Milieu, client_as: Any
) -> None:
    client = client_as("equipe")
    response = client.post(
        base(approach) + "parlement/ajouter/",
        {"title": "Parlement de la Bourbre", "date": "2026-12-10", "question": "L'eau d'été"},
    )
    session = Parliament.objects.get()
    assert response.status_code == 302
    url = base(approach) + f"parlement/{session.pk}/porte-parole/"
    client.post(url, {"entity": "La rivière Bourbre", "milieu": river.pk, "speaker_name": "Élise"})
    client.post(url, {"entity": "Les pollinisateurs", "speaker_name": ""})
    duplicate = client.post(url, {"entity": "la rivière bourbre"})
    assert duplicate.status_code == 400 and "déjà un·e porte-parole" in page_text(duplicate)
    actors = Actor.objects.filter(approach=approach, category=ActorCategory.LIVING)
    assert sorted(a.name for a in actors) == [
        "Porte-parole\u00a0: La rivière Bourbre",
        "Porte-parole\u00a0: Les pollinisateurs",
    ]
    action = Action.objects.create(approach=approach, title="Forage profond")
    spokesperson = Spokesperson.objects.get(entity="La rivière Bourbre")
    client.post(
        base(approach) + f"parlement/porte-parole/{spokesperson.pk}/declarations/",
        {"text": "Laissez-moi couler l'été.", "action": action.pk, "position": "contre"},
    )
    assert Statement.objects.get().position == "contre"
    text = page_text(client.get(base(approach) + f"parlement/{session.pk}/"))
    assert "Laissez-moi couler l'été." in text and "Voix non humaines" in text
    actor_map = page_text(client.get(f"/demarches/{approach.slug}/acteurs/carte/"))
    assert "Porte-parole du vivant non humain" in actor_map
    assert "Porte-parole\u00a0: La rivière Bourbre" in actor_map


def test_statement_removed_after_confirmation(approach: Approach, client_as: Any) -> None:
    session = Parliament.objects.create(approach=approach, title="Séance")
    spokesperson = Spokesperson.objects.create(parliament=session, entity="La forêt")
    statement = Statement.objects.create(spokesperson=spokesperson, text="Laissez-moi vieillir.")
    client = client_as("equipe")
    page = page_text(client.get(base(approach) + f"parlement/{session.pk}/"))
    assert f"parlement/declarations/{statement.pk}/supprimer/" in page
    url = base(approach) + f"parlement/declarations/{statement.pk}/supprimer/"
    assert client_as("outsider").post(url).status_code == 404
    client = client_as("equipe")
    assert client.post(url).status_code == 302
    assert not Statement.objects.exists()


def test_living_voices_in_votes_and_arbitrations_are_shown_apart(
    approach: Approach, client_as: Any
) -> None:
    """A spokesperson's mention and position reach the vote page and the conflict of use's
    page, in their own section that says they are not counted; the humans' tally ignores
    them. A mention without an action is refused, naming the field."""
    client = client_as("equipe")
    action = Action.objects.create(approach=approach, title="Forage profond")
    water = ContestedResource.objects.create(approach=approach, name="Nappe en été")
    session = Parliament.objects.create(approach=approach, title="Séance")
    spokesperson = Spokesperson.objects.create(parliament=session, entity="La rivière")
    url = base(approach) + f"parlement/porte-parole/{spokesperson.pk}/declarations/"
    refused = client.post(url, {"text": "Non.", "position": "contre", "grade": 0})
    assert refused.status_code == 400
    assert "Une mention porte sur une action" in page_text(refused)
    assert not Statement.objects.exists()
    client.post(
        url,
        {
            "text": "Laissez-moi couler.",
            "action": action.pk,
            "resource": water.pk,
            "position": "contre",
            "grade": 0,
        },
    )
    statement = Statement.objects.get()
    assert statement.grade == 0 and statement.resource == water

    vote = page_text(client.get(f"/demarches/{approach.slug}/vote/"))
    assert "Les voix du vivant" in vote and "pas comptées" in vote
    assert "La rivière" in vote and "À rejeter" in vote
    assert "Aucun bulletin pour l’instant" in vote  # the humans' tally is untouched
    conflict = page_text(client.get(f"/demarches/{approach.slug}/conflits-d-usage/{water.pk}/"))
    assert "Les voix du vivant sur ce conflit" in conflict
    assert "Laissez-moi couler." in conflict
    detail = page_text(client.get(base(approach) + f"parlement/{session.pk}/"))
    assert "mention «\u00a0À rejeter\u00a0»" in detail

    approach.modules = [m for m in approach.modules if m != "vivant"]
    approach.save()
    vote = page_text(client.get(f"/demarches/{approach.slug}/vote/"))
    assert "Les voix du vivant" not in vote


def test_a_placed_milieu_is_on_the_field_map(approach: Approach, client_as: Any) -> None:
    client = client_as("equipe")
    page = page_text(client.get(base(approach) + "milieux/ajouter/"))
    assert "Sur la carte du terrain (facultatif)" in page and "data-place-picker" in page
    half = client.post(
        base(approach) + "milieux/ajouter/",
        {
            "name": "Marais",
            "kind": "zone-humide",
            "state": "moyen",
            "trend": "stable",
            "latitude": "45.62",
        },
    )
    assert half.status_code == 200 and "Indiquez aussi la longitude" in page_text(half)
    assert not Milieu.objects.exists()
    client.post(
        base(approach) + "milieux/ajouter/",
        {
            "name": "Marais",
            "kind": "zone-humide",
            "state": "moyen",
            "trend": "stable",
            "latitude": "45.62",
            "longitude": "5.21",
            "places": "Plaine",
        },
    )
    Milieu.objects.create(approach=approach, name="Sans lieu", kind=MilieuKind.FOREST)
    marsh = Milieu.objects.get(name="Marais")
    assert (marsh.latitude, marsh.longitude) == (45.62, 5.21)
    data = client.get(f"/demarches/{approach.slug}/terrain/carte.geojson").json()
    (feature,) = [f for f in data["features"] if f["properties"]["kind"] == "milieu"]
    assert feature["geometry"]["coordinates"] == [5.21, 45.62]
    assert feature["properties"]["title"] == "Marais"
    assert feature["properties"]["url"].endswith(f"vivant/#milieu-{marsh.pk}")
    text = page_text(client.get(f"/demarches/{approach.slug}/terrain/carte/"))
    assert "milieu vivant (zone humide, état moyen)" in text and "Sans lieu" not in text

    approach.modules = [m for m in approach.modules if m != "vivant"]
    approach.save()
    data = client.get(f"/demarches/{approach.slug}/terrain/carte.geojson").json()
    assert not [f for f in data["features"] if f["properties"]["kind"] == "milieu"]
