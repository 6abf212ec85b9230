"""The partial the portrait page includes."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string

from ressort.fieldwork import services
from ressort.fieldwork.models import Photo
from tests.fieldwork import factories

pytestmark = pytest.mark.django_db


def test_partial_shows_one_dimension_and_only_portrait_photos(approach: Any) -> None:
    obs = factories.observation(approach)
    public = Photo(observation=obs, description="Le pont à sec", in_portrait=True)
    public.image.save("a.jpg", SimpleUploadedFile("a.jpg", b"x"), save=True)
    private = Photo(observation=obs, description="Visage d'un riverain")
    private.image.save("b.jpg", SimpleUploadedFile("b.jpg", b"x"), save=True)
    factories.testimony(approach, quotes=(("On a peur de manquer d'eau.", ["water"]),))
    factories.vulnerability(approach)
    factories.resource(approach, title="Nappe de la Bourbre")
    evidence = services.evidence_by_dimension(approach)
    html = render_to_string(
        "fieldwork/_portrait_evidence.html", {"evidence": evidence["water"], "approach": approach}
    )
    assert "On a peur de manquer d" in html and "Habitant·e" in html
    assert obs.title in html and public.get_absolute_url() in html
    assert private.get_absolute_url() not in html
    assert "Dépendance à une seule ressource en eau" in html and "Nappe de la Bourbre" in html
    empty = render_to_string("fieldwork/_portrait_evidence.html", {"evidence": None})
    assert "Aucune observation" in empty
