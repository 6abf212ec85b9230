"""Library and watch pages in the démarche's menu (see ressort.web.nav)."""

from ressort.web.nav import Entry, register

register(
    Entry(
        "Bibliothèque",
        "library:document_list",
        "demarche",
        (
            "library:document_*",
            "library:passage_*",
            "library:citation*",
            "library:objective_*",
            "library:plan*",
            "library:action_consistency*",
            "library:plan_import",
            "library:plan_export",
        ),
        order=47,
    ),
    Entry(
        "Veille",
        "library:signal_list",
        "3A",
        ("library:signal_*", "library:feed_*", "library:item_to_signal"),
        order=5,
    ),
)
