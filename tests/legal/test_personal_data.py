"""Personal data as the law wants (issue 16): a person's data found, exported and erased by
the démarche's leads (the aggregates keep their counts), consent records, the retention
period and the purge (a dry run unless --apply)."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from ressort.approaches.models import Approach
from ressort.fieldwork import models as fieldwork
from ressort.frameworks import services as framework_services
from ressort.frameworks.models import FrameworkVersion
from ressort.governance.models import Actor
from ressort.legal.models import ConsentRecord, RetentionPolicy, RightsRequest
from ressort.legal.personal_data import cutoff
from ressort.portrait.models import GridAnswer, ScoringSession
from ressort.workshops.models import Activity, Answer, Participant, Workshop
from tests.conftest import page_text

pytestmark = pytest.mark.django_db


def _world(approach: Approach, personas: dict[str, Any]) -> dict[str, Any]:
    today = timezone.localdate()
    named = fieldwork.Testimony.objects.create(
        approach=approach,
        speaker_category="habitant",
        speaker_name="Jeanne Martin",
        consent_recorded=True,
        spoken_on=today,
        felt="L'eau manque au jardin partagé.",
    )
    fieldwork.Quote.objects.create(testimony=named, text="L'eau manque")
    other = fieldwork.Testimony.objects.create(
        approach=approach,
        speaker_category="agent",
        spoken_on=today,
        felt="Les réseaux vieillissent.",
    )
    workshop = Workshop.objects.create(
        approach=approach, title="Atelier eau", held_on=today, created_by=personas["facilitateur"]
    )
    activity = Activity.objects.create(workshop=workshop, kind="nuage", title="Un mot", order=1)
    jeanne = Participant.objects.create(workshop=workshop, pseudonym="Jeanne M.")
    paul = Participant.objects.create(workshop=workshop, pseudonym="Paul")
    for p, word in ((jeanne, "sécheresse"), (paul, "pluie")):
        Answer.objects.create(
            activity=activity, participant=p, client_id="w1", payload={"word": word}
        )
    framework_services.load_shipped()
    session = ScoringSession.objects.create(
        approach=approach,
        version=FrameworkVersion.objects.filter(is_current=True).first(),
        title="Atelier eau",
    )
    for p, score in ((jeanne, 1), (paul, 3)):
        GridAnswer.objects.create(
            session=session, participant=f"p{p.pk}", question_code="Q1", score=score
        )
    actor = Actor.objects.create(
        approach=approach,
        name="Jardin partagé",
        contact_name="Jeanne Martin",
        contact_email="j@x.fr",
    )
    return {"named": named, "other": other, "jeanne": jeanne, "paul": paul, "actor": actor}


def test_find_export_and_erase_a_person(
    approach: Approach, personas: dict[str, Any], client: Any
) -> None:
    w = _world(approach, personas)
    url = f"/demarches/{approach.slug}/donnees-personnelles/"
    client.force_login(personas["partenaire"])
    assert client.get(url + "?q=Jeanne").status_code == 403
    client.force_login(personas["facilitateur"])
    page = page_text(client.get(url + "?q=jeanne"))
    assert "Témoignage du" in page and "Jeanne Martin" in page
    assert "sous le pseudonyme «\u00a0Jeanne M.\u00a0»\u00a0: 1 réponse" in page
    assert "Contact de l’acteur «\u00a0Jardin partagé\u00a0»" in page

    exported = client.get(url + "export/?q=jeanne")
    assert exported["Content-Disposition"] == 'attachment; filename="donnees-jeanne.json"'
    data = json.loads(exported.content)
    assert data["temoignages"][0]["vecu"] == "L'eau manque au jardin partagé."
    assert data["temoignages"][0]["citations"] == ["L'eau manque"]
    assert data["participations"][0]["reponses"] == [
        {"activite": "Un mot", "reponse": {"word": "sécheresse"}}
    ]

    refused = client.post(url + "effacer/", {"q": "jeanne"}, follow=True)
    assert "Cochez la case de confirmation" in page_text(refused)
    assert fieldwork.Testimony.objects.filter(pk=w["named"].pk).exists()

    done = client.post(url + "effacer/", {"q": "jeanne", "confirm": "oui"}, follow=True)
    assert "Effacement fait\u00a0: 1 témoignage et 1 citation supprimés" in page_text(done)
    assert not fieldwork.Testimony.objects.filter(pk=w["named"].pk).exists()
    assert not fieldwork.Quote.objects.exists()
    assert not Participant.objects.filter(pk=w["jeanne"].pk).exists()
    assert list(Answer.objects.values_list("payload__word", flat=True)) == ["pluie"]
    # The portrait's scoring keeps both scores, neither pointing at Jeanne any more.
    refs = dict(GridAnswer.objects.values_list("participant", "score"))
    assert sorted(refs.values()) == [1, 3] and f"p{w['jeanne'].pk}" not in refs
    assert refs[f"p{w['paul'].pk}"] == 3
    w["actor"].refresh_from_db()
    assert (w["actor"].name, w["actor"].contact_name, w["actor"].contact_email) == (
        "Jardin partagé",
        "",
        "",
    )
    assert fieldwork.Testimony.objects.filter(pk=w["other"].pk).exists()
    kinds = list(RightsRequest.objects.values_list("kind", flat=True))
    assert sorted(kinds) == ["acces", "effacement"]
    assert "Jeanne" not in " ".join(RightsRequest.objects.values_list("summary", flat=True))
    # Gone from the pages and the exports too.
    listing = page_text(client.get(f"/demarches/{approach.slug}/terrain/temoignages/"))
    assert "Jeanne Martin" not in listing
    assert "Agent de la collectivité" in listing  # the other testimony stays
    assert json.loads(client.get(url + "export/?q=jeanne").content)["temoignages"] == []


def test_consent_records_and_retention(
    approach: Approach, personas: dict[str, Any], client: Any
) -> None:
    client.force_login(personas["facilitateur"])
    url = f"/demarches/{approach.slug}/donnees-personnelles/"
    assert "Conservation actuelle\u00a0: <strong>36\u00a0mois</strong>" in page_text(
        client.get(url)
    )
    response = client.post(url + "conservation/", {"months": "0"})
    assert response.status_code == 400 and "Une durée de 1 à 240 mois." in page_text(response)
    client.post(url + "conservation/", {"months": "12"})
    assert RetentionPolicy.objects.get(approach=approach).months == 12
    response = client.post(
        url + "consentements/",
        {
            "person": "Jeanne Martin",
            "purpose": "Être nommée dans le portrait",
            "given_on": "2026-11-02",
            "how": "ecrit",
            "withdrawn_on": "2026-10-01",
        },
    )
    assert "Le retrait ne peut pas précéder l’accord." in page_text(response)
    assert not ConsentRecord.objects.exists()
    client.post(
        url + "consentements/",
        {
            "person": "Jeanne Martin",
            "purpose": "Être nommée dans le portrait",
            "given_on": "2026-11-02",
            "how": "ecrit",
        },
    )
    record = ConsentRecord.objects.get()
    assert (record.given_on, record.created_by) == (dt.date(2026, 11, 2), personas["facilitateur"])
    assert "Être nommée dans le portrait" in page_text(client.get(url))


def test_cutoff_counts_calendar_months() -> None:
    assert cutoff(1, dt.date(2027, 3, 31)) == dt.date(2027, 2, 28)
    assert cutoff(12, dt.date(2028, 2, 29)) == dt.date(2027, 2, 28)
    assert cutoff(36, dt.date(2026, 12, 1)) == dt.date(2023, 12, 1)


def test_purge_is_a_dry_run_unless_applied(approach: Approach, personas: dict[str, Any]) -> None:
    RetentionPolicy.objects.create(approach=approach, months=12)
    today = timezone.localdate()
    old_day = today - dt.timedelta(days=800)
    old = fieldwork.Testimony.objects.create(
        approach=approach, speaker_category="habitant", spoken_on=old_day, felt="Autrefois"
    )
    recent = fieldwork.Testimony.objects.create(
        approach=approach, speaker_category="habitant", spoken_on=today, felt="Aujourd'hui"
    )
    workshop = Workshop.objects.create(
        approach=approach, title="Vieil atelier", held_on=old_day, created_by=personas["equipe"]
    )
    activity = Activity.objects.create(workshop=workshop, kind="nuage", title="Un mot", order=1)
    p = Participant.objects.create(workshop=workshop, pseudonym="Ancien")
    Answer.objects.create(activity=activity, participant=p, client_id="w1", payload={"word": "x"})

    out = StringIO()
    call_command("purge", stdout=out)
    text = out.getvalue()
    assert "1 témoignage, 0 photo, 1 participation et 1 réponse à effacer" in text
    assert "simulation" in text
    assert fieldwork.Testimony.objects.count() == 2 and Participant.objects.exists()

    out = StringIO()
    call_command("purge", "--apply", stdout=out)
    assert "effacés." in out.getvalue()
    assert list(fieldwork.Testimony.objects.all()) == [recent]
    assert not fieldwork.Testimony.objects.filter(pk=old.pk).exists()
    assert not Participant.objects.exists() and not Answer.objects.exists()
    out = StringIO()
    call_command("purge", stdout=out)
    assert "Aucune donnée personnelle n'a dépassé sa durée de conservation." in out.getvalue()


def test_an_unconfirmed_erasure_comes_back_to_the_same_search(
    approach: Approach, personas: dict[str, Any], client: Any
) -> None:
    """The name typed is sent back whole in the address (« & », « # », « + » included)."""
    fieldwork.Testimony.objects.create(
        approach=approach,
        speaker_category="habitant",
        speaker_name="Martin & Fils",
        consent_recorded=True,
        spoken_on=timezone.localdate(),
        felt="Le quai est inondé.",
    )
    url = f"/demarches/{approach.slug}/donnees-personnelles/"
    client.force_login(personas["facilitateur"])
    refused = client.post(url + "effacer/", {"q": "Martin & Fils"})
    assert refused.status_code == 302
    back = client.get(refused["Location"])
    assert back.context["query"] == "Martin & Fils"
    assert "Martin & Fils" in page_text(back)


def test_a_failed_purge_keeps_the_photos_files(
    approach: Approach,
    settings: Any,
    tmp_path: Any,
    monkeypatch: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    """All or nothing: when the purge of a démarche fails half-way, its rows are rolled back
    and the photos' files are still there (they go only once the deletion is committed)."""
    from django.core.files.base import ContentFile

    from ressort.legal import personal_data
    from tests.fieldwork.factories import observation

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": settings.MEDIA_ROOT},
        },
    }
    photo = fieldwork.Photo(observation=observation(approach), description="La berge")
    photo.image.save("x.jpg", ContentFile(b"jpeg"), save=True)
    long_ago = timezone.now() - dt.timedelta(days=5 * 366)
    fieldwork.Photo.objects.filter(pk=photo.pk).update(created_at=long_ago)
    stored = settings.MEDIA_ROOT / photo.image.name
    assert stored.exists()

    def broken(participants: Any) -> int:
        raise RuntimeError("panne au milieu de la purge")

    monkeypatch.setattr(personal_data, "_erase_participants", broken)
    with pytest.raises(RuntimeError):
        personal_data.purge(apply=True)
    assert fieldwork.Photo.objects.filter(pk=photo.pk).exists()
    assert stored.exists()

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        personal_data.purge(apply=True)
    assert not fieldwork.Photo.objects.filter(pk=photo.pk).exists()
    assert not stored.exists()


