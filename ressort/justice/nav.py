"""Pages of the brique « Transition écologique juste » in the démarche's menu."""

from ressort.web.nav import Entry, register

register(
    Entry(
        "Groupes de population",
        "justice:groups",
        "2",
        ("justice:group_*", "justice:sizes", "justice:insee_upload"),
        module="transition-juste",
        order=65,
    ),
    Entry(
        "Transition juste du plan",
        "justice:portfolio",
        "3B",
        ("justice:effect_*", "justice:remedy_*"),
        module="transition-juste",
        order=76,
    ),
    Entry(
        "Qui participe\u00a0?",
        "justice:participation",
        "participation",
        ("justice:participation_add",),
        module="transition-juste",
        order=61,
    ),
    Entry(
        "Acceptabilité des mesures",
        "justice:acceptability",
        "participation",
        ("justice:acceptability_add",),
        module="transition-juste",
        order=62,
    ),
)
