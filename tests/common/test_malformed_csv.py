"""A malformed CSV (a 1 MB cell, UTF-16, a NUL byte) gets the usual located French error from
every import — never a server error."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from ressort import tables
from ressort.analysis import micmac as mm
from ressort.approaches.models import Approach
from tests.conftest import page_text

HEADER = "Indicateur;Code INSEE;Année;Valeur\n"
HUGE_CELL = (HEADER + "pop;38053;2020;12\n" + "pop;38053;2021;" + "9" * 1_000_000 + "\n").encode()
NUL = (HEADER + "pop;38053;2020;12\n" + "pop;38\x0053;2021;13\n").encode()
UTF16 = (HEADER + "pop;38053;2020;12\n").encode("utf-16")  # with its byte-order mark

MATRIX_HUGE = (",A,B\nA,0," + "1" * 1_000_000 + "\nB,1,0\n").encode()
MATRIX_NUL = b",A,B\nA,0,1\nB,1\x00,0\n"
MATRIX_UTF16 = ",A,B\nA,0,1\nB,1,0\n".encode("utf-16")


def test_the_table_reader_locates_each_fault() -> None:
    with pytest.raises(tables.TableError) as huge:
        tables.read_rows(HUGE_CELL, "valeurs.csv")
    assert str(huge.value).startswith(
        "Ligne 3\u00a0: ligne illisible\u00a0: une cellule dépasse 128 Ko"
    )
    with pytest.raises(tables.TableError) as nul:
        tables.read_rows(NUL, "valeurs.csv")
    assert str(nul.value).startswith("Ligne 3\u00a0: caractère nul")
    rows = tables.read_rows(UTF16, "valeurs.csv")
    assert rows == [["Indicateur", "Code INSEE", "Année", "Valeur"], ["pop", "38053", "2020", "12"]]


def test_the_matrix_reader_locates_each_fault() -> None:
    for data, expected in [
        (MATRIX_HUGE, "ligne 2, colonne 1 (A)\u00a0: ligne illisible"),
        (MATRIX_NUL, "ligne 3, colonne 1 (A)\u00a0: caractère nul"),
        (MATRIX_UTF16, "ligne 1, colonne 1 (A)\u00a0: le fichier n’est pas en UTF-8"),
    ]:
        with pytest.raises(mm.MatrixFileError) as error:
            mm.read_matrix_csv(data)
        assert str(error.value.faults[0]).startswith(expected), str(error.value)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "expected"),
    [(HUGE_CELL, "Ligne 3"), (NUL, "Ligne 3\u00a0: caractère nul")],
)
def test_the_indicator_import_answers_in_french(
    approach: Approach, personas: dict[str, Any], data: bytes, expected: str
) -> None:
    client = Client()
    client.force_login(personas["chef_projet"])
    response = client.post(
        reverse("portrait:import", args=[approach.slug]),
        {"file": SimpleUploadedFile("valeurs.csv", data, "text/csv")},
    )
    assert response.status_code == 200
    assert expected in page_text(response)


@pytest.mark.django_db
@pytest.mark.parametrize("data", [MATRIX_HUGE, MATRIX_NUL, MATRIX_UTF16])
def test_the_micmac_import_answers_in_french(
    approach: Approach, personas: dict[str, Any], data: bytes
) -> None:
    client = Client()
    client.force_login(personas["chef_projet"])
    response = client.post(
        reverse("systems:micmac_import", args=[approach.slug]),
        {"file": SimpleUploadedFile("m.csv", data, "text/csv")},
    )
    assert response.status_code == 200
    assert "ligne " in page_text(response) and not approach.variables.exists()
