"""The national biodiversity loader, offline on shipped answers (tests/data/living)."""

from __future__ import annotations

import io
import urllib.error
from pathlib import Path
from typing import Any

import pytest

from ressort.approaches.models import Approach
from ressort.living import openobs
from ressort.living.models import ProtectedArea, Species, SpeciesStatus

DATA = Path(__file__).parent.parent / "data" / "living"
pytestmark = pytest.mark.django_db


def read(name: str) -> bytes:
    return (DATA / name).read_bytes()


def test_parse_normal_answer() -> None:
    taxa = openobs.parse_species(read("especes_38053.json"))
    assert [t.taxref_id for t in taxa] == [3571, 79273, 4001]
    assert taxa[0].vernacular_name == "Martin-pêcheur d'Europe" and taxa[0].red_list == "VU"
    areas = openobs.parse_areas(read("espaces_38053.json"))
    assert [a.code for a in areas] == ["FR8201727", "820030246"]


def test_parse_empty_answer() -> None:
    assert openobs.parse_species(read("especes_vide.json")) == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("especes_malformee.json", "espèce n°\u00a02\u00a0: identifiant TAXREF"),
        ("especes_tronquee.json", "n'est pas du JSON lisible"),
    ],
)
def test_parse_malformed_answer_in_french(name: str, expected: str) -> None:
    with pytest.raises(openobs.OpenDataError, match=expected):
        openobs.parse_species(read(name))


def test_load_keeps_protected_or_threatened_and_is_idempotent(approach: Approach) -> None:
    report = openobs.load(approach, [read("especes_38053.json")], [read("espaces_38053.json")])
    assert (report.species_created, report.species_updated, report.areas_created) == (2, 0, 2)
    kingfisher = Species.objects.get(approach=approach, taxref_id=3571)
    assert kingfisher.status == SpeciesStatus.THREATENED and kingfisher.observation_count == 42
    assert Species.objects.get(taxref_id=79273).status == SpeciesStatus.PROTECTED
    assert not Species.objects.filter(taxref_id=4001).exists()  # common: not kept
    again = openobs.load(approach, [read("especes_38053.json")], [read("espaces_38053.json")])
    assert (again.species_created, again.species_updated, again.areas_created) == (0, 2, 0)
    assert "ajoutée" in report.message()


def test_a_malformed_answer_among_good_ones_saves_nothing(approach: Approach) -> None:
    with pytest.raises(openobs.OpenDataError):
        openobs.load(
            approach,
            [read("especes_38053.json"), read("especes_malformee.json")],
            [read("espaces_38053.json")],
        )
    assert not Species.objects.filter(approach=approach).exists()
    assert not ProtectedArea.objects.filter(approach=approach).exists()


class FakeResponse(io.BytesIO):
    def __enter__(self) -> FakeResponse:
        return self

    def __exit__(self, *args: Any) -> None:
        self.close()


def test_fetch_perimeter_asks_each_commune(approach: Approach, territories: dict) -> None:
    approach.communes.set([territories["bourgoin"], territories["villefontaine"]])
    asked: list[str] = []

    def opener(request: Any, timeout: float) -> FakeResponse:
        asked.append(request.full_url)
        name = (
            "espaces_38053.json" if "protected-areas" in request.full_url else "especes_38053.json"
        )
        return FakeResponse(read(name))

    report = openobs.fetch_perimeter(approach, opener=opener)
    assert len(asked) == 4 and any("municipalityInseeId=38553" in url for url in asked)
    assert report.species_created == 2
    assert Species.objects.get(taxref_id=3571).observation_count == 84  # two communes


def test_timeout_and_refusal_are_explained(approach: Approach, territories: dict) -> None:
    approach.communes.set([territories["bourgoin"]])

    def slow(request: Any, timeout: float) -> FakeResponse:
        raise TimeoutError

    with pytest.raises(openobs.OpenDataError, match="n'a pas répondu dans les 20 secondes"):
        openobs.fetch_perimeter(approach, opener=slow)

    def refusing(request: Any, timeout: float) -> FakeResponse:
        raise urllib.error.HTTPError(request.full_url, 503, "indisponible", None, None)  # type: ignore[arg-type]

    with pytest.raises(openobs.OpenDataError, match="erreur 503"):
        openobs.fetch_perimeter(approach, opener=refusing)
    assert not Species.objects.exists()


def test_only_https_is_fetched() -> None:
    with pytest.raises(openobs.OpenDataError, match="https"):
        openobs.fetch("file:///etc/passwd")


def test_an_oversized_answer_is_refused_without_being_read_whole() -> None:
    """The same cap as an uploaded answer: a service (or whatever answers in its name) cannot
    fill the server's memory."""
    sizes: list[int] = []

    class Endless(FakeResponse):
        def read(self, size: int | None = -1) -> bytes:
            sizes.append(-1 if size is None else size)
            return b"[" * (openobs.MAX_ANSWER_BYTES + 1 if size in (None, -1) else size)

    with pytest.raises(openobs.OpenDataError, match="dépasse 5 Mo"):
        openobs.fetch("https://openobs.example/api", opener=lambda request, timeout: Endless())
    assert sizes and all(0 < s <= openobs.MAX_ANSWER_BYTES + 1 for s in sizes)
