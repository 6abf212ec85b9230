"""Walks (« diagnostic en marchant »): a GPX route read with located French errors, a route
recorded on the phone, the walk on the field map with the testimonies that have a place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from ressort.fieldwork import gpx, services
from ressort.fieldwork.models import Walk
from tests.fieldwork import factories

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent.parent / "data" / "gpx"


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_gpx_track_is_read() -> None:
    trace = gpx.read_gpx((DATA / "boucle.gpx").read_bytes())
    assert trace.name == "Boucle du Vernay"
    assert trace.points[0] == (5.27, 45.59)
    assert len(trace.points) == 4


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ((DATA / "mal-forme.gpx").read_bytes(), "mal formé, ligne 6, colonne"),
        (b"<kml><Document/></kml>", "n’est pas un GPX"),
        (b'<gpx>\n<trk><trkseg><trkpt lat="quarante" lon="5"/></trkseg></trk></gpx>', "ligne 2"),
        (b'<gpx><trk><trkseg><trkpt lon="5"/></trkseg></trk></gpx>', "sans latitude"),
        (b"<gpx></gpx>", "pas de trace"),
        (b'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY x "y">]><gpx>&x;</gpx>', "entités"),
        (b"x" * (gpx.MAX_BYTES + 1), "dépasse 5 Mo"),
    ],
)
def test_a_bad_gpx_is_refused_in_french(data: bytes, message: str) -> None:
    with pytest.raises(gpx.GpxError, match=message):
        gpx.read_gpx(data)


def test_a_walk_from_a_gpx_file(approach: Any, personas: Any) -> None:
    obs = factories.observation(approach)
    client = client_for(personas["equipe"])
    answer = client.post(
        reverse("fieldwork:walk_create", args=[approach.slug]),
        {
            "title": "Marche du Vernay",
            "walked_on": "2026-11-28",
            "participants": "2 élus, 6 habitants du hameau",
            "observations": [obs.pk],
            "gpx": SimpleUploadedFile("boucle.gpx", (DATA / "boucle.gpx").read_bytes()),
        },
    )
    assert answer.status_code == 302
    walk = Walk.objects.get(approach=approach)
    assert walk.source == "gpx" and len(walk.route) == 4
    assert 400 < walk.length_m < 600
    assert list(walk.observations.all()) == [obs]
    page = client.get(walk.get_absolute_url()).content.decode()
    assert "Marche du Vernay" in page and obs.title in page
    kinds = [f["properties"]["kind"] for f in services.map_features(approach)["features"]]
    assert "marche" in kinds


def test_a_malformed_gpx_changes_nothing(approach: Any, personas: Any) -> None:
    answer = client_for(personas["equipe"]).post(
        reverse("fieldwork:walk_create", args=[approach.slug]),
        {
            "title": "Marche",
            "walked_on": "2026-11-28",
            "gpx": SimpleUploadedFile("x.gpx", (DATA / "mal-forme.gpx").read_bytes()),
        },
    )
    assert answer.status_code == 200
    assert "ligne 6, colonne" in answer.content.decode()
    assert not Walk.objects.exists()


def test_a_walk_recorded_on_the_phone(approach: Any, personas: Any) -> None:
    answer = client_for(personas["equipe"]).post(
        reverse("fieldwork:walk_create", args=[approach.slug]),
        {
            "title": "Marche enregistrée",
            "walked_on": "2026-11-28",
            "recorded": "[[45.59, 5.27], [45.591, 5.272]]",
        },
    )
    assert answer.status_code == 302
    walk = Walk.objects.get()
    assert walk.source == "telephone"
    assert walk.route[0] == [5.27, 45.59]  # stored as (lon, lat), as GeoJSON


def test_a_walk_needs_a_route(approach: Any, personas: Any) -> None:
    answer = client_for(personas["equipe"]).post(
        reverse("fieldwork:walk_create", args=[approach.slug]),
        {"title": "Sans trace", "walked_on": "2026-11-28"},
    )
    assert "Importez la trace" in answer.content.decode()
    assert not Walk.objects.exists()


def test_walk_rights(approach: Any, personas: Any) -> None:
    walk = Walk.objects.create(
        approach=approach, title="M", walked_on="2026-11-28", route=[[5.27, 45.59], [5.28, 45.6]]
    )
    url = walk.get_absolute_url()
    assert client_for(personas["outsider"]).get(url).status_code == 404
    assert client_for(personas["partenaire"]).get(url).status_code == 200
    create = reverse("fieldwork:walk_create", args=[approach.slug])
    assert client_for(personas["partenaire"]).post(create, {}).status_code == 403


def test_testimonies_on_the_map_keep_the_consent_rule(approach: Any) -> None:
    factories.testimony(approach, latitude=45.59, longitude=5.27, speaker_detail="maraîchère")
    factories.testimony(
        approach,
        latitude=45.6,
        longitude=5.28,
        speaker_name="Jeanne Morel",
        consent_recorded=True,
        consent_note="accord écrit",
    )
    factories.testimony(approach)  # no place: not on the map
    titles = sorted(
        f["properties"]["title"]
        for f in services.map_features(approach)["features"]
        if f["properties"]["kind"] == "temoignage"
    )
    assert titles == ["Habitant·e, maraîchère", "Jeanne Morel (habitant·e)"]
