"""Backup and restore of one démarche: the round trip of the demo compares every row of
every model reaching the démarche, field by field (ids aside, foreign keys remapped), its
history and its files; and a model reaching Approach that the archive would miss fails."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import models

from ressort.approaches.demo import load_demo
from ressort.approaches.models import Approach
from ressort.backup import archive
from ressort.backup.graph import demarche_models, history_of, relations, rows_of
from ressort.fieldwork.models import Observation, Photo
from ressort.territories.importer import import_official_territories
from tests.territories.test_import import CONTOURS, DATA

JPEG = b"\xff\xd8\xff\xe0" + b"photo-de-terrain" * 64


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
    }
    return tmp_path / "media"


@pytest.fixture
def demo(db: Any, media: Path) -> Approach:
    import_official_territories(DATA, CONTOURS)
    approach, _ = load_demo()
    observation = Observation.objects.create(
        approach=approach, title="Berges", text="Érosion des berges", observed_on=date(2026, 5, 2)
    )
    photo = Photo(observation=observation, description="La berge", width=4, height=3)
    photo.image.save("berge.jpg", ContentFile(JPEG), save=True)
    return approach


def test_every_model_reaching_a_demarche_is_in_the_archive() -> None:
    """Walks the foreign keys again, independently: a model that points to a démarche, or to
    a model that does, must be in the graph the archive writes (nothing is listed by hand)."""
    reach: set[type[models.Model]] = {Approach}
    everything = [m for m in apps.get_models(include_auto_created=True) if not m._meta.proxy]
    for _ in range(len(everything)):
        for model in everything:
            for f in model._meta.get_fields():
                key = f.concrete and f.is_relation and (f.many_to_one or f.one_to_one)
                if key and f.related_model in reach:
                    reach.add(model)
    assert reach == set(demarche_models())
    # Each shared model an archive points to has an identity to be found again by.
    for model in demarche_models():
        for f in relations(model):
            target = f.related_model
            assert target in reach or archive._key_fields(target), f"{model} → {target}"
    # Some apps the method rests on, and their history, are covered.
    labels = {m._meta.label for m in demarche_models()}
    assert {"strategy.ActionSheet", "strategy.HistoricalActionSheet", "fieldwork.Photo"} <= labels
    assert "systems.Node_indicators" in labels  # many-to-many tables travel as rows


def _same(
    model: type[models.Model],
    old: Any,
    new: Any,
    mapping: dict[str, dict[Any, Any]],
    before: dict[Any, set[Any]],
) -> list[str]:
    differences = []
    original = history_of(model)
    for f in model._meta.concrete_fields:
        if f.primary_key:
            continue
        if model is Approach and f.name in ("slug", "name", "name_key"):
            continue
        was, now = getattr(old, f.attname), getattr(new, f.attname)
        if f.is_relation and was is not None and was in before.get(f.related_model, ()):
            expected = mapping[f.related_model._meta.label][was]
        elif original is not None and f.attname == original._meta.pk.attname:
            expected = mapping[original._meta.label].get(was, was)
        elif isinstance(f, models.FileField):
            if was.name:
                with was.open("rb") as a, now.open("rb") as b:
                    if a.read() != b.read():
                        differences.append(f"{model._meta.label}.{f.name}: contenu")
            continue
        elif f.unique and not f.is_relation and f.has_default() and callable(f.default):
            # a join code restored next to its original gets a fresh one
            assert now != was
            continue
        else:
            expected = was
        if now != expected:
            differences.append(f"{model._meta.label}.{f.name}: {expected!r} ≠ {now!r}")
    return differences


@pytest.mark.django_db
def test_demo_round_trip_compares_everything(demo: Approach, tmp_path: Path) -> None:
    path = tmp_path / "demo.zip"
    out = io.StringIO()
    call_command("demarche", "exporter", "demo", "-o", str(path), stdout=out)
    assert "exportée" in out.getvalue()
    with zipfile.ZipFile(path) as zipped:
        manifest = json.loads(zipped.read("manifest.json"))
        assert manifest["format"] == "ressort-demarche"
        assert any(
            name.startswith("files/") and name.endswith(".jpg") for name in zipped.namelist()
        )

    before = rows_of(demo)
    history_rows = sum(len(pks) for m, pks in before.items() if history_of(m))
    assert history_rows > 0  # the demo's history is part of the trip
    assert sum(len(pks) for pks in before.values()) > 500  # the whole demo, not a sample
    assert sum(1 for pks in before.values() if pks) > 60
    counts = {m._meta.label: m._default_manager.count() for m in demarche_models()}

    with path.open("rb") as source:
        restored = archive.restore(source, slug="demo-copie", name="Démo restaurée")
    copy = restored.approach
    assert (copy.slug, copy.name) == ("demo-copie", "Démo restaurée")
    after = rows_of(copy)
    differences: list[str] = []
    for model in demarche_models():
        label = model._meta.label
        assert len(after[model]) == len(before[model]), label  # nothing lost, nothing added
        mapping = restored.mapping.get(label, {})
        assert set(mapping.values()) == after[model], label
        assert not set(mapping.values()) & before[model], label  # new ids
        # No phantom rows anywhere (e.g. a history row written by the restore itself).
        assert model._default_manager.count() == counts[label] + len(before[model]), label
        olds = model._default_manager.in_bulk(before[model])
        news = model._default_manager.in_bulk(after[model])
        for old_pk, old in olds.items():
            differences += _same(model, old, news[mapping[old_pk]], restored.mapping, before)
    assert differences == []


@pytest.mark.django_db
def test_restore_refuses_a_taken_slug_in_french_and_writes_nothing(
    demo: Approach, tmp_path: Path
) -> None:
    path = tmp_path / "demo.zip"
    with path.open("wb") as out:
        archive.export(demo, out)
    before = Approach.objects.count()
    with pytest.raises(
        CommandError, match="« demo » existe déjà : choisissez-en un autre avec --slug"
    ):
        call_command("demarche", "importer", str(path))
    with pytest.raises(CommandError, match=r"nommée .* existe déjà .* --nom"):
        call_command("demarche", "importer", str(path), "--slug", "autre")
    assert Approach.objects.count() == before
    bad = tmp_path / "pas-une-archive.zip"
    bad.write_bytes(b"bonjour")
    with pytest.raises(CommandError, match="Archive illisible"):
        call_command("demarche", "importer", str(bad))


@pytest.mark.django_db
def test_restore_elsewhere_creates_missing_accounts_without_password(
    demo: Approach, tmp_path: Path
) -> None:
    """Another instance lacks the démarche's accounts: they are created, unusable password."""
    from django.contrib.auth import get_user_model

    buffer = io.BytesIO()
    archive.export(demo, buffer)
    member = demo.memberships.select_related("user").first()
    assert member is not None
    email = member.user.email
    data = buffer.getvalue()
    # The archive names accounts by address: rename the one here to play another instance.
    get_user_model().objects.filter(email=email).update(email="ailleurs@example.org")
    restored = archive.restore(io.BytesIO(data), slug="ailleurs", name="Ailleurs")
    assert email in restored.accounts_created
    user = get_user_model().objects.get(email=email)
    assert not user.has_usable_password()
    assert restored.approach.memberships.filter(user=user).exists()


