"""The outbox's endpoint: an entry made offline is stored once, whatever the resends; a
refusal is said in French, by field; rights as everywhere (outsider 404, partner 403)."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from ressort.fieldwork import models as fw
from ressort.fieldwork.models import Observation, Vulnerability
from ressort.fieldwork.views import offline
from tests.fieldwork.conftest import jpeg_with_gps

pytestmark = pytest.mark.django_db


def client_for(user: Any, *, csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(user)
    return client


def url(approach: Any, kind: str) -> str:
    return reverse("fieldwork:offline_receive", args=[approach.slug, kind])


def observation_data(client_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "client_id": client_id,
        "title": "Fossé comblé au Vernay",
        "text": "Le fossé le long du chemin a été comblé : l'eau passe sur la route.",
        "observed_on": "2026-11-30",
        "latitude": "45.5866",
        "longitude": "5.2772",
        "dimensions": ["water"],
        **extra,
    }


def test_an_observation_sent_twice_is_stored_once(approach: Any, personas: Any) -> None:
    client = client_for(personas["equipe"])
    cid = str(uuid.uuid4())
    first = client.post(url(approach, "observation"), observation_data(cid))
    assert first.status_code == 201, first.content
    assert first.json()["etat"] == "enregistre"
    again = client.post(url(approach, "observation"), observation_data(cid))
    assert again.status_code == 200
    assert again.json()["etat"] == "deja_recu"
    assert again.json()["url"] == first.json()["url"]
    stored = Observation.objects.get(approach=approach)
    assert str(stored.client_id) == cid
    assert stored.author == personas["equipe"]
    assert stored.dimensions == ["water"]
    assert stored.latitude == pytest.approx(45.5866)


def test_the_photo_comes_with_the_observation(approach: Any, personas: Any) -> None:
    photo = SimpleUploadedFile("photo.jpg", jpeg_with_gps(size=(800, 600)), "image/jpeg")
    answer = client_for(personas["equipe"]).post(
        url(approach, "observation"),
        observation_data(str(uuid.uuid4()), photo=photo, photo_description="Le fossé"),
    )
    assert answer.status_code == 201
    stored = Observation.objects.get(approach=approach).photos.get()
    assert (stored.width, stored.height, stored.description) == (800, 600, "Le fossé")


def test_a_refusal_names_the_field_in_french(approach: Any, personas: Any) -> None:
    answer = client_for(personas["equipe"]).post(
        url(approach, "observation"), observation_data(str(uuid.uuid4()), title="")
    )
    assert answer.status_code == 400
    data = json.loads(answer.content.decode())
    assert data["etat"] == "refuse"
    assert "Titre" in data["erreurs"]
    assert data["message"].startswith("L'observation n'est pas enregistrée — Titre\u00a0:") or (
        "Titre :" in data["message"]
    )
    assert not Observation.objects.exists()


def test_a_missing_or_malformed_client_id_is_refused(approach: Any, personas: Any) -> None:
    client = client_for(personas["equipe"])
    for bad in ("", "pas-un-uuid"):
        answer = client.post(url(approach, "observation"), observation_data(bad))
        assert answer.status_code == 400
        assert "identifiant" in answer.json()["message"]
    assert not Observation.objects.exists()


def test_the_same_client_id_in_two_demarches_is_two_entries(approach: Any, personas: Any) -> None:
    cid = str(uuid.uuid4())
    assert (
        client_for(personas["equipe"])
        .post(url(approach, "observation"), observation_data(cid))
        .status_code
        == 201
    )
    other = personas["other_approach"]
    assert (
        client_for(personas["outsider"])
        .post(url(other, "observation"), observation_data(cid))
        .status_code
        == 201
    )
    assert Observation.objects.filter(client_id=cid).count() == 2


def test_testimony_keeps_the_consent_rule(approach: Any, personas: Any) -> None:
    client = client_for(personas["equipe"])
    data = {
        "client_id": str(uuid.uuid4()),
        "speaker_category": "habitant",
        "speaker_name": "Jeanne Morel",
        "spoken_on": "2026-11-30",
        "felt": "Depuis la crue de 2021, je dors mal quand il pleut.",
        "latitude": "45.58",
        "longitude": "5.27",
    }
    refused = client.post(url(approach, "temoignage"), data)
    assert refused.status_code == 400
    assert "accord" in refused.json()["message"]
    assert not fw.Testimony.objects.exists()
    data["speaker_name"] = ""
    stored = client.post(url(approach, "temoignage"), data)
    assert stored.status_code == 201
    assert fw.Testimony.objects.get().has_point


def test_vulnerability_offline(approach: Any, personas: Any) -> None:
    answer = client_for(personas["equipe"]).post(
        url(approach, "vulnerabilite"),
        {"client_id": str(uuid.uuid4()), "title": "Pont submersible", "severity": "3"},
    )
    assert answer.status_code == 201, answer.content
    assert Vulnerability.objects.get(approach=approach).severity == 3


def test_unknown_kind(approach: Any, personas: Any) -> None:
    answer = client_for(personas["equipe"]).post(url(approach, "ressource"), {})
    assert answer.status_code == 400


def test_rights(approach: Any, personas: Any) -> None:
    data = observation_data(str(uuid.uuid4()))
    assert (
        client_for(personas["outsider"]).post(url(approach, "observation"), data).status_code == 404
    )
    assert (
        client_for(personas["partenaire"]).post(url(approach, "observation"), data).status_code
        == 403
    )
    anonymous = Client().post(url(approach, "observation"), data)
    assert anonymous.status_code == 302
    assert not Observation.objects.filter(approach=approach).exists()


def test_csrf_is_required_and_the_header_is_accepted(approach: Any, personas: Any) -> None:
    client = client_for(personas["equipe"], csrf=True)
    data = observation_data(str(uuid.uuid4()))
    assert client.post(url(approach, "observation"), data).status_code == 403
    page = client.get(reverse("fieldwork:observation_create", args=[approach.slug]))
    token = page.cookies["csrftoken"].value
    answer = client.post(url(approach, "observation"), data, headers={"X-CSRFToken": token})
    assert answer.status_code == 201


def test_manifest_and_service_worker(approach: Any, personas: Any) -> None:
    client = client_for(personas["partenaire"])
    manifest = client.get(reverse("fieldwork:manifest", args=[approach.slug]))
    assert manifest["Content-Type"] == "application/manifest+json"
    data = json.loads(manifest.content)
    scope = f"/demarches/{approach.slug}/terrain/"
    assert data["scope"] == scope
    assert data["start_url"].startswith(scope)
    assert data["display"] == "standalone"
    assert {i["sizes"] for i in data["icons"]} == {"192x192", "512x512"}
    worker = client.get(reverse("fieldwork:service_worker", args=[approach.slug]))
    assert worker["Content-Type"].startswith("text/javascript")
    assert b'addEventListener("fetch"' in worker.content
    assert f"ressort-terrain-{approach.slug}-{offline.SW_VERSION}".encode() in worker.content
    outsider = client_for(personas["outsider"])
    assert outsider.get(reverse("fieldwork:manifest", args=[approach.slug])).status_code == 404
    assert (
        outsider.get(reverse("fieldwork:service_worker", args=[approach.slug])).status_code == 404
    )


def test_the_form_pages_carry_the_outbox(approach: Any, personas: Any) -> None:
    client = client_for(personas["equipe"])
    for name, args in (
        ("fieldwork:observation_create", []),
        ("fieldwork:testimony_create", []),
        ("fieldwork:item_create", ["vulnerabilite"]),
    ):
        html = client.get(reverse(name, args=[approach.slug, *args])).content.decode()
        assert "data-offline-outbox" in html
        assert "data-offline-form=" in html
        assert 'rel="manifest"' in html
    resource = client.get(reverse("fieldwork:item_create", args=[approach.slug, "ressource"]))
    assert "data-offline-form=" not in resource.content.decode()


def test_an_entry_noted_by_someone_else_on_a_shared_phone_is_refused(
    approach: Any, personas: Any
) -> None:
    """A phone's outbox keeps entries across a sign-out: the next person to sign in must not
    send them under their own name."""
    noted_by, signed_in = personas["equipe"], personas["chef_projet"]
    client = client_for(signed_in)
    cid = str(uuid.uuid4())
    answer = client.post(url(approach, "observation"), observation_data(cid, owner=noted_by.pk))
    assert answer.status_code == 400
    assert "notée sur ce téléphone par une autre personne" in answer.json()["message"]
    assert not Observation.objects.filter(approach=approach).exists()
    mine = client.post(url(approach, "observation"), observation_data(cid, owner=signed_in.pk))
    assert mine.status_code == 201
    assert Observation.objects.get(approach=approach).author == signed_in


def test_the_outbox_knows_whose_phone_session_it_is(approach: Any, personas: Any) -> None:
    page = client_for(personas["equipe"]).get(
        reverse("fieldwork:observation_create", args=[approach.slug])
    )
    assert f'data-outbox-owner="{personas["equipe"].pk}"' in page.content.decode()
