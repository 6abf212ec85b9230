"""Training in the démarche's menu (see ressort.web.nav): the brique « Formation »."""

from ressort.web.nav import Entry, register

register(
    Entry(
        "Formation",
        "training:overview",
        "1",
        (
            "training:path*",
            "training:step_*",
            "training:session*",
            "training:attendee_*",
            "training:attendance_*",
            "training:certificate",
            "training:commitment_*",
            "training:needs*",
        ),
        module="formation",
        order=60,
    ),
    Entry(
        "Catalogue de formation",
        "training:catalogue",
        "1",
        ("training:module*",),
        module="formation",
        order=61,
    ),
    Entry(
        "Suivi de la formation",
        "training:followup",
        "3C",
        ("training:headcount_*",),
        module="formation",
        order=60,
    ),
)