@pytest.mark.django_db
def test_restored_demarche_starts_with_nobody_connected(demo: Approach) -> None:
    """Open sockets are the exporting server's state: a restore does not inherit them."""
    from ressort.workshops.models import Participant

    participant = Participant.objects.filter(workshop__approach=demo).first()
    assert participant is not None
    Participant.objects.filter(pk=participant.pk).update(open_sockets=3)
    buffer = io.BytesIO()
    archive.export(demo, buffer)
    restored = archive.restore(io.BytesIO(buffer.getvalue()), slug="copie", name="Copie")
    copies = Participant.objects.filter(workshop__approach=restored.approach)
    assert copies.count() == Participant.objects.filter(workshop__approach=demo).count()
    assert not copies.filter(open_sockets__gt=0).exists()
    assert Participant.objects.get(pk=participant.pk).open_sockets == 3


@pytest.mark.django_db
def test_an_archive_made_before_the_indicator_links_moved_restores_them(
    demo: Approach, tmp_path: Path
) -> None:
    """Archives written before the field-to-indicator links moved to the portrait name their
    tables by the fieldwork labels: restored, the links are the same."""
    buffer = io.BytesIO()
    archive.export(demo, buffer)
    old = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as new, zipfile.ZipFile(old, "w") as out:
        for name in new.namelist():
            content = new.read(name)
            if name == "data.json":
                data = json.loads(content)
                for before, now in archive.MOVED.items():
                    data[before] = data.pop(now)
                content = json.dumps(data).encode()
            out.writestr(name, content)
    links = sorted(
        (v.title, i.code) for v in demo.vulnerabilities.all() for i in v.indicators.all()
    )
    assert links  # the demo links its inventory to indicators
    restored = archive.restore(io.BytesIO(old.getvalue()), slug="ancienne", name="Ancienne")
    again = sorted(
        (v.title, i.code)
        for v in restored.approach.vulnerabilities.all()
        for i in v.indicators.all()
    )
    assert again == links
    assert all(i.approach_id == restored.approach.pk for i in restored.approach.indicators.all())