def _cached_part(settings: Any, tmp_path: Any) -> Any:
    """A cached document part quoting the person (the parts hold documents' text)."""
    settings.RESSORT_DOCUMENT_CACHE_DIR = str(tmp_path / "parts")
    from ressort.documents import parts

    folder = parts.cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "abc.pdf").write_bytes(b"%PDF Jeanne Martin")
    (folder / "abc.json").write_text("{}")
    return folder


def test_an_erasure_empties_the_cached_document_parts(
    approach: Approach,
    personas: dict[str, Any],
    client: Any,
    settings: Any,
    tmp_path: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    _world(approach, personas)
    folder = _cached_part(settings, tmp_path)
    client.force_login(personas["facilitateur"])
    url = f"/demarches/{approach.slug}/donnees-personnelles/effacer/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"q": "jeanne", "confirm": "oui"})
    assert not fieldwork.Testimony.objects.filter(speaker_name__icontains="Jeanne").exists()
    assert list(folder.iterdir()) == []


def test_a_purge_empties_the_cached_document_parts(
    approach: Approach, settings: Any, tmp_path: Any, django_capture_on_commit_callbacks: Any
) -> None:
    RetentionPolicy.objects.create(approach=approach, months=12)
    fieldwork.Testimony.objects.create(
        approach=approach,
        speaker_category="habitant",
        spoken_on=timezone.localdate() - dt.timedelta(days=800),
        felt="Autrefois",
    )
    folder = _cached_part(settings, tmp_path)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge", stdout=StringIO())
    assert len(list(folder.iterdir())) == 2  # a dry run keeps them
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge", "--apply", stdout=StringIO())
    assert list(folder.iterdir()) == []


def test_an_erasure_and_a_purge_outside_a_request_raise_the_demarches_version(
    approach: Approach, personas: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    """Kept pages and the computed portrait are keyed on the démarche's version: an erasure
    run by a command or the task queue (no démarche request around it) must raise it too,
    or a page kept before would show the person again."""
    from ressort.legal import personal_data
    from ressort.web import freshness

    _world(approach, personas)
    before = freshness.version(approach.pk)
    data = personal_data.find(approach, "jeanne")
    with django_capture_on_commit_callbacks(execute=True):
        personal_data.erase(approach, data, personas["facilitateur"])
    after_erasure = freshness.version(approach.pk)
    assert after_erasure != before

    RetentionPolicy.objects.create(approach=approach, months=12)
    fieldwork.Testimony.objects.create(
        approach=approach,
        speaker_category="habitant",
        spoken_on=timezone.localdate() - dt.timedelta(days=800),
        felt="Autrefois",
    )
    current = freshness.version(approach.pk)
    with django_capture_on_commit_callbacks(execute=True):
        personal_data.purge(apply=True)
    assert freshness.version(approach.pk) != current
