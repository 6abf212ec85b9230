"""Where an image the team brings lies on the map: its world file, or its GeoTIFF tags.

A world file (ESRI, « .tfw », « .jgw », « .pgw », « .wld ») is six numbers, one a line: A, the
pixel's width in map units; D and B, rotation terms; E, the pixel's height (negative); C and
F, the map coordinates of the centre of the upper-left pixel. A GeoTIFF (OGC 19-008r4) says
the same with ModelPixelScaleTag (33550), ModelTiepointTag (33922) and the EPSG code of its
GeoKeyDirectoryTag (34735: key 3072 projected, 2048 geographic). Rotated images are refused
(the map shows an image as an axis-aligned rectangle).

The image is re-encoded as a PNG of at most MAX_SIDE pixels a side, from its pixels alone.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError

from ressort.analysis.typography import number, quoted, read_number

MAX_BYTES = 30 * 1024 * 1024
MAX_PIXELS = 100_000_000
MAX_SIDE = 4096
CRS_CHOICES = [
    (2154, "Lambert-93 (RGF93) — France métropolitaine"),
    (4326, "WGS 84 (longitude, latitude en degrés)"),
    (3857, "Web Mercator (pseudo-Mercator)"),
    (5490, "RGAF09 / UTM 20 N — Guadeloupe, Martinique"),
    (2972, "RGFG95 / UTM 22 N — Guyane"),
    (2975, "RGR92 / UTM 40 S — La Réunion"),
    (4471, "RGM04 / UTM 38 S — Mayotte"),
]


class GeorefError(ValueError):
    """A French message for the form."""


@dataclass(frozen=True, slots=True)
class Placed:
    png: bytes
    width: int
    height: int
    epsg: int
    west: float
    south: float
    east: float
    north: float


@dataclass(frozen=True, slots=True)
class WorldFile:
    a: float  # pixel width
    d: float
    b: float
    e: float  # pixel height (negative)
    c: float  # x of the upper-left pixel's centre
    f: float  # y of the upper-left pixel's centre


def read_world_file(text: str) -> WorldFile:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) != 6:
        raise GeorefError(
            "Le fichier de géoréférencement doit compter 6 lignes de nombres\u00a0; "
            f"il en a {len(lines)}."
        )
    values = []
    for line_number, line in enumerate(lines, start=1):
        try:
            values.append(float(read_number(line)))
        except ValueError:
            raise GeorefError(
                f"Fichier de géoréférencement, ligne {line_number}\u00a0: "
                f"{quoted(line[:40])} n'est pas un nombre."
            ) from None
    world = WorldFile(*values)
    if world.d or world.b:
        raise GeorefError(
            "L'image est tournée (lignes 2 et 3 du fichier de géoréférencement non nulles)\u00a0: "
            "exportez-la sans rotation, alignée sur le nord."
        )
    if world.a <= 0 or world.e >= 0:
        raise GeorefError(
            "Fichier de géoréférencement\u00a0: la taille d'un pixel doit être positive (ligne 1) "
            "et sa hauteur négative (ligne 4)."
        )
    return world


def _open(data: bytes) -> Image.Image:
    if len(data) > MAX_BYTES:
        raise GeorefError(f"L'image dépasse {MAX_BYTES // (1024 * 1024)} Mo.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise GeorefError(
            "Ce fichier n'est pas une image lisible\u00a0: envoyez un PNG, un JPEG ou un GeoTIFF."
        ) from exc
    if image.width * image.height > MAX_PIXELS:
        raise GeorefError(
            f"L'image fait {number(image.width * image.height / 1e6, 0)} millions de pixels"
            f"\u00a0: la limite est de {MAX_PIXELS // 1_000_000} millions."
        )
    return image


def _geotiff(image: Image.Image) -> tuple[WorldFile, int]:
    tags = getattr(image, "tag_v2", None)
    if not tags or 33550 not in tags or 33922 not in tags:
        raise GeorefError(
            "Cette image ne porte pas de géoréférencement\u00a0: joignez son fichier de "
            "géoréférencement (.tfw, .jgw, .pgw ou .wld)."
        )
    try:
        sx, sy = float(tags[33550][0]), float(tags[33550][1])
        i, j, _, x, y, _ = (float(v) for v in tags[33922][:6])
        keys = [int(k) for k in tags.get(34735, ())]
    except (TypeError, ValueError, IndexError, KeyError):
        raise GeorefError(
            "Le géoréférencement du GeoTIFF est illisible (taille du pixel, point d'attache "
            "ou clés de géoréférencement mal formés)\u00a0: exportez-le de nouveau."
        ) from None
    epsg = 0
    for n in range(4, len(keys) - 3, 4):
        key, location, _count, value = keys[n : n + 4]
        if key in (3072, 2048) and location == 0:
            epsg = value
            if key == 3072:
                break
    if not epsg:
        raise GeorefError("Le GeoTIFF ne dit pas son système de coordonnées (code EPSG).")
    # The tie point holds pixel (i, j)'s corner; the world file names the pixel's centre.
    world = WorldFile(sx, 0, 0, -sy, x + (0.5 - i) * sx, y - (0.5 - j) * sy)
    return world, epsg


def place(data: bytes, world_text: str | None, epsg: int | None) -> Placed:
    """The image as a PNG with its WGS 84 bounds; `world_text` None means a GeoTIFF."""
    image = _open(data)
    if world_text is None:
        world, epsg = _geotiff(image)
    else:
        world = read_world_file(world_text)
        if not epsg:
            raise GeorefError(
                "Choisissez le système de coordonnées du fichier de géoréférencement."
            )
    try:
        to_wgs84 = Transformer.from_crs(CRS.from_epsg(epsg), 4326, always_xy=True)
    except CRSError:
        raise GeorefError(f"Le système de coordonnées EPSG:{epsg} n'est pas connu.") from None
    left, top = world.c - world.a / 2, world.f - world.e / 2
    right, bottom = left + world.a * image.width, top + world.e * image.height
    corners = [(left, top), (right, top), (right, bottom), (left, bottom)]
    lons, lats = to_wgs84.transform([c[0] for c in corners], [c[1] for c in corners])
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise GeorefError(
            "L'image tombe hors de la Terre avec ce système de coordonnées\u00a0: vérifiez le "
            "système choisi et le fichier de géoréférencement."
        )
    try:
        image.load()
    except OSError as exc:
        raise GeorefError("L'image est abîmée\u00a0: elle n'a pas pu être lue en entier.") from exc
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA")
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    out = io.BytesIO()
    clean.save(out, format="PNG", optimize=True)
    return Placed(out.getvalue(), clean.width, clean.height, epsg, west, south, east, north)
