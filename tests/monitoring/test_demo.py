"""The demo démarche's monitoring content, built after the portrait and strategy demos."""

from typing import Any

import pytest

from ressort.approaches.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, load_demo
from ressort.monitoring import library
from ressort.monitoring.models import ExperienceReport, Meeting, Trajectory
from ressort.territories.importer import import_official_territories
from tests.conftest import page_text
from tests.territories.test_import import CONTOURS, DATA


@pytest.fixture
def demo(db: Any) -> Any:
    import_official_territories(DATA, CONTOURS)
    approach, _ = load_demo()
    return approach


def test_demo_trajectories_committee_progress_and_cases(demo: Any, client: Any) -> None:
    assert Trajectory.objects.filter(approach=demo).count() == 5
    national = Trajectory.objects.get(indicator__code="artificialisation")
    assert [m.percent for m in national.milestones.all()] == [-50.0, -100.0]
    meeting = Meeting.objects.get(approach=demo)
    assert meeting.decisions.count() == 3
    assert meeting.decisions.filter(actions__isnull=False).exists()
    shipped = ExperienceReport.objects.filter(shipped=True)
    assert shipped.count() == len(library.read_shipped_cases())
    assert all(r.source_label for r in shipped)
    assert client.login(email=DEMO_ACCOUNTS[0].email, password=DEMO_PASSWORD)
    board = page_text(client.get("/demarches/demo/suivi/"))
    assert "Hors trajectoire" in board and "illustratif" in page_text(
        client.get(f"/demarches/demo/pilotage/{meeting.pk}/")
    )
    assert "Ce qui a changé depuis la dernière réunion" in board
    evaluation = demo.evaluations.get()
    text = page_text(client.get(f"/demarches/demo/evaluations/{evaluation.pk}/"))
    assert "Taux de réalisation" in text
    library_page = page_text(client.get("/demarches/demo/retours-experience/"))
    assert "Grande-Synthe" in library_page and "Cas public livré avec Ressort" in library_page


def test_shipped_cases_load_idempotently_and_refuse_bad_files(db: Any, tmp_path: Any) -> None:
    created, updated = library.load_shipped_cases()
    assert created > 0 and updated == 0
    assert library.load_shipped_cases() == (0, created)
    assert ExperienceReport.objects.count() == created
    bad = tmp_path / "cas.yaml"
    bad.write_text(
        "- title: Sans rien\n  size_class: geant\n  themes: [poesie]\n", encoding="utf-8"
    )
    with pytest.raises(ValueError) as fault:
        library.load_shipped_cases(bad)
    message = str(fault.value)
    assert "cas n° 1 : champ « summary » manquant" in message
    assert "size_class : « geant » inconnu" in message and "thème « poesie » inconnu" in message
