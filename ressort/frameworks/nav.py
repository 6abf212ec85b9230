"""Phase 1 pages in the démarche's menu (see ressort.web.nav)."""

from ressort.web.nav import Entry, register

register(
    Entry("Référentiels (apprendre)", "frameworks:list", "1", order=10, of_demarche=False),
    Entry("Grilles d'analyse", "grids:grid_list", "1", ("grids:grid_*", "grids:node_*"), order=20),
    Entry("Ateliers d'appropriation", "grids:appropriation", "1", ("grids:exercise*",), order=30),
    Entry("Conditions de réussite", "grids:conditions", "1", ("grids:conditions_*",), order=40),
)
