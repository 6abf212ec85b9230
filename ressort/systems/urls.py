"""URLs of systems, mounted under demarches/<slug:slug>/ (ressort/urls.py)."""

from django.urls import path

from ressort.systems import api, views

app_name = "systems"

urlpatterns = [
    path("chaines/", views.chain_list, name="chains"),
    path("chaines/ajouter/", views.chain_edit, name="chain_add"),
    path("chaines/modele/", views.chain_from_template, name="chain_from_template"),
    path("chaines/<int:pk>/", views.chain_detail, name="chain"),
    path("chaines/<int:pk>/modifier/", views.chain_edit, name="chain_edit"),
    path("chaines/<int:pk>/graphe/", views.chain_graph, name="chain_graph"),
    path("chaines/<int:pk>/supprimer/", views.chain_delete, name="chain_delete"),
    path("chaines/<int:pk>/elements/", views.node_add, name="node_add"),
    path("chaines/<int:pk>/liens/", views.link_add, name="link_add"),
    path("chaines/elements/<int:pk>/", views.node_edit, name="node_edit"),
    path("chaines/elements/<int:pk>/retirer/", views.node_delete, name="node_delete"),
    path("chaines/liens/<int:pk>/", views.link_edit, name="link_edit"),
    path("chaines/liens/<int:pk>/retirer/", views.link_delete, name="link_delete"),
    path("chaines/<int:pk>/api/", api.chain, name="api_chain"),
    path("chaines/<int:pk>/api/elements/", api.nodes, name="api_nodes"),
    path("chaines/<int:pk>/api/ranger/", api.arrange, name="api_arrange"),
    path("chaines/<int:pk>/api/elements/<int:node>/", api.node, name="api_node"),
    path("chaines/<int:pk>/api/liens/", api.links, name="api_links"),
    path("chaines/<int:pk>/api/liens/<int:link>/", api.link, name="api_link"),
    path("cascades/", views.cascade, name="cascade"),
    path("vision/", views.vision, name="vision"),
    path("vision/enregistrer/", views.vision_save, name="vision_save"),
    path("vision/mots/", views.vision_keywords, name="vision_keywords"),
    path(
        "vision/mots/<int:pk>/retirer/",
        views.vision_keyword_delete,
        name="vision_keyword_delete",
    ),
    path("scenarios/", views.scenarios, name="scenarios"),
    path("scenarios/ajouter/", views.scenario_add, name="scenario_add"),
    path("scenarios/combinaisons/", views.combinations, name="combinations"),
    path("scenarios/composantes/", views.component_add, name="component_add"),
    path("scenarios/composantes/<int:pk>/", views.morph_edit, name="morph_edit"),
    path("scenarios/composantes/<int:pk>/retirer/", views.morph_delete, name="morph_delete"),
    path("scenarios/incompatibilites/", views.exclusion_add, name="exclusion_add"),
    path(
        "scenarios/incompatibilites/<int:pk>/retirer/",
        views.exclusion_delete,
        name="exclusion_delete",
    ),
    path("scenarios/<int:pk>/", views.scenario, name="scenario"),
    path("scenarios/<int:pk>/enregistrer/", views.scenario_save, name="scenario_save"),
    path("scenarios/<int:pk>/cadre/", views.scenario_frame, name="scenario_frame"),
    path("scenarios/<int:pk>/supprimer/", views.scenario_delete, name="scenario_delete"),
    path("micmac/", views.micmac, name="micmac"),
    path("micmac/variables/", views.variable_add, name="variable_add"),
    path("micmac/grille/", views.micmac_grid, name="micmac_grid"),
    path("micmac/importer/", views.micmac_import, name="micmac_import"),
    path("micmac/amorcer/", views.micmac_seed, name="micmac_seed"),
    path("micmac/resultats/", views.micmac_results, name="micmac_results"),
    path("micmac/matrice.csv", views.micmac_export, name="micmac_export"),
    path("micmac/variables/<int:pk>/", views.variable_edit, name="variable_edit"),
    path(
        "micmac/variables/<int:pk>/retirer/",
        views.variable_delete,
        name="variable_delete",
    ),
]
