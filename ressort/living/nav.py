"""Pages of the brique « Lecture du vivant » in the démarche's menu (see ressort.web.nav)."""

from ressort.web.nav import Entry, register

register(
    Entry(
        "Le vivant du territoire",
        "living:overview",
        "2",
        ("living:milieu_*", "living:species_*", "living:opendata*"),
        module="vivant",
        order=60,
    ),
    Entry(
        "Le vivant dans le plan",
        "living:lens",
        "3B",
        ("living:effect_*",),
        module="vivant",
        order=75,
    ),
    Entry(
        "Parlement du vivant",
        "living:parliament_list",
        "participation",
        ("living:parliament_*", "living:spokesperson_*", "living:statement_*"),
        module="vivant",
        order=60,
    ),
)
