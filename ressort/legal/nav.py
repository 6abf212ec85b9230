"""The démarche's personal-data page in its menu (see ressort.web.nav)."""

from ressort.approaches.access import Right
from ressort.web.nav import Entry, register

register(
    Entry(
        "Données personnelles",
        "personal_data:page",
        "demarche",
        ("personal_data:*",),
        right=Right.EDIT_FRAMING,
        order=95,
        on_journey=False,
    ),
)
