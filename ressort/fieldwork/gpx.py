"""A walk's route from a GPX file (GPS Exchange Format 1.1, topografix.com/GPX/1/1).

Read with defusedxml's SAX parser (no DTD, no entity expansion, no network) so that each
fault names its line and column; the track points (`trkpt`), else the route points
(`rtept`), in file order. All or nothing: one bad point refuses the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax import SAXParseException
from xml.sax.handler import ContentHandler

from defusedxml import DefusedXmlException
from defusedxml.sax import parseString

from ressort.analysis.typography import french, number

MAX_BYTES = 5 * 1024 * 1024
MAX_POINTS = 50_000


# Expat's messages, said in French (never shown in English).
EXPAT_FR = {
    "mismatched tag": "une balise fermante ne correspond pas à la balise ouverte",
    "not well-formed (invalid token)": "caractère inattendu",
    "unclosed token": "élément non refermé",
    "no element found": "le fichier s'arrête avant la fin du document",
    "junk after document element": "du contenu suit la fin du document",
    "syntax error": "erreur de syntaxe",
    "undefined entity": "entité inconnue",
    "duplicate attribute": "attribut en double",
    "unclosed CDATA section": "section CDATA non refermée",
    "XML or text declaration not at start of entity": "la déclaration XML n'est pas au début",
}


class GpxError(ValueError):
    """A French message naming the line and column, with French typography."""

    def __init__(self, message: str) -> None:
        super().__init__(french(message))


@dataclass(frozen=True, slots=True)
class Trace:
    points: list[tuple[float, float]]  # (lon, lat)
    name: str


class _Reader(ContentHandler):
    def __init__(self) -> None:
        super().__init__()
        self.track: list[tuple[float, float]] = []
        self.route: list[tuple[float, float]] = []
        self.name = ""
        self._in_name = False
        self._depth = 0
        self._root_seen = False

    def _where(self) -> str:
        locator = getattr(self, "_locator", None)
        if locator is None:
            return ""
        return f"ligne {locator.getLineNumber()}, colonne {locator.getColumnNumber() + 1}"

    def startElement(self, name: str, attrs: object) -> None:
        local = name.rsplit(":", 1)[-1]
        if not self._root_seen:
            self._root_seen = True
            if local != "gpx":
                raise GpxError(
                    f"Ce fichier n'est pas un GPX : il commence par <{name}> ({self._where()})."
                )
        self._depth += 1
        if local in ("trkpt", "rtept"):
            values = []
            for key in ("lat", "lon"):
                raw = attrs.get(key)  # type: ignore[attr-defined]
                if raw is None:
                    label = "latitude" if key == "lat" else "longitude"
                    raise GpxError(f"Point de la trace sans {label} ({self._where()}).")
                try:
                    values.append(float(raw))
                except ValueError:
                    raise GpxError(
                        f"« {raw[:30]} » n'est pas un nombre "
                        f"({'latitude' if key == 'lat' else 'longitude'}, {self._where()})."
                    ) from None
            lat, lon = values
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise GpxError(
                    f"Point hors des coordonnées possibles (latitude {number(lat, 6)}, "
                    f"longitude {number(lon, 6)}) ({self._where()})."
                )
            target = self.track if local == "trkpt" else self.route
            target.append((lon, lat))
            if len(target) > MAX_POINTS:
                raise GpxError(
                    f"La trace compte plus de {number(MAX_POINTS, 0)} points"
                    + " : simplifiez-la dans votre application avant de l'importer."
                )
        self._in_name = local == "name" and self._depth <= 3 and not self.name

    def endElement(self, name: str) -> None:
        self._depth -= 1
        self._in_name = False

    def characters(self, content: str) -> None:
        if self._in_name:
            self.name = (self.name + content)[:200]


def read_gpx(data: bytes) -> Trace:
    if len(data) > MAX_BYTES:
        raise GpxError(f"Le fichier GPX dépasse {MAX_BYTES // (1024 * 1024)} Mo.")
    reader = _Reader()
    try:
        parseString(data, reader, forbid_dtd=True)
    except SAXParseException as exc:
        reason = EXPAT_FR.get(exc.getMessage(), "structure XML invalide")
        raise GpxError(
            f"Le fichier GPX est mal formé, ligne {exc.getLineNumber()}, colonne "
            f"{exc.getColumnNumber() + 1} : {reason}."
        ) from None
    except DefusedXmlException:
        raise GpxError(
            "Le fichier GPX contient une déclaration de type de document ou des entités, "
            "refusées par prudence : exportez-le de nouveau depuis votre application."
        ) from None
    points = reader.track or reader.route
    if len(points) < 2:
        raise GpxError(
            "Le fichier GPX ne contient pas de trace (au moins deux points « trkpt » ou « rtept »)."
        )
    return Trace(points, reader.name.strip())
