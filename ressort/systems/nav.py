"""Systems and scenarios pages in the démarche's menu (see ressort.web.nav)."""

from ressort.web.nav import Entry, register

register(
    Entry(
        "Chaînes d'impacts",
        "systems:chains",
        "2",
        ("systems:chain*", "systems:node_*", "systems:link_*", "systems:api_*"),
        order=60,
    ),
    Entry("Cascades et boucles", "systems:cascade", "2", order=65, on_journey=False),
    Entry("Vision", "systems:vision", "3A", ("systems:vision_*",), order=10),
    Entry(
        "Analyse structurelle (MICMAC)",
        "systems:micmac",
        "3A",
        ("systems:micmac_*", "systems:variable_*"),
        order=20,
    ),
    Entry(
        "Scénarios et test de résistance",
        "systems:scenarios",
        "3A",
        (
            "systems:scenario*",
            "systems:morph_*",
            "systems:component_*",
            "systems:exclusion_*",
            "systems:combinations",
        ),
        order=30,
    ),
)
