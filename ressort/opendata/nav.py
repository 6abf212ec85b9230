"""Open-data pages in the démarche's menu (see ressort.web.nav)."""

from ressort.web.nav import Entry, register

register(
    Entry(
        "Catalogue d'indicateurs",
        "opendata:catalogue",
        "2",
        ("opendata:catalogue_add",),
        order=31,
    ),
    Entry("Données ouvertes", "opendata:sources", "2", ("opendata:refresh",), order=32),
    Entry("Chocs passés", "opendata:shocks", "2", ("opendata:shock*",), order=35),
)
