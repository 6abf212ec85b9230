"""Behaviour change in the démarche's menu (see ressort.web.nav): the brique
« Changement de comportements »."""

from ressort.web.nav import Entry, register

register(
    Entry(
        "Changement de comportements",
        "behaviour:list",
        "3B",
        ("behaviour:*",),
        module="comportements",
        order=75,
    ),
)
