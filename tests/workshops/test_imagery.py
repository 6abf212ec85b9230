"""Pins on aerial imagery (issue 22): the projector shows the then/now pair, phones drop
commented pins, which become point annotations of photo-interpretation."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from ressort.aerial.models import Annotation
from ressort.workshops import kinds, services
from ressort.workshops.models import Activity, Participant, Workshop
from tests.workshops.conftest import join, make_activity

pytestmark = pytest.mark.django_db


def pins(workshop: Workshop) -> Activity:
    layers = [str(n) for n in range(2)]
    return make_activity(
        workshop,
        "photo",
        "Ce qui a changé autour du lac",
        {
            "latitude": 45.617,
            "longitude": 5.158,
            "zoom": 16,
            "then_layer": layers[1],
            "now_layer": layers[0],
        },
    )


def test_the_pair_is_configured_from_the_layers(workshop: Workshop) -> None:
    act = pins(workshop)
    assert act.config["center"] == [45.617, 5.158]
    assert act.config["now"]["periode"] == "actuelle"
    assert act.config["then"]["periode"] == "2000–2005"


def test_a_phone_drops_a_pin_with_a_comment(workshop: Workshop) -> None:
    act = pins(workshop)
    services.set_state(act, Activity.State.OPEN)
    phone = join(Client(), workshop)
    board = phone.get(f"/atelier/{workshop.join_code}/activites/").content.decode()
    assert "data-pin-map" in board and "pins.js" in board
    answer = phone.post(
        f"/atelier/{workshop.join_code}/activites/{act.pk}/repondre/",
        {
            "client_id": "pinpin001",
            "latitude": "45.6171",
            "longitude": "5.1583",
            "comment": "Ici la haie a disparu",
        },
    )
    assert answer.status_code in (200, 302)
    stored = act.answers.get()
    assert stored.payload == {"lat": 45.6171, "lon": 5.1583, "comment": "Ici la haie a disparu"}


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"latitude": "", "longitude": "", "comment": "x"}, "touchez la photo"),
        ({"latitude": "95", "longitude": "5", "comment": "x"}, "position impossible"),
        ({"latitude": "45.6", "longitude": "5.1", "comment": " "}, "dites ce que vous voyez"),
    ],
)
def test_bad_pins_are_refused_in_french(
    workshop: Workshop, fields: dict[str, str], message: str
) -> None:
    act = pins(workshop)
    kind = kinds.get_kind("photo")
    with pytest.raises(kinds.AnswerError, match=message):
        kind.parse({"client_id": ["pinpin002"], **{k: [v] for k, v in fields.items()}}, act.config)


def test_projection_and_delivery(workshop: Workshop, personas: dict[str, Any]) -> None:
    act = pins(workshop)
    services.set_state(act, Activity.State.OPEN)
    for n, comment in enumerate(("Lotissement neuf", "Mare disparue")):
        p = Participant.objects.create(workshop=workshop)
        services.store_answers(
            p,
            act.pk,
            {
                "client_id": [f"pinpin10{n}"],
                "latitude": ["45.617"],
                "longitude": [f"5.15{n}"],
                "comment": [comment],
            },
        )
    services.set_state(act, Activity.State.CLOSED)
    act.refresh_from_db()
    c = Client()
    c.force_login(personas["facilitateur"])
    html = c.get(
        f"/demarches/{workshop.approach.slug}/ateliers/{workshop.pk}/projection/"
    ).content.decode()
    assert "pins.js" in html
    results = kinds.get_kind("photo").results(act.config, list(act.answers.all()))
    assert results["count"] == 2 and results["config"]["then"]["periode"] == "2000–2005"
    services.deliver(act)
    stored = Annotation.objects.filter(approach=workshop.approach).order_by("title")
    assert [a.title for a in stored] == ["Lotissement neuf", "Mare disparue"]
    assert stored[0].shape == "point" and stored[0].then_period == "2000–2005"
    assert stored[0].epsg == 2154
