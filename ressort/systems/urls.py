"""URLs of systems, mounted under demarches/<slug:slug>/ (ressort/urls.py)."""

from django.urls import include, path

from ressort.systems import api, views

app_name = "systems"

chain_urls = [
    path("", views.chain_list, name="chains"),
    path("ajouter/", views.chain_edit, name="chain_add"),
    path("modele/", views.chain_from_template, name="chain_from_template"),
    path("<int:pk>/", views.chain_detail, name="chain"),
    path("<int:pk>/modifier/", views.chain_edit, name="chain_edit"),
    path("<int:pk>/graphe/", views.chain_graph, name="chain_graph"),
    path("<int:pk>/supprimer/", views.chain_delete, name="chain_delete"),
    path("<int:pk>/elements/", views.node_add, name="node_add"),
    path("<int:pk>/liens/", views.link_add, name="link_add"),
    path("elements/<int:pk>/", views.node_edit, name="node_edit"),
    path("elements/<int:pk>/retirer/", views.node_delete, name="node_delete"),
    path("liens/<int:pk>/", views.link_edit, name="link_edit"),
    path("liens/<int:pk>/retirer/", views.link_delete, name="link_delete"),
    path("<int:pk>/api/", api.chain, name="api_chain"),
    path("<int:pk>/api/elements/", api.nodes, name="api_nodes"),
    path("<int:pk>/api/ranger/", api.arrange, name="api_arrange"),
    path("<int:pk>/api/elements/<int:node>/", api.node, name="api_node"),
    path("<int:pk>/api/liens/", api.links, name="api_links"),
    path("<int:pk>/api/liens/<int:link>/", api.link, name="api_link"),
]
scenario_urls = [
    path("", views.scenarios, name="scenarios"),
    path("ajouter/", views.scenario_add, name="scenario_add"),
    path("combinaisons/", views.combinations, name="combinations"),
    path("composantes/", views.component_add, name="component_add"),
    path("composantes/<int:pk>/", views.morph_edit, name="morph_edit"),
    path("composantes/<int:pk>/retirer/", views.morph_delete, name="morph_delete"),
    path("incompatibilites/", views.exclusion_add, name="exclusion_add"),
    path("incompatibilites/<int:pk>/retirer/", views.exclusion_delete, name="exclusion_delete"),
    path("<int:pk>/", views.scenario, name="scenario"),
    path("<int:pk>/enregistrer/", views.scenario_save, name="scenario_save"),
    path("<int:pk>/cadre/", views.scenario_frame, name="scenario_frame"),
    path("<int:pk>/supprimer/", views.scenario_delete, name="scenario_delete"),
]
micmac_urls = [
    path("", views.micmac, name="micmac"),
    path("variables/", views.variable_add, name="variable_add"),
    path("grille/", views.micmac_grid, name="micmac_grid"),
    path("importer/", views.micmac_import, name="micmac_import"),
    path("amorcer/", views.micmac_seed, name="micmac_seed"),
    path("resultats/", views.micmac_results, name="micmac_results"),
    path("matrice.csv", views.micmac_export, name="micmac_export"),
    path("variables/<int:pk>/", views.variable_edit, name="variable_edit"),
    path("variables/<int:pk>/retirer/", views.variable_delete, name="variable_delete"),
]
urlpatterns = [
    path("chaines/", include(chain_urls)),
    path("cascades/", views.cascade, name="cascade"),
    path("vision/", views.vision, name="vision"),
    path("vision/enregistrer/", views.vision_save, name="vision_save"),
    path("vision/mots/", views.vision_keywords, name="vision_keywords"),
    path(
        "vision/mots/<int:pk>/retirer/", views.vision_keyword_delete, name="vision_keyword_delete"
    ),
    path("scenarios/", include(scenario_urls)),
    path("micmac/", include(micmac_urls)),
]
