"""The open-data connectors, by name (the `collecte.connecteur` of the catalogue)."""

from __future__ import annotations

from ressort.opendata.connectors import (
    ademe,
    atmo,
    cerema,
    georisques,
    hubeau,
    insee,
    opendatasoft,
)
from ressort.opendata.connectors.base import Connector

REGISTRY: dict[str, Connector] = {
    c.name: c
    for module in (georisques, hubeau, insee, cerema, atmo, opendatasoft, ademe)
    for c in module.CONNECTORS
}
