"""Steering and monitoring pages in the démarche's menu (see ressort.web.nav)."""

from ressort.web.nav import Entry, register

register(
    Entry(
        "Trajectoires", "monitoring:trajectory_list", "3B", ("monitoring:trajectory_*",), order=80
    ),
    Entry(
        "Comités et décisions",
        "monitoring:meeting_list",
        "3C",
        ("monitoring:meeting_*", "monitoring:decision_log"),
        order=20,
    ),
    Entry(
        "Suivi (tableau de bord)",
        "monitoring:dashboard",
        "3C",
        ("monitoring:progress*",),
        order=30,
    ),
    Entry(
        "Évaluations", "monitoring:evaluation_list", "3C", ("monitoring:evaluation_*",), order=40
    ),
    Entry(
        "Retours d'expérience",
        "monitoring:experience_list",
        "3C",
        ("monitoring:experience_*", "monitoring:inspiration_*"),
        order=50,
    ),
    Entry("Territoires comparables", "monitoring:similar_territories", "3C", order=55),
)
