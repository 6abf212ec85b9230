"""The branding of documents and pages: the operator's colour and logo, the authority's logo.

Two rules hold everything here:
- no text chosen by an operator or a user reaches CSS unchecked: the accent colour is
  accepted only as `#rrggbb` (anything else, such as `red;}body{…`, is refused and the
  default colour used, with a logged warning);
- no image is used as it was sent: a logo (the authority's, uploaded in the démarche's
  settings, or the operator's, a local file named by `RESSORT_LOGO_FILE`) must be a PNG or
  a JPEG of reasonable size, is checked for its pixel count from its header before any pixel
  is decoded (a decompression bomb), and is written again as a PNG from its pixels alone (no
  metadata, no SVG, no script). Documents embed those bytes; pages get them from
  rights-checked views.
"""

from __future__ import annotations

import functools
import io
import logging
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from PIL import Image, UnidentifiedImageError

logger = logging.getLogger(__name__)

DEFAULT_ACCENT = "#0b5c57"
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_MAX_PIXELS = 25_000_000  # a logo needs far less; a small PNG can declare far more
LOGO_MAX_SIDE = 1200  # pixels kept: 10 cm at 300 dpi
LOGO_FORMATS = {"PNG", "JPEG"}


def safe_colour(value: object) -> str | None:
    """`value` as `#rrggbb` (lower case) when it is exactly that, else None."""
    if isinstance(value, str) and _COLOUR.fullmatch(value.strip()):
        return value.strip().lower()
    return None


def accent() -> str:
    """The operator's accent colour (`RESSORT_ACCENT_COLOR`), checked: `#rrggbb` only."""
    configured = getattr(settings, "RESSORT_ACCENT_COLOR", DEFAULT_ACCENT)
    colour = safe_colour(configured)
    if colour is None:
        _warn_once(
            f"RESSORT_ACCENT_COLOR={str(configured)[:60]!r} refusée : une couleur s'écrit "
            f"#rrggbb (ex. {DEFAULT_ACCENT}). La couleur par défaut est utilisée."
        )
        return DEFAULT_ACCENT
    return colour


def accent_hex() -> str:
    """The accent colour as DOCX wants it: `0B5C57`."""
    return accent()[1:].upper()


def tint(colour: str, share: float = 0.88) -> str:
    """`colour` (#rrggbb) mixed with `share` of white: table headers' background."""
    channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(c + (255 - c) * share) for c in channels]
    return "#" + "".join(f"{c:02x}" for c in mixed)


@functools.cache
def _warn_once(message: str) -> None:
    logger.warning(message)


class LogoError(ValueError):
    """A French message for the form, naming the field."""


@dataclass(frozen=True, slots=True)
class Logo:
    """A logo written again as PNG: its bytes and size in pixels."""

    png: bytes
    width: int
    height: int

    def width_for(self, height_cm: float, max_width_cm: float) -> tuple[float, float]:
        """(width, height) in cm for a logo `height_cm` high, narrowed to `max_width_cm`."""
        width = height_cm * self.width / max(self.height, 1)
        if width > max_width_cm:
            return max_width_cm, max_width_cm * self.height / max(self.width, 1)
        return width, height_cm

    @property
    def data_uri(self) -> str:
        import base64

        return "data:image/png;base64," + base64.b64encode(self.png).decode()


def clean_logo(data: bytes, what: str = "Le logo") -> Logo:
    """`data` (a PNG or JPEG) checked and written again as a PNG; `what` names the field in
    the messages (« Le logo de la collectivité »)."""
    if len(data) > LOGO_MAX_BYTES:
        raise LogoError(
            f"{what} fait plus de {LOGO_MAX_BYTES // (1024 * 1024)}\u00a0Mo\u00a0: "
            "allégez l'image, puis recommencez."
        )
    unreadable = (
        f"{what} doit être une image PNG ou JPEG\u00a0: ce fichier n'en est pas une "
        "(le SVG n'est pas accepté)."
    )
    too_many = (
        f"{what} fait {{}} millions de pixels\u00a0: la limite est de "
        f"{LOGO_MAX_PIXELS // 1_000_000} millions. Réduisez l'image, puis recommencez."
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # checked below
            image = Image.open(io.BytesIO(data))  # reads the header only
    except Image.DecompressionBombError as exc:
        limit = 2 * (Image.MAX_IMAGE_PIXELS or 0) // 1_000_000
        raise LogoError(too_many.format(f"plus de {limit}")) from exc
    except (UnidentifiedImageError, OSError) as exc:
        raise LogoError(unreadable) from exc
    if image.format not in LOGO_FORMATS:
        raise LogoError(unreadable)
    pixels = image.width * image.height
    if pixels > LOGO_MAX_PIXELS:
        raise LogoError(too_many.format(f"{pixels / 1_000_000:.0f}"))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise LogoError(unreadable) from exc
    image = image.convert("RGBA")  # transparency kept, palettes and CMYK made plain
    image.thumbnail((LOGO_MAX_SIDE, LOGO_MAX_SIDE), Image.Resampling.LANCZOS)
    # A new image from the pixels only: no EXIF, no text chunk, no ICC profile survives.
    clean = Image.new("RGBA", image.size)
    clean.paste(image)
    out = io.BytesIO()
    clean.save(out, format="PNG", optimize=True)
    return Logo(out.getvalue(), clean.width, clean.height)


def operator_logo() -> Logo | None:
    """The operator's logo (`RESSORT_LOGO_FILE`, a local PNG or JPEG), or None: a missing
    or refused file is ignored with a logged warning (documents go out without it)."""
    configured = str(getattr(settings, "RESSORT_LOGO_FILE", "") or "")
    if not configured:
        return None
    path = Path(configured)
    try:
        stat = path.stat()
    except OSError:
        _warn_once(f"RESSORT_LOGO_FILE={configured!r} : fichier introuvable, logo ignoré.")
        return None
    return _read_logo(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4)
def _read_logo(path: str, mtime_ns: int, size: int) -> Logo | None:
    try:
        return clean_logo(Path(path).read_bytes(), "Le logo de l'opérateur")
    except (OSError, LogoError) as exc:
        _warn_once(f"RESSORT_LOGO_FILE={path!r} ignoré : {exc}")
        return None


def check_startup() -> list[str]:
    """What is wrong with the operator's branding settings (a system check reports it)."""
    problems = []
    configured = getattr(settings, "RESSORT_ACCENT_COLOR", DEFAULT_ACCENT)
    if safe_colour(configured) is None:
        problems.append(
            f"RESSORT_ACCENT_COLOR={str(configured)[:60]!r} n'est pas une couleur #rrggbb\u00a0: "
            f"la couleur par défaut {DEFAULT_ACCENT} est utilisée."
        )
    if getattr(settings, "RESSORT_LOGO_FILE", "") and operator_logo() is None:
        problems.append(
            f"RESSORT_LOGO_FILE={settings.RESSORT_LOGO_FILE!r} n'est pas un fichier PNG ou JPEG "
            "lisible\u00a0: les documents sortent sans le logo de l'opérateur."
        )
    return problems


def operator_logo_view(request: HttpRequest) -> HttpResponse:
    """The operator's logo for the pages (no account needed: it is on the login page)."""
    logo = operator_logo()
    if logo is None:
        raise Http404("Pas de logo d'opérateur.")
    response = HttpResponse(logo.png, content_type="image/png")
    response["Cache-Control"] = "public, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response
