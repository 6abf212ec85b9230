"""Loading shipped frameworks, versioning, and the `referentiel` command."""

import re
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ressort.analysis import frameworks as fw
from ressort.frameworks import services
from ressort.frameworks.models import Dimension, Framework, FrameworkVersion, PriorityExercise


def test_loading_twice_changes_nothing(frameworks: None) -> None:
    counts = (FrameworkVersion.objects.count(), Dimension.objects.count())
    report = services.load_shipped()
    assert all("déjà à jour" in line for line in report.lines)
    assert (FrameworkVersion.objects.count(), Dimension.objects.count()) == counts
    assert set(Framework.objects.values_list("code", flat=True)) >= set(fw.SHIPPED_CODES)


def test_stored_boussole_keeps_its_flags(frameworks: None) -> None:
    version = services.shipped_current("boussole")
    assert version is not None
    levers = version.dimensions.filter(kind="levier")
    assert levers.count() == 18
    assert levers.filter(to_verify=True).count() == 11
    assert version.dimensions.filter(kind="principe").count() == 6
    assert version.crosswalks.filter(from_code="L1.1", target_framework="donut").exists()


def test_new_version_never_rewrites_the_old_one(frameworks: None, approach: Any) -> None:
    old = services.shipped_current("boussole")
    assert old is not None
    old_lever = old.dimensions.get(code="L3.2")
    exercise = PriorityExercise.objects.create(approach=approach, version=old, title="Atelier 1")
    doc = services.doc_from_version(old)
    corrected = fw.parse_framework(
        re.sub(
            r"^version: .*$", 'version: "2021"', fw.dump_framework(doc), count=1, flags=re.M
        ).replace(
            "Diffuser la connaissance et la culture du risque",
            "Levier corrigé",
        )
    )
    assert corrected.version == "2021"
    new, created = services.publish(corrected)
    assert created and new.is_current
    old.refresh_from_db()
    old_lever.refresh_from_db()
    exercise.refresh_from_db()
    assert not old.is_current
    assert old_lever.label.startswith("Diffuser la connaissance")
    assert exercise.version_id == old.pk
    assert new.dimensions.get(code="L3.2").label == "Levier corrigé"
    assert services.shipped_current("boussole") == new


def test_same_version_with_other_content_is_refused(frameworks: None) -> None:
    version = services.shipped_current("tracc")
    assert version is not None
    text = services.export_yaml(version).replace("+4 °C en 2100", "+5 °C en 2100")
    with pytest.raises(services.PublishError, match="déjà publiée avec un autre contenu"):
        services.publish(fw.parse_framework(text))
    assert version.dimensions.filter(label="+4 °C en 2100").exists()


def test_a_faulty_file_loads_nothing(db: Any, tmp_path: Path) -> None:
    (tmp_path / "bon.yaml").write_text(
        'code: bon\nnom: Bon\nversion: "1"\nsource: s\nelements:\n'
        "  - {code: A, type: dimension, libelle: A}\n",
        encoding="utf-8",
    )
    (tmp_path / "mauvais.yaml").write_text(
        'code: mauvais\nnom: M\nversion: "1"\nsource: s\nelements:\n'
        "  - {code: A, type: dimension, libelle: A}\n  - {code: B, type: truc, libelle: B}\n",
        encoding="utf-8",
    )
    report = services.load_shipped(tmp_path)
    assert report.lines == ("Référentiel « bon » version 1 chargé.",)
    (error,) = report.errors
    assert "mauvais.yaml, ligne 7" in error
    assert not Framework.objects.filter(code="mauvais").exists()


def test_command_export_then_import(frameworks: None, tmp_path: Path) -> None:
    out = StringIO()
    call_command("referentiel", "export", "donut", stdout=out)
    text = out.getvalue()
    assert text.startswith("# Référentiel au format Ressort")
    path = tmp_path / "donut.yaml"
    path.write_text(text.replace("version: '2017'", "version: 2017-b"), encoding="utf-8")
    out = StringIO()
    call_command("referentiel", "import", str(path), stdout=out)
    assert "version 2017-b publiée" in out.getvalue()
    again = services.shipped_current("donut")
    assert again is not None and again.version == "2017-b"
    assert (
        again.dimensions.count()
        == Dimension.objects.filter(
            version__framework__code="donut", version__version="2017"
        ).count()
    )


def test_command_import_errors_exit_2_in_french(db: Any, tmp_path: Path) -> None:
    path = tmp_path / "faux.yaml"
    path.write_text("code: faux\nnom: F\nversion: 1\nsource: s\nelements: []\n", encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("referentiel", "import", str(path))
    assert caught.value.returncode == 2
    message = str(caught.value)
    assert "rien n'a été chargé" in message
    assert f"{path}, ligne 3" in message and "un texte" in message
    assert f"{path}, ligne 5" in message and "ne doit pas être vide" in message
    with pytest.raises(CommandError) as unknown:
        call_command("referentiel", "export", "inconnu")
    assert unknown.value.returncode == 2
