"""Photos taken on site: read the GPS position, turn upright, resize, strip all metadata.

A phone photo carries EXIF metadata: the place (GPS), the time, the device, sometimes the
owner's name. We read the position (to prefill the observation's place), then write a new
JPEG from the pixels alone, so nothing else leaves the phone.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageOps, UnidentifiedImageError

from ressort.analysis.typography import number

MAX_SIDE = 1600
MAX_BYTES = 20 * 1024 * 1024
JPEG_QUALITY = 82
GPS_IFD = 0x8825
# Our own threshold, checked from the header before any pixel is decoded: a 50 Mpx photo is
# plenty (phones take 12 to 48), and a small PNG can declare far more (a decompression bomb:
# Pillow itself would only warn up to twice its own limit).
MAX_PIXELS = 50_000_000
Image.MAX_IMAGE_PIXELS = 4 * MAX_PIXELS  # Pillow's own guard stays, further out than ours


class PhotoError(ValueError):
    """A French message for the form."""


@dataclass(frozen=True, slots=True)
class ProcessedPhoto:
    content: bytes  # the JPEG, without metadata
    width: int
    height: int
    latitude: float | None
    longitude: float | None


def _degrees(value: Any, ref: Any) -> float | None:
    try:
        d, m, s = (float(v) for v in value)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    result = d + m / 60 + s / 3600
    if isinstance(ref, bytes):
        ref = ref.decode("ascii", "ignore")
    if str(ref).strip().upper() in {"S", "W"}:
        result = -result
    return result


def read_gps(image: Image.Image) -> tuple[float | None, float | None]:
    """(latitude, longitude) from the EXIF GPS block, or (None, None)."""
    try:
        gps = image.getexif().get_ifd(GPS_IFD)
    except Exception:  # a damaged EXIF block is no reason to refuse the photo
        return None, None
    if not gps:
        return None, None
    lat = _degrees(gps.get(2), gps.get(1, "N"))
    lon = _degrees(gps.get(4), gps.get(3, "E"))
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None, None
    if lat == 0 and lon == 0:  # phones write 0,0 when they had no fix
        return None, None
    return round(lat, 6), round(lon, 6)


def process(data: bytes, max_side: int = MAX_SIDE) -> ProcessedPhoto:
    """The photo resized to `max_side` at most, upright, as a JPEG without any metadata."""
    if len(data) > MAX_BYTES:
        raise PhotoError(
            f"La photo dépasse {MAX_BYTES // (1024 * 1024)} Mo : réduisez-la avant de l'envoyer."
        )
    too_many = (
        "La photo fait {} millions de pixels : la limite est de "
        f"{MAX_PIXELS // 1_000_000} millions. Réduisez-la avant de l'envoyer."
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # checked below
            image = Image.open(io.BytesIO(data))  # reads the header only
    except Image.DecompressionBombError as exc:
        raise PhotoError(too_many.format(f"plus de {4 * MAX_PIXELS // 1_000_000}")) from exc
    except (UnidentifiedImageError, OSError) as exc:
        raise PhotoError(
            "Ce fichier n'est pas une image lisible : envoyez une photo JPEG, PNG ou WebP."
        ) from exc
    pixels = image.width * image.height
    if pixels > MAX_PIXELS:
        raise PhotoError(too_many.format(number(pixels / 1_000_000, 0)))
    try:
        image.load()
    except (UnidentifiedImageError, OSError) as exc:
        raise PhotoError(
            "Ce fichier n'est pas une image lisible : envoyez une photo JPEG, PNG ou WebP."
        ) from exc
    latitude, longitude = read_gps(image)
    image = ImageOps.exif_transpose(image)
    if image.mode not in ("RGB", "L"):
        background = Image.new("RGB", image.size, "white")
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    # A new image from the pixels only: no EXIF, no XMP, no ICC comment survives.
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return ProcessedPhoto(out.getvalue(), clean.width, clean.height, latitude, longitude)
