"""Fixtures of the fieldwork tests: private media in a temporary folder, a transparent
embedder (the real multilingual model only where a test asks for `real_embedder`)."""

from __future__ import annotations

import io
import re
import zlib
from typing import Any

import numpy as np
import pytest
from PIL import Image

from ressort.fieldwork import tags


class HashedWords:
    """Bag of words hashed into 4096 dimensions: fast and deterministic."""

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), 4096))
        for i, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                if len(word) > 3:
                    out[i, zlib.crc32(word.encode()) % 4096] += 1
        return out


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": settings.MEDIA_ROOT},
        },
    }
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def fake_embedder(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if "real_embedder" not in request.fixturenames:
        monkeypatch.setattr(tags, "get_embedder", lambda: HashedWords())


@pytest.fixture
def real_embedder() -> Any:
    return tags.get_embedder()


def jpeg_with_gps(
    lat: tuple[float, float, float] = (45.0, 35.0, 12.0),
    lon: tuple[float, float, float] = (5.0, 16.0, 30.0),
    size: tuple[int, int] = (2400, 1200),
    lat_ref: str = "N",
    lon_ref: str = "E",
) -> bytes:
    """A JPEG with EXIF: GPS position, camera make, owner's name, date."""
    image = Image.new("RGB", size, (120, 160, 90))
    exif = Image.Exif()
    exif[0x010F] = "TéléphoneCorp"  # Make
    exif[0x013B] = "Camille Martin"  # Artist
    exif[0x0132] = "2026:03:12 10:15:00"  # DateTime
    gps = exif.get_ifd(0x8825)
    gps[1] = lat_ref
    gps[2] = lat
    gps[3] = lon_ref
    gps[4] = lon
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()
