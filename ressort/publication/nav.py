"""The public page's settings in the démarche's menu (see ressort.web.nav)."""

from ressort.web.nav import Entry, register

register(Entry("Page publique", "publication:settings", "demarche", order=65))
