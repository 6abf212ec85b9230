"""Every upload is capped before it is read: file size, a workbook's unpacked size (zip
bomb), a photo's pixel count (decompression bomb); each refusal is a French form error."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from ressort import tables
from ressort.actions.forms import VoteImportForm
from ressort.approaches.models import Approach
from ressort.fieldwork import photos
from ressort.fieldwork.forms import PhotoForm
from ressort.portrait.forms import ImportForm
from ressort.systems.forms import MatrixFileForm
from ressort.uploads import PHOTO_MAX_BYTES, TABLE_MAX_BYTES
from tests.conftest import page_text

MB = 1024 * 1024


def big(name: str, size: int) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"a" * size, content_type="application/octet-stream")


@pytest.mark.parametrize(
    ("form_class", "field", "cap", "extra"),
    [
        (ImportForm, "file", TABLE_MAX_BYTES, {}),
        (VoteImportForm, "file", TABLE_MAX_BYTES, {"source": "x"}),
        (MatrixFileForm, "file", TABLE_MAX_BYTES, {}),
        (PhotoForm, "photo", PHOTO_MAX_BYTES, {}),
    ],
)
def test_each_upload_form_refuses_a_file_over_its_cap(
    form_class: Any, field: str, cap: int, extra: dict[str, str]
) -> None:
    form = form_class(extra, {field: big("gros.csv", cap + 1)})
    assert not form.is_valid()
    message = " ".join(form.errors[field])
    assert "« gros.csv » fait" in message and "la limite est de" in message


def test_no_upload_field_without_a_cap() -> None:
    root = Path(__file__).resolve().parents[2] / "ressort"
    bare = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "forms.FileField(" in path.read_text() and path.name != "uploads.py"
    ]
    assert bare == [], "use ressort.uploads.CappedFileField"


def zip_bomb(unpacked: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            for _ in range(unpacked // MB):
                member.write(b"\0" * MB)
    return out.getvalue()


def test_a_workbook_that_unpacks_too_far_is_refused_before_parsing() -> None:
    bomb = zip_bomb(tables.MAX_UNPACKED_BYTES + 2 * MB)
    assert len(bomb) < 1 * MB
    for name in ("bombe.xlsx", "bombe.ods"):
        with pytest.raises(tables.TableError) as error:
            tables.read_rows(bomb, name)
        assert "se décompresse en plus de 60 Mo" in str(error.value)


@pytest.mark.django_db
def test_indicator_import_of_a_zip_bomb_answers_in_french(
    approach: Approach, personas: dict[str, Any]
) -> None:
    client = Client()
    client.force_login(personas["chef_projet"])
    upload = SimpleUploadedFile("valeurs.xlsx", zip_bomb(tables.MAX_UNPACKED_BYTES + MB))
    response = client.post(reverse("portrait:import", args=[approach.slug]), {"file": upload})
    assert response.status_code == 200
    assert "se décompresse en plus de 60 Mo" in page_text(response)


@pytest.mark.django_db
def test_micmac_import_over_the_cap_writes_nothing(
    approach: Approach, personas: dict[str, Any]
) -> None:
    client = Client()
    client.force_login(personas["chef_projet"])
    response = client.post(
        reverse("systems:micmac_import", args=[approach.slug]),
        {"file": big("m.csv", TABLE_MAX_BYTES + 1)},
    )
    assert response.status_code == 200
    assert "la limite est de 10\u00a0Mo" in page_text(response)
    assert not approach.variables.exists()


def png_declaring(width: int, height: int) -> bytes:
    """A small PNG whose header declares `width` × `height` (a decompression bomb)."""
    out = io.BytesIO()
    Image.new("1", (8, 8)).save(out, "PNG")
    data = bytearray(out.getvalue())
    ihdr = 8  # after the signature: length, b"IHDR", then width and height
    data[ihdr + 8 : ihdr + 16] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[ihdr + 4 : ihdr + 8 + 13]))
    data[ihdr + 8 + 13 : ihdr + 8 + 17] = struct.pack(">I", crc)
    return bytes(data)


def test_a_photo_beyond_our_pixel_threshold_is_a_french_error() -> None:
    bomb = png_declaring(11_000, 11_000)  # 121 megapixels, a few hundred bytes
    with pytest.raises(photos.PhotoError) as error:
        photos.process(bomb)
    assert "121 millions de pixels" in str(error.value)
    assert "la limite est de 50 millions" in str(error.value)
    with pytest.raises(photos.PhotoError) as error:
        photos.process(png_declaring(20_000, 12_500))  # where Pillow itself only warns
    assert "250 millions de pixels" in str(error.value)
    form = PhotoForm({}, {"photo": SimpleUploadedFile("bombe.png", bomb, "image/png")})
    assert not form.is_valid() and "millions de pixels" in " ".join(form.errors["photo"])


def test_a_photo_under_the_threshold_is_still_accepted() -> None:
    out = io.BytesIO()
    Image.new("RGB", (2000, 1500), "white").save(out, "JPEG")
    assert photos.process(out.getvalue()).width == photos.MAX_SIDE
