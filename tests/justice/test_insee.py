"""The INSEE census loader, on shipped files (tests/data/justice)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ressort.approaches.models import Approach
from ressort.justice import insee
from ressort.justice.models import GroupSize, PopulationGroup
from ressort.tables import TableError
from ressort.territories.models import Territory

DATA = Path(__file__).parent.parent / "data" / "justice"
pytestmark = pytest.mark.django_db


@pytest.fixture
def perimeter(approach: Approach, territories: dict[str, Territory]) -> Approach:
    approach.communes.set([territories["bourgoin"], territories["villefontaine"]])
    return approach


def load(approach: Approach, name: str) -> insee.InseeReport:
    return insee.load_file(approach, (DATA / name).read_bytes(), name)


def test_age_bands_per_commune_of_the_perimeter(perimeter: Approach) -> None:
    report = load(perimeter, "pop_age_2021.csv")
    assert (report.groups_created, report.sizes, report.communes, report.year) == (6, 12, 2, 2021)
    young = PopulationGroup.objects.get(approach=perimeter, name="0 à 14 ans")
    assert young.dimension == "age" and "recensement de la population 2021" in young.source
    sizes = {s.commune.code: s.count for s in young.sizes.all()}
    assert sizes == {"38053": 5903, "38553": 4512}  # 5903,2 rounded; Vienne ignored
    again = load(perimeter, "pop_age_2021.csv")  # idempotent: updates, creates nothing
    assert again.groups_created == 0 and GroupSize.objects.count() == 12


def test_households_file(perimeter: Approach) -> None:
    report = load(perimeter, "menages_2021.csv")
    assert report.groups_created == 2
    alone = PopulationGroup.objects.get(name="Ménages d'une personne seule")
    assert alone.dimension == "menage" and alone.sizes.get().count == 5220


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "pop_malformee.csv",
            "Ligne 3, colonne «\u00a0P21_POP0014\u00a0»\u00a0: «\u00a0quatre mille\u00a0» "
            "n'est pas",
        ),
        ("sans_codgeo.csv", "colonne «\u00a0CODGEO\u00a0»"),
        ("hors_perimetre.csv", "aucune commune du périmètre"),
        ("vide.csv", "vide"),
    ],
)
def test_bad_files_explained_and_nothing_saved(
    perimeter: Approach, name: str, expected: str
) -> None:
    with pytest.raises(TableError) as caught:
        load(perimeter, name)
    assert expected in str(caught.value)
    assert not PopulationGroup.objects.exists() and not GroupSize.objects.exists()
