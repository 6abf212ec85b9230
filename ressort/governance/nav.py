"""Governance pages in the démarche's menu (see ressort.web.nav): the brique « Gouvernance
et coopération »."""

from ressort.web.nav import Entry, register

register(
    Entry(
        "Acteurs du territoire",
        "governance:actor_list",
        "demarche",
        ("governance:actor_*", "governance:link_*"),
        module="gouvernance",
        order=45,
    ),
    Entry(
        "Gouvernance interne",
        "governance:raci",
        "demarche",
        ("governance:raci_save", "governance:diagnosis*"),
        module="gouvernance",
        order=46,
    ),
    Entry(
        "Jeux d'acteurs (MACTOR)",
        "governance:study_list",
        "3A",
        (
            "governance:study_*",
            "governance:objective_*",
            "governance:influences*",
            "governance:positions*",
            "governance:results",
        ),
        module="gouvernance",
        order=80,
    ),
    Entry(
        "Conflits entre acteurs",
        "governance:conflict_list",
        "3B",
        (
            "governance:conflict_*",
            "governance:party_*",
            "governance:option_*",
            "governance:meeting_*",
        ),
        module="gouvernance",
        order=65,
    ),
    Entry(
        "Coopérations",
        "governance:agreement_list",
        "3B",
        ("governance:agreement_*",),
        module="gouvernance",
        order=70,
    ),
)
