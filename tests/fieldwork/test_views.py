"""Pages of fieldwork: rights on every view, forms, consent, photos' privacy, filters."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.shortcuts import resolve_url
from django.urls import reverse

from ressort.fieldwork import models as fw
from ressort.fieldwork.models import (
    Hazard,
    Observation,
    Photo,
    Quote,
    Resource,
    TagDecision,
    Vulnerability,
)
from tests.conftest import page_text
from tests.fieldwork import factories
from tests.fieldwork.conftest import jpeg_with_gps

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(approach: Any, personas: Any) -> dict[str, Any]:
    obs = factories.observation(approach)
    t = factories.testimony(approach, quotes=(("La nappe baisse chaque été.", ["water"]),))
    vuln = factories.vulnerability(approach)
    res = factories.resource(approach)
    photo = Photo(observation=obs, width=10, height=10)
    photo.image.save("x.jpg", SimpleUploadedFile("x.jpg", b"jpegdata"), save=True)
    hazard = Hazard.objects.create(approach=approach, code="glissement", label="Glissement")
    return {
        "obs": obs,
        "t": t,
        "quote": t.quotes.get(),
        "vuln": vuln,
        "res": res,
        "photo": photo,
        "hazard": hazard,
    }


def status(response: Any) -> int:
    """The status code, after reading a served photo to its end: the test client then
    closes its file without closing the database connection (response.close() would)."""
    if response.streaming:
        b"".join(response.streaming_content)
    return int(response.status_code)


def read_urls(slug: str, o: dict[str, Any]) -> list[str]:
    return [
        reverse("fieldwork:observation_list", args=[slug]),
        reverse("fieldwork:observation_detail", args=[slug, o["obs"].pk]),
        reverse("fieldwork:photo", args=[slug, o["obs"].pk, o["photo"].pk]),
        reverse("fieldwork:testimony_list", args=[slug]),
        reverse("fieldwork:testimony_detail", args=[slug, o["t"].pk]),
        reverse("fieldwork:inventory", args=[slug]),
        reverse("fieldwork:item_detail", args=[slug, "vulnerabilite", o["vuln"].pk]),
        reverse("fieldwork:item_detail", args=[slug, "ressource", o["res"].pk]),
        reverse("fieldwork:map", args=[slug]),
        reverse("fieldwork:map_geojson", args=[slug]),
        reverse("fieldwork:hazard_list", args=[slug]),
    ]


def write_get_urls(slug: str, o: dict[str, Any]) -> list[str]:
    return [
        reverse("fieldwork:observation_create", args=[slug]),
        reverse("fieldwork:observation_edit", args=[slug, o["obs"].pk]),
        reverse("fieldwork:observation_delete", args=[slug, o["obs"].pk]),
        reverse("fieldwork:suggestions", args=[slug, "observation", o["obs"].pk]),
        reverse("fieldwork:suggestions", args=[slug, "citation", o["quote"].pk]),
        reverse("fieldwork:testimony_create", args=[slug]),
        reverse("fieldwork:testimony_edit", args=[slug, o["t"].pk]),
        reverse("fieldwork:testimony_delete", args=[slug, o["t"].pk]),
        reverse("fieldwork:quote_edit", args=[slug, o["quote"].pk]),
        reverse("fieldwork:quote_delete", args=[slug, o["quote"].pk]),
        reverse("fieldwork:item_create", args=[slug, "vulnerabilite"]),
        reverse("fieldwork:item_create", args=[slug, "ressource"]),
        reverse("fieldwork:item_edit", args=[slug, "vulnerabilite", o["vuln"].pk]),
        reverse("fieldwork:item_delete", args=[slug, "ressource", o["res"].pk]),
    ]


def write_post_urls(slug: str, o: dict[str, Any]) -> list[str]:
    return [
        reverse("fieldwork:photo_add", args=[slug, o["obs"].pk]),
        reverse("fieldwork:photo_edit", args=[slug, o["obs"].pk, o["photo"].pk]),
        reverse("fieldwork:photo_delete", args=[slug, o["obs"].pk, o["photo"].pk]),
        reverse("fieldwork:tag_decide", args=[slug, "citation", o["quote"].pk]),
        reverse("fieldwork:quote_add", args=[slug, o["t"].pk]),
        reverse("fieldwork:hazard_delete", args=[slug, o["hazard"].pk]),
        reverse("fieldwork:hazard_add", args=[slug]),
    ]


def test_anonymous_is_sent_to_login_everywhere(client: Any, approach: Any, objects: Any) -> None:
    for url in read_urls(approach.slug, objects) + write_get_urls(approach.slug, objects):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(resolve_url(settings.LOGIN_URL)), url


def test_outsider_gets_404_everywhere(
    client: Any, approach: Any, personas: Any, objects: Any
) -> None:
    client.force_login(personas["outsider"])
    for url in read_urls(approach.slug, objects) + write_get_urls(approach.slug, objects):
        assert status(client.get(url)) == 404, url
    for url in write_post_urls(approach.slug, objects):
        assert client.post(url, {"code": "water", "decision": "confirmer"}).status_code == 404, url
    assert Photo.objects.filter(pk=objects["photo"].pk).exists()


def test_another_approach_objects_are_404_even_for_its_members(
    client: Any, approach: Any, personas: Any, objects: Any
) -> None:
    """The outsider leads another démarche: our objects under their slug are not found."""
    client.force_login(personas["outsider"])
    other = personas["other_approach"].slug
    for url in read_urls(other, objects)[1:3] + write_get_urls(other, objects)[1:3]:
        assert status(client.get(url)) == 404, url


def test_partner_reads_but_does_not_write(
    client: Any, approach: Any, personas: Any, objects: Any
) -> None:
    client.force_login(personas["partenaire"])
    for url in read_urls(approach.slug, objects):
        assert status(client.get(url)) == 200, url
    for url in write_get_urls(approach.slug, objects):
        assert status(client.get(url)) == 403, url
    for url in write_post_urls(approach.slug, objects):
        assert client.post(url, {"label": "X"}).status_code == 403, url
    page = page_text(client.get(reverse("fieldwork:observation_list", args=[approach.slug])))
    assert "Noter une observation" not in page


@pytest.mark.parametrize("role", ["facilitateur", "chef_projet", "elu_referent", "equipe"])
def test_contributors_open_every_page(
    client: Any, approach: Any, personas: Any, objects: Any, role: str
) -> None:
    client.force_login(personas[role])
    for url in read_urls(approach.slug, objects) + write_get_urls(approach.slug, objects):
        assert status(client.get(url)) == 200, url


def test_observation_with_photo_takes_its_place_and_strips_metadata(
    client: Any, approach: Any, personas: Any, media_root: Any
) -> None:
    client.force_login(personas["equipe"])
    upload = SimpleUploadedFile("IMG_20260312_Camille.jpg", jpeg_with_gps(), "image/jpeg")
    response = client.post(
        reverse("fieldwork:observation_create", args=[approach.slug]),
        {
            "title": "Ruisseau à sec",
            "text": "Le ruisseau du Vernay ne coule plus.",
            "observed_on": "2026-07-20",
            "place_name": "Nivolas-Vermelle",
            "nature": "vulnerabilite",
            "themes": ["eau"],
            "dimensions": ["water", "L3.1"],
            "photo": upload,
            "photo_description": "Le lit du ruisseau, sec",
        },
    )
    obs = Observation.objects.get(title="Ruisseau à sec")
    assert response.status_code == 302 and response["Location"] == obs.get_absolute_url()
    assert obs.author == personas["equipe"] and obs.dimensions == ["water", "L3.1"]
    assert obs.latitude == pytest.approx(45.586667, abs=1e-5)
    assert obs.longitude == pytest.approx(5.275, abs=1e-5)
    [photo] = obs.photos.all()
    assert not photo.in_portrait  # private by default
    assert "Camille" not in photo.image.name and photo.image.name.endswith(".jpg")
    assert str(media_root) in photo.image.path
    served = client.get(photo.get_absolute_url())
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    body = b"".join(served.streaming_content)
    assert b"Camille Martin" not in body and b"Exif" not in body
    assert "private" in served["Cache-Control"]
    detail = page_text(client.get(obs.get_absolute_url()))
    assert "repris de la position GPS" in detail
    assert "privée (membres seulement)" in detail


def test_typed_place_wins_over_the_photo_position(
    client: Any, approach: Any, personas: Any
) -> None:
    client.force_login(personas["equipe"])
    client.post(
        reverse("fieldwork:observation_create", args=[approach.slug]),
        {
            "title": "Halle",
            "text": "Marché couvert.",
            "observed_on": "2026-07-20",
            "latitude": "45.61",
            "longitude": "5.23",
            "photo": SimpleUploadedFile("p.jpg", jpeg_with_gps(), "image/jpeg"),
        },
    )
    obs = Observation.objects.get(title="Halle")
    assert (obs.latitude, obs.longitude) == (45.61, 5.23)


def test_observation_form_errors_save_nothing(client: Any, approach: Any, personas: Any) -> None:
    client.force_login(personas["equipe"])
    response = client.post(
        reverse("fieldwork:observation_create", args=[approach.slug]),
        {
            "title": "Sans date",
            "text": "x",
            "latitude": "45.6",
            "photo": SimpleUploadedFile("p.jpg", b"not an image", "image/jpeg"),
        },
    )
    assert response.status_code == 200
    text = page_text(response)
    assert "pas une image lisible" in text
    assert "Indiquez aussi la longitude" in text
    assert not Observation.objects.exists() and not Photo.objects.exists()


def test_photos_are_private_to_members(
    client: Any, approach: Any, personas: Any, media_root: Any
) -> None:
    obs = factories.observation(approach)
    client.force_login(personas["equipe"])
    client.post(
        reverse("fieldwork:photo_add", args=[approach.slug, obs.pk]),
        {"photo": SimpleUploadedFile("p.jpg", jpeg_with_gps(size=(64, 64)), "image/jpeg")},
    )
    photo = obs.photos.get()
    url = photo.get_absolute_url()
    assert status(client.get(url)) == 200
    client.logout()
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "?next=" in anonymous["Location"]
    client.force_login(personas["outsider"])
    assert status(client.get(url)) == 404
    # The same photo id under the outsider's own démarche is not found either.
    other = personas["other_approach"].slug
    assert client.get(reverse("fieldwork:photo", args=[other, obs.pk, photo.pk])).status_code == 404
    # No public media route exists for the file.
    assert client.get("/media/" + photo.image.name).status_code == 404
    client.force_login(personas["partenaire"])
    assert status(client.get(url)) == 200


def test_photo_portrait_flag_and_delete(client: Any, approach: Any, personas: Any) -> None:
    obs = factories.observation(approach)
    client.force_login(personas["equipe"])
    client.post(
        reverse("fieldwork:photo_add", args=[approach.slug, obs.pk]),
        {"photo": SimpleUploadedFile("p.jpg", jpeg_with_gps(size=(64, 64)), "image/jpeg")},
    )
    photo = obs.photos.get()
    assert obs.portrait_photos() == []
    client.post(
        reverse("fieldwork:photo_edit", args=[approach.slug, obs.pk, photo.pk]),
        {"description": "Le pont", "in_portrait": "on"},
    )
    photo.refresh_from_db()
    assert photo.in_portrait and photo.description == "Le pont"
    path = photo.image.path
    client.post(reverse("fieldwork:photo_delete", args=[approach.slug, obs.pk, photo.pk]))
    assert not Photo.objects.exists()
    import os

    assert not os.path.exists(path)


def test_name_needs_recorded_consent(client: Any, approach: Any, personas: Any) -> None:
    client.force_login(personas["equipe"])
    url = reverse("fieldwork:testimony_create", args=[approach.slug])
    data = {
        "speaker_category": "agriculteur",
        "speaker_name": "Jeanne Perrin",
        "spoken_on": "2026-03-12",
        "felt": "On irrigue de moins en moins.",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Un nom ne peut être enregistré que si la personne a donné son accord" in page_text(
        response
    )
    assert not fw.Testimony.objects.exists()
    response = client.post(url, {**data, "consent_recorded": "on"})
    assert "Dites comment l’accord a été recueilli" in page_text(response)
    response = client.post(url, {**data, "consent_recorded": "on", "consent_note": "Écrit, 12/03"})
    t = fw.Testimony.objects.get()
    assert response.status_code == 302
    assert t.speaker_label == "Jeanne Perrin (agriculteur·rice)"
    anonymous = client.post(url, {**data, "speaker_name": ""})
    assert anonymous.status_code == 302
    assert fw.Testimony.objects.filter(speaker_name="").count() == 1


def test_testimony_needs_some_content(client: Any, approach: Any, personas: Any) -> None:
    client.force_login(personas["equipe"])
    response = client.post(
        reverse("fieldwork:testimony_create", args=[approach.slug]),
        {"speaker_category": "elu", "spoken_on": "2026-03-12"},
    )
    assert "Notez au moins le vécu" in page_text(response)


def test_database_refuses_a_name_without_consent(approach: Any) -> None:
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        factories.testimony(approach, speaker_name="Paul")


def test_quotes_add_edit_delete(client: Any, approach: Any, personas: Any) -> None:
    t = factories.testimony(approach)
    client.force_login(personas["elu_referent"])
    response = client.post(
        reverse("fieldwork:quote_add", args=[approach.slug, t.pk]),
        {"text": "Le bus ne passe que deux fois par jour.", "dimensions": ["networks"]},
    )
    quote = Quote.objects.get()
    assert response["Location"].endswith(f"#citation-{quote.pk}")
    assert quote.dimensions == ["networks"]
    bad = client.post(reverse("fieldwork:quote_add", args=[approach.slug, t.pk]), {"text": ""})
    assert bad.status_code == 400
    client.post(
        reverse("fieldwork:quote_edit", args=[approach.slug, quote.pk]),
        {"text": "Le bus passe deux fois par jour.", "dimensions": ["networks", "L4.2"]},
    )
    quote.refresh_from_db()
    assert quote.dimensions == ["networks", "L4.2"]
    # Ticked tags teach the tagger like confirmed suggestions, once per tag.
    assert sorted(TagDecision.objects.filter(quote=quote).values_list("code", flat=True)) == [
        "L4.2",
        "networks",
    ]
    assert all(d.accepted and d.user == personas["elu_referent"] for d in TagDecision.objects.all())
    client.post(reverse("fieldwork:quote_delete", args=[approach.slug, quote.pk]))
    assert not Quote.objects.exists()


def test_inventory_create_with_evidence_and_filters(
    client: Any, approach: Any, personas: Any
) -> None:
    obs = factories.observation(approach)
    t = factories.testimony(approach)
    foreign = factories.observation(personas["other_approach"], title="Étrangère")
    client.force_login(personas["chef_projet"])
    page = client.get(
        reverse("fieldwork:item_create", args=[approach.slug, "vulnerabilite"])
        + f"?observation={obs.pk}"
    )
    assert page.status_code == 200 and "Étrangère" not in page_text(page)
    canicule = Hazard.objects.get(code="canicule")
    url = reverse("fieldwork:item_create", args=[approach.slug, "vulnerabilite"])
    refused = client.post(url, {"title": "X", "severity": 2, "observations": [foreign.pk]})
    assert refused.status_code == 200 and not Vulnerability.objects.exists()
    client.post(
        url,
        {
            "title": "Îlots de chaleur du centre",
            "severity": 4,
            "dimensions": ["health", "climate_change"],
            "hazards": [canicule.pk],
            "observations": [obs.pk],
            "testimonies": [t.pk],
            "place_name": "L'Isle-d'Abeau",
        },
    )
    vuln = Vulnerability.objects.get()
    assert list(vuln.observations.all()) == [obs] and list(vuln.hazards.all()) == [canicule]
    client.post(
        reverse("fieldwork:item_create", args=[approach.slug, "ressource"]),
        {"title": "Forêt de Vallin", "strength": 3, "dimensions": ["biodiversity"]},
    )
    assert Resource.objects.get().strength == 3
    inventory = reverse("fieldwork:inventory", args=[approach.slug])
    text = page_text(client.get(inventory))
    assert "Îlots de chaleur du centre" in text and "Forêt de Vallin" in text
    text = page_text(client.get(inventory, {"alea": "canicule"}))
    assert "Îlots de chaleur du centre" in text and "Forêt de Vallin" not in text
    text = page_text(client.get(inventory, {"dimension": "biodiversity"}))
    assert "Îlots de chaleur du centre" not in text and "Forêt de Vallin" in text
    text = page_text(client.get(inventory, {"type": "ressource"}))
    assert "Îlots de chaleur du centre" not in text and "Forêt de Vallin" in text
    detail = page_text(client.get(vuln.get_absolute_url()))
    assert obs.title in detail and "Canicule" in detail
    client.post(reverse("fieldwork:item_delete", args=[approach.slug, "vulnerabilite", vuln.pk]))
    assert not Vulnerability.objects.exists() and Observation.objects.filter(pk=obs.pk).exists()


def test_unknown_kind_is_404(client: Any, approach: Any, personas: Any) -> None:
    client.force_login(personas["equipe"])
    assert (
        client.get(reverse("fieldwork:item_create", args=[approach.slug, "x"])).status_code == 404
    )


def test_lists_filter_and_show_empty_states(client: Any, approach: Any, personas: Any) -> None:
    client.force_login(personas["equipe"])
    obs_url = reverse("fieldwork:observation_list", args=[approach.slug])
    assert "Aucune observation pour l’instant" in page_text(client.get(obs_url))
    t_url = reverse("fieldwork:testimony_list", args=[approach.slug])
    assert "Aucun témoignage pour l’instant" in page_text(client.get(t_url))
    map_url = reverse("fieldwork:map", args=[approach.slug])
    assert "Rien n’est encore placé sur la carte" in page_text(client.get(map_url))
    factories.observation(approach, themes=["eau"])
    factories.observation(approach, title="Jardins partagés", dimensions=["food"], themes=[])
    text = page_text(client.get(obs_url, {"dimension": "food"}))
    assert "Jardins partagés" in text and "Berges" not in text
    text = page_text(client.get(obs_url, {"theme": "eau"}))
    assert "Jardins partagés" not in text and "Berges" in text
    factories.testimony(approach, quotes=(("Le maraîcher est parti.", ["food"]),))
    factories.testimony(approach, speaker_category="elu", quotes=(("Budget serré.", []),))
    text = page_text(client.get(t_url, {"dimension": "food"}))
    assert "Le maraîcher est parti" in text and "Budget serré" not in text
    text = page_text(client.get(t_url, {"qui": "elu"}))
    assert "Le maraîcher est parti" not in text and "Budget serré" in text


def test_map_page_lists_what_the_map_shows(client: Any, approach: Any, personas: Any) -> None:
    obs = factories.observation(approach)
    vuln = factories.vulnerability(approach)
    client.force_login(personas["partenaire"])
    text = page_text(client.get(reverse("fieldwork:map", args=[approach.slug])))
    assert obs.title in text and vuln.title in text and "gravité 3 sur 4" in text
    data = client.get(reverse("fieldwork:map_geojson", args=[approach.slug])).json()
    assert len(data["features"]) == 2


def test_hazards_page_add_and_remove_own(client: Any, approach: Any, personas: Any) -> None:
    client.force_login(personas["equipe"])
    url = reverse("fieldwork:hazard_list", args=[approach.slug])
    assert "Canicule" in page_text(client.get(url))
    add = reverse("fieldwork:hazard_add", args=[approach.slug])
    assert client.post(add, {"label": "", "family": "climat"}).status_code == 200
    assert not Hazard.objects.filter(approach=approach).exists()
    assert (
        client.post(add, {"label": "Rupture de la digue du canal", "family": "climat"})["Location"]
        == url
    )
    hazard = Hazard.objects.get(approach=approach)
    assert hazard.code == "rupture-de-la-digue-du-canal"
    shipped = Hazard.objects.get(code="canicule")
    assert (
        client.post(
            reverse("fieldwork:hazard_delete", args=[approach.slug, shipped.pk])
        ).status_code
        == 404
    )
    client.post(reverse("fieldwork:hazard_delete", args=[approach.slug, hazard.pk]))
    assert not Hazard.objects.filter(approach=approach).exists()


def test_delete_pages_confirm_first(client: Any, approach: Any, personas: Any) -> None:
    obs = factories.observation(approach)
    client.force_login(personas["equipe"])
    url = reverse("fieldwork:observation_delete", args=[approach.slug, obs.pk])
    text = page_text(client.get(url))
    deleted = f"L'observation « {obs.title} » sera supprimé·e\u202f; ses photos le sont avec elle"
    assert deleted in text
    assert Observation.objects.exists()
    client.post(url)
    assert not Observation.objects.exists()
    t = factories.testimony(approach, spoken_on=dt.date(2026, 1, 1))
    client.post(reverse("fieldwork:testimony_delete", args=[approach.slug, t.pk]))
    assert not fw.Testimony.objects.exists()


def test_tag_decisions_via_htmx_and_plain_post(client: Any, approach: Any, personas: Any) -> None:
    t = factories.testimony(approach, quotes=(("Les restrictions d'eau potable reviennent.", []),))
    quote = t.quotes.get()
    client.force_login(personas["equipe"])
    url = reverse("fieldwork:suggestions", args=[approach.slug, "citation", quote.pk])
    fragment = page_text(client.get(url, HTTP_HX_REQUEST="true"))
    assert "Dimensions suggérées" in fragment and "<html" not in fragment
    assert "Eau" in fragment
    decide = reverse("fieldwork:tag_decide", args=[approach.slug, "citation", quote.pk])
    response = client.post(
        decide, {"code": "water", "decision": "confirmer"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    quote.refresh_from_db()
    assert quote.dimensions == ["water"]
    response = client.post(decide, {"code": "energy", "decision": "rejeter"})
    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.dimensions == ["water"]
    assert list(TagDecision.objects.values_list("code", "accepted")) == [
        ("water", True),
        ("energy", False),
    ]
    client.post(decide, {"code": "pas-un-code", "decision": "confirmer"})
    assert TagDecision.objects.count() == 2


def test_long_lists_are_paged_with_their_filters_and_few_queries(
    client: Any, approach: Any, personas: Any, django_assert_max_num_queries: Any
) -> None:
    for i in range(60):
        factories.observation(approach, title=f"Obs {i:02d}", dimensions=["food"] if i % 2 else [])
        factories.testimony(approach, quotes=((f"Citation {i:02d}", ["food"] if i % 2 else []),))
    client.force_login(personas["equipe"])
    obs_url = reverse("fieldwork:observation_list", args=[approach.slug])
    # Constant with 60 rows: the page's own queries, plus the démarche's versions and the
    # five facts that the step's checklist (« Et ensuite ? », ressort.approaches.progress.guide)
    # counts at its foot, kept under those versions for the next pages.
    with django_assert_max_num_queries(14):
        first = page_text(client.get(obs_url))
    assert "60 observations" in first and "Page 1 / 2" in first
    filtered = page_text(client.get(obs_url, {"dimension": "food"}))
    assert "30 observations" in filtered and "Page 1 / 2" not in filtered
    second = page_text(client.get(obs_url, {"page": 2}))
    assert "Page 2 / 2" in second and "?page=1" in second
    t_url = reverse("fieldwork:testimony_list", args=[approach.slug])
    with django_assert_max_num_queries(14):
        text = page_text(client.get(t_url, {"dimension": "food", "page": 1}))
    assert "30 témoignages" in text and "Citation 59" in text and "Citation 58" not in text
    text = page_text(client.get(t_url))
    assert "Page 1 / 2" in text and "dimension=" not in text
