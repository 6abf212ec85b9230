"""La mise en récit in the démarche's menu (see ressort.web.nav): brique « recit »."""

from ressort.web.nav import Entry, register

register(
    Entry(
        "Mise en récit",
        "story:story",
        "3A",
        ("story:*",),
        module="recit",
        order=60,
    ),
)
