"""Portrait pages in the démarche's menu (see ressort.web.nav)."""

from ressort.web.nav import Entry, register

register(
    Entry(
        "Portrait de résilience",
        "portrait:portrait",
        "2",
        ("portrait:reading_*", "portrait:map_features", "portrait:document_start"),
        order=70,
    ),
    Entry(
        "Indicateurs",
        "portrait:indicators",
        "2",
        ("portrait:indicator*", "portrait:value_*", "portrait:import*"),
        order=30,
    ),
    Entry("Grilles de questions", "portrait:sessions", "2", ("portrait:session*",), order=40),
)
