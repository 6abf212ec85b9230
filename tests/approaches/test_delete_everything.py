"""Deleting a démarche deletes everything of it, history and files included, or refuses in
French when something outside it depends on it — never a server error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from ressort.approaches.models import Approach
from ressort.fieldwork.models import Photo
from ressort.frameworks import services as frameworks
from ressort.frameworks.models import Framework, PriorityExercise
from ressort.portrait.models import Indicator
from tests.conftest import page_text
from tests.fieldwork.factories import observation

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    settings.MEDIA_ROOT = root
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": root},
        },
    }
    return root


@pytest.fixture
def full(approach: Approach, personas: dict[str, Any], media: Path) -> dict[str, Any]:
    report = frameworks.load_shipped()
    assert not report.errors
    lead = personas["chef_projet"]
    grid = frameworks.create_grid(
        approach, lead, "Notre boussole", frameworks.shipped_current("boussole")
    )
    exercise = PriorityExercise.objects.create(
        approach=approach, version=frameworks.grid_version(grid), title="Atelier d'appropriation"
    )
    photo = Photo(observation=observation(approach), description="La rivière")
    photo.image.save("x.jpg", ContentFile(b"jpeg"), save=True)
    indicator = Indicator.objects.create(
        approach=approach, code="eau", name="Eau", unit="m³", source="Régie"
    )
    indicator.name = "Eau potable"
    indicator.save()  # a second history row
    return {"grid": grid, "exercise": exercise, "photo": media / photo.image.name}


def delete(client: Client, approach: Approach) -> Any:
    return client.post(
        f"/demarches/{approach.slug}/supprimer/", {"confirm_name": approach.name}, follow=True
    )


def test_a_demarche_with_a_grid_used_by_an_appropriation_exercise_is_deleted_whole(
    approach: Approach, personas: dict[str, Any], full: dict[str, Any]
) -> None:
    assert full["photo"].exists()
    client = Client()
    client.force_login(personas["chef_projet"])
    response = delete(client, approach)
    assert response.status_code == 200
    assert "a été supprimée" in page_text(response)
    assert not Approach.objects.filter(pk=approach.pk).exists()
    assert not Framework.objects.filter(pk=full["grid"].pk).exists()
    assert not PriorityExercise.objects.filter(pk=full["exercise"].pk).exists()
    assert not full["photo"].exists()  # the file too, not only its row
    assert not Indicator.history.filter(approach_id=approach.pk).exists()
    assert Approach.objects.filter(pk=personas["other_approach"].pk).exists()


def test_a_demarche_another_one_depends_on_is_kept_with_a_french_reason(
    approach: Approach, personas: dict[str, Any], full: dict[str, Any]
) -> None:
    other = personas["other_approach"]
    frameworks.create_grid(
        other, personas["outsider"], "Grille reprise", frameworks.grid_version(full["grid"])
    )
    client = Client()
    client.force_login(personas["chef_projet"])
    response = delete(client, approach)
    assert response.status_code == 200
    text = page_text(response)
    assert "n’a pas été supprimée" in text and "Grille reprise" in text
    assert Approach.objects.filter(pk=approach.pk).exists()
    assert PriorityExercise.objects.filter(pk=full["exercise"].pk).exists()
    assert full["photo"].exists()
