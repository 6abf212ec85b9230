"""Live workshops in the démarche's menu (see ressort.web.nav)."""

from ressort.web.nav import Entry, register

register(Entry("Ateliers en direct", "workshops:list", "participation", ("workshops:*",)))
