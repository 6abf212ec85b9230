from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from ressort.approaches.models import Approach
from ressort.frameworks import services as framework_services
from ressort.frameworks.models import FrameworkVersion
from ressort.workshops import kinds
from ressort.workshops.models import Activity, Workshop


@pytest.fixture
def frameworks(db: Any) -> None:
    report = framework_services.load_shipped()
    assert not report.errors, report.errors


def make_activity(workshop: Workshop, kind: str, title: str, data: dict[str, Any]) -> Activity:
    config = kinds.get_kind(kind).build_config(data, workshop.approach)
    last = workshop.activities.count()
    return Activity.objects.create(
        workshop=workshop, kind=kind, title=title, config=config, order=last + 1
    )


@pytest.fixture
def workshop(approach: Approach, personas: dict[str, Any], frameworks: None) -> Workshop:
    w = Workshop(
        approach=approach,
        title="Atelier vision du 12 mars",
        place="Salle des fêtes",
        ask_category=True,
        created_by=personas["facilitateur"],
    )
    w.code_expires_at = w.default_expiry()
    w.save()
    boussole = FrameworkVersion.objects.get(framework__code="boussole", is_current=True)
    donut = FrameworkVersion.objects.get(framework__code="donut", is_current=True)
    make_activity(w, "idees", "Vos idées pour l'eau", {"target": "idees", "tag_dimensions": True})
    make_activity(
        w, "grille", "Gouvernance", {"version": boussole.pk, "codes": "Q1.1.a, Q1.1.b, Q1.2.a"}
    )
    make_activity(
        w, "vote", "Quelle action d'abord ?", {"labels": "Haies\nCantine bio\nCovoiturage"}
    )
    make_activity(w, "nuage", "La CAPI en 2050", {"max_words": 2})
    make_activity(w, "classement", "Ce qui compte", {"version": donut.pk, "mode": "rang"})
    make_activity(
        w,
        "notation",
        "Notation",
        {"labels": "Haies\nCantine bio", "criteria": "eau ; Eau\nclimat ; Climat"},
    )
    return w


def activity(workshop: Workshop, kind: str) -> Activity:
    return workshop.activities.get(kind=kind)


def join(client: Client, workshop: Workshop, **extra: str) -> Client:
    response = client.post("/atelier/", {"code": workshop.join_code, **extra})
    assert response.status_code == 302, response.content.decode()[:500]
    return client
