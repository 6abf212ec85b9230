"""Strategy pages in the démarche's menu (see ressort.web.nav)."""

from ressort.web.nav import Entry, register

register(
    Entry(
        "Stratégie et plan d'actions",
        "strategy:overview",
        "3B",
        (
            "strategy:one_page",
            "strategy:statement_edit",
            "strategy:axis_*",
            "strategy:objective_*",
            "strategy:document_start",
            "strategy:report_start",
            "strategy:sheet_*",
            "strategy:part_*",
            "strategy:comment_*",
        ),
        order=70,
    ),
    Entry(
        "Calendrier des actions",
        "strategy:timeline",
        "3C",
        ("strategy:timeline_*",),
        order=10,
    ),
    Entry(
        "Historique des modifications",
        "strategy:history",
        "3C",
        ("strategy:history_*",),
        order=90,
        on_journey=False,
    ),
)
