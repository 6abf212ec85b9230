"""Photo-interpretation in the démarche's menu (see ressort.web.nav), beside the field map."""

from ressort.web.nav import Entry, register

register(
    Entry("Photo-interprétation", "aerial:map", "2", ("aerial:*",), order=56),
)
