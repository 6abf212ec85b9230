"""The activity kinds of a workshop, one module each, gathered in one registry.

`base` says what a kind is (`ActivityKind`) and holds the registry; `sources` what the kinds
read from the démarche's other bricks; each other module is one kind and registers itself on
import. Adding a kind is adding a module here (imported below) and its two templates
(`workshops/kinds/<code>_participant.html` and `<code>_projection.html`).
"""

# Each module registers its kind on import; this order is the « Ajouter une activité » list's.
# isort: off
from ressort.workshops.kinds import ideas, words, grid, ranking, rating, vote  # noqa: F401
from ressort.workshops.kinds import governance, mactor, acceptability  # noqa: F401
from ressort.workshops.kinds import imagery  # noqa: F401

# isort: on
from ressort.workshops.kinds.base import (
    REGISTRY,
    SINGLE_KEY,
    ActivityKind,
    AnswerError,
    DeliveryError,
    Fields,
    Parsed,
    UnknownKind,
    get_kind,
    kind_choices,
)
from ressort.workshops.kinds.sources import approach_actions

__all__ = [
    "REGISTRY",
    "SINGLE_KEY",
    "ActivityKind",
    "AnswerError",
    "DeliveryError",
    "Fields",
    "Parsed",
    "UnknownKind",
    "approach_actions",
    "get_kind",
    "kind_choices",
]
