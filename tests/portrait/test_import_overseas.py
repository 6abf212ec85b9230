"""Indicator values for overseas and Corsican territories, through the import page.

The territories come from the real importer, on a hand-made extract in its source format
(tests/data/imports/territoires): communes 97411, 97101, 97611, 2A004, 2B033; départements
971, 974, 976, 2A, 2B and the mainland 04 and 01; régions 01 and 04 (Guadeloupe and
La Réunion), whose codes are also those of départements. The file
(tests/data/imports/valeurs-outre-mer-corse.csv) is written as a French spreadsheet
writes it: semicolons, a UTF-8 BOM, decimal commas, thousands grouped by a narrow or a
plain no-break space.
"""

import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ressort.analysis.typography import NNBSP
from ressort.approaches import services
from ressort.approaches.method import MODULE_CODES
from ressort.approaches.models import Role
from ressort.portrait.models import Direction, Indicator, IndicatorValue
from ressort.tables import read_rows
from ressort.territories.importer import import_official_territories
from ressort.territories.models import Territory
from tests.conftest import page_text
from tests.portrait.conftest import client_for

DATA = Path(__file__).parent.parent / "data"
SOURCE = DATA / "imports" / "territoires"
CONTOURS = DATA / "territories" / "communes.csv.lzma"
VALUES = DATA / "imports" / "valeurs-outre-mer-corse.csv"

# (indicator, territory type, code) → value, as the file means it.
EXPECTED = {
    ("chomage", "COM", "97411"): 18.5,
    ("chomage", "COM", "97101"): 19.25,
    ("chomage", "COM", "97611"): 30.1,
    ("chomage", "DEP", "974"): 17.9,
    ("chomage", "DEP", "976"): 29.8,
    ("chomage", "REG", "04"): 18.0,  # « 04 » with the level « région »: La Réunion
    ("chomage", "DEP", "04"): 7.4,  # « 04 » with « département »: Alpes-de-Haute-Provence
    ("chomage", "COM", "2A004"): 8.25,
    ("chomage", "COM", "2B033"): 9.75,  # written « 2b033 »
    ("chomage", "DEP", "2A"): 8.1,
    ("chomage", "DEP", "2B"): 9.4,
    ("chomage", "COM", "04070"): 6.5,  # written « 4070 »: the spreadsheet ate the zero
    ("chomage", "REG", "01"): 19.0,
    ("population", "COM", "97411"): 153001.0,
    ("population", "DEP", "974"): 871157.5,
}


@pytest.fixture
def reunion(db: Any, make_user: Any) -> tuple[Any, Any]:
    """A démarche of La Réunion (département 974), led by its project lead."""
    report = import_official_territories(SOURCE, CONTOURS)
    assert report.counts == {"communes": 8, "EPCI": 1, "départements": 7, "régions": 6}
    lead = make_user("cheffe@example.re")
    approach = services.create_approach(
        name="La Réunion résiliente",
        creator=lead,
        role=Role.PROJECT_LEAD,
        territory=Territory.objects.get(type="DEP", code="974"),
        communes=[],
    )
    approach.modules = list(MODULE_CODES)
    approach.save(update_fields=["modules"])
    for code, name, unit in (
        ("chomage", "Taux de chômage", "%"),
        ("population", "Population", "hab."),
    ):
        Indicator.objects.create(
            approach=approach,
            code=code,
            name=name,
            unit=unit,
            source="INSEE",
            direction=Direction.LOWER,
        )
    return approach, lead


def _landed() -> dict[tuple[str, str, str], float]:
    return {
        (v.indicator.code, v.territory.type, v.territory.code): v.value
        for v in IndicatorValue.objects.select_related("indicator", "territory")
    }


def _import(approach: Any, lead: Any, upload: SimpleUploadedFile) -> Any:
    url = reverse("portrait:import", args=[approach.slug])
    return client_for(lead).post(url, {"file": upload})


def test_csv_values_land_on_overseas_and_corsican_territories(reunion: Any) -> None:
    approach, lead = reunion
    upload = SimpleUploadedFile("valeurs.csv", VALUES.read_bytes(), content_type="text/csv")
    response = _import(approach, lead, upload)
    assert response.status_code == 302, page_text(response)
    assert _landed() == pytest.approx(EXPECTED)
    # Read back the French way on the indicator's page, decimal commas and narrow spaces.
    population = Indicator.objects.get(code="population")
    page = page_text(
        client_for(lead).get(reverse("portrait:indicator", args=[approach.slug, population.pk]))
    )
    assert f"871{NNBSP}157,5" in page and f"153{NNBSP}001" in page
    chomage = Indicator.objects.get(code="chomage")
    page = page_text(
        client_for(lead).get(reverse("portrait:indicator", args=[approach.slug, chomage.pk]))
    )
    assert "19,25" in page and "8,25" in page and "19.25" not in page


def test_xlsx_with_number_cells_and_text_cells_lands_the_same(reunion: Any) -> None:
    """A workbook holds numbers as numbers (974, 18.5) and French text (« 19,25 »)."""
    approach, lead = reunion
    book = openpyxl.Workbook()
    sheet = book.active
    for i, row in enumerate(read_rows(VALUES.read_bytes(), "valeurs.csv")):
        cells: list[Any] = list(row)
        if i and cells[1].isdigit() and len(cells[1]) == 3:
            cells[1] = int(cells[1])  # 974, 976 typed as numbers
        if i and i % 2 and "," not in cells[3]:
            cells[3] = float(cells[3].replace(NNBSP, ""))
        sheet.append(cells)
    data = io.BytesIO()
    book.save(data)
    upload = SimpleUploadedFile("valeurs.xlsx", data.getvalue())
    response = _import(approach, lead, upload)
    assert response.status_code == 302, page_text(response)
    assert _landed() == pytest.approx(EXPECTED)


def test_edit_form_writes_the_value_back_with_a_decimal_comma(reunion: Any) -> None:
    approach, lead = reunion
    _import(approach, lead, SimpleUploadedFile("valeurs.csv", VALUES.read_bytes()))
    value = IndicatorValue.objects.get(
        indicator__code="population", territory__type="DEP", territory__code="974"
    )
    url = reverse("portrait:value_edit", args=[approach.slug, value.indicator_id, value.pk])
    assert 'value="871157,5"' in page_text(client_for(lead).get(url))


@pytest.mark.parametrize(
    ("line", "fault"),
    [
        ("chomage;2C004;2021;8,2;%", "«\u00a02C004\u00a0» n'est pas un code INSEE"),
        ("chomage;20004;2021;8,2;%", "code « 20004 » inconnu (commune)"),  # Corsica before 1976
        ("chomage;97499;2021;8,2;%", "code « 97499 » inconnu (commune)"),
        ("chomage;975;2021;8,2;%", "code « 975 » inconnu (département)"),
        ("chomage;97411;2021;18.5.1;%", "«\u00a018.5.1\u00a0» n'est pas un nombre"),
    ],
)
def test_a_wrong_code_or_number_rejects_the_whole_file(reunion: Any, line: str, fault: str) -> None:
    approach, lead = reunion
    text = VALUES.read_text(encoding="utf-8-sig") + line + "\n"
    response = _import(approach, lead, SimpleUploadedFile("valeurs.csv", text.encode()))
    assert response.status_code == 200
    page = page_text(response)
    assert "Ligne 17, colonne" in page and fault in page
    assert IndicatorValue.objects.count() == 0
