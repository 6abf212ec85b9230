"""Services of fieldwork (contracts with other apps: /work/shared-notes/contracts.md)."""

from typing import Any

from ressort.approaches.models import Approach


def evidence_by_dimension(approach: Approach) -> dict[str, dict[str, list[Any]]]:
    """Dimension code → {"quotes", "observations", "vulnerabilities", "resources"}."""
    raise NotImplementedError


def map_features(approach: Approach) -> dict[str, Any]:
    """GeoJSON FeatureCollection of located observations, vulnerabilities and resources."""
    raise NotImplementedError


def add_testimony(
    approach: Approach, text: str, *, category: str, source: str, dimension_codes: Any = ()
) -> Any:
    raise NotImplementedError
