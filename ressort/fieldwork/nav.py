"""Field work pages in the démarche's menu (see ressort.web.nav)."""

from ressort.web.nav import Entry, register

register(
    Entry(
        "Observations de terrain",
        "fieldwork:observation_list",
        "2",
        (
            "fieldwork:observation_*",
            "fieldwork:photo*",
            "fieldwork:suggestions",
            "fieldwork:tag_*",
            "fieldwork:offline_*",
            "fieldwork:service_worker",
            "fieldwork:manifest",
        ),
        order=10,
    ),
    Entry(
        "Entretiens et témoignages",
        "fieldwork:testimony_list",
        "2",
        ("fieldwork:testimony_*", "fieldwork:quote_*"),
        order=20,
    ),
    Entry(
        "Vulnérabilités et ressources", "fieldwork:inventory", "2", ("fieldwork:item_*",), order=50
    ),
    Entry("Diagnostic en marchant", "fieldwork:walk_list", "2", ("fieldwork:walk_*",), order=15),
    Entry("Carte du terrain", "fieldwork:map", "2", ("fieldwork:map_*",), order=55),
    Entry("Aléas et chocs", "fieldwork:hazard_list", "2", ("fieldwork:hazard_*",), order=57),
)
