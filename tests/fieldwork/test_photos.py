"""Photos: resized, upright, EXIF GPS read, every metadata stripped; refusals in French."""

import io

import pytest
from PIL import Image

from ressort.fieldwork import photos
from tests.fieldwork.conftest import jpeg_with_gps


def test_gps_is_read_then_all_metadata_is_stripped() -> None:
    data = jpeg_with_gps()
    assert b"Camille Martin" in data  # the test photo does carry an owner's name
    result = photos.process(data)
    assert result.latitude == pytest.approx(45 + 35 / 60 + 12 / 3600, abs=1e-6)
    assert result.longitude == pytest.approx(5 + 16 / 60 + 30 / 3600, abs=1e-6)
    assert (result.width, result.height) == (1600, 800)
    clean = Image.open(io.BytesIO(result.content))
    assert clean.format == "JPEG" and clean.size == (1600, 800)
    assert len(clean.getexif()) == 0
    assert not clean.getexif().get_ifd(0x8825)
    assert b"Camille Martin" not in result.content
    assert b"TelephoneCorp" not in result.content and "TéléphoneCorp".encode() not in result.content
    assert b"Exif" not in result.content


def test_southern_and_western_references_are_negative() -> None:
    result = photos.process(jpeg_with_gps(lat_ref="S", lon_ref="W", size=(100, 80)))
    assert result.latitude is not None and result.latitude < 0
    assert result.longitude is not None and result.longitude < 0
    assert (result.width, result.height) == (100, 80)  # never enlarged


def test_photo_without_gps_and_png_with_transparency() -> None:
    image = Image.new("RGBA", (300, 500), (0, 0, 0, 0))
    out = io.BytesIO()
    image.save(out, format="PNG")
    result = photos.process(out.getvalue(), max_side=250)
    assert (result.latitude, result.longitude) == (None, None)
    assert (result.width, result.height) == (150, 250)
    assert Image.open(io.BytesIO(result.content)).mode == "RGB"


def test_zero_zero_means_no_fix() -> None:
    result = photos.process(jpeg_with_gps(lat=(0, 0, 0), lon=(0, 0, 0), size=(50, 50)))
    assert (result.latitude, result.longitude) == (None, None)


def test_orientation_is_applied() -> None:
    image = Image.new("RGB", (400, 200))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    result = photos.process(out.getvalue())
    assert (result.width, result.height) == (200, 400)


def test_not_an_image_is_refused_in_french() -> None:
    with pytest.raises(photos.PhotoError, match="pas une image lisible"):
        photos.process(b"%PDF-1.4 not a photo")
