"""The adopted versions in the démarche's menu (see ressort.web.nav)."""

from ressort.web.nav import Entry, register

register(
    Entry(
        "Versions adoptées",
        "documents:adoption_list",
        "demarche",
        ("documents:adoption_*",),
        order=90,
    ),
)
