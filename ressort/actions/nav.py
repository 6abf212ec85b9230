"""Action pages in the démarche's menu (see ressort.web.nav)."""

from ressort.web.nav import Entry, register

register(
    Entry(
        "Idées d'actions",
        "actions:idea_list",
        "3B",
        ("actions:idea_*", "actions:theme_*"),
        order=10,
    ),
    Entry(
        "Actions et grille d'analyse",
        "actions:action_list",
        "3B",
        ("actions:action_*",),
        order=20,
    ),
    Entry(
        "Portefeuille d'actions",
        "actions:portfolio",
        "3B",
        ("actions:grid_choice", "actions:evaluations_csv"),
        order=30,
    ),
    Entry(
        "Choisir dans un budget",
        "actions:budget_choice",
        "3B",
        ("actions:budget_*",),
        order=35,
    ),
    Entry(
        "Priorisation multicritère",
        "actions:prioritisation",
        "3B",
        ("actions:criterion_*", "actions:sensitivity"),
        order=40,
    ),
    Entry(
        "Vote au jugement majoritaire",
        "actions:vote",
        "3B",
        ("actions:vote_*", "actions:ballot_*", "actions:tally_*"),
        order=50,
    ),
    Entry(
        "Conflits d'usage",
        "actions:conflict_list",
        "3B",
        ("actions:resource_*",),
        order=60,
    ),
)
