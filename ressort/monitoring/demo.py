"""Demo content of monitoring for the demo démarche (illustrative, labelled as such)."""

from ressort.approaches.models import Approach


def build(approach: Approach) -> None:
    """Add this app's demo content to a freshly created demo démarche."""
