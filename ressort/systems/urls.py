"""URLs of systems, mounted under demarches/<slug:slug>/ (ressort/urls.py)."""

from django.urls import path

from ressort.systems import api, views

app_name = "systems"

urlpatterns = [
    path("chaines/", views.chain_list, name="chains"),
    path("chaines/<int:pk>/", views.chain_detail, name="chain"),
    path("chaines/<int:pk>/graphe/", views.chain_graph, name="chain_graph"),
    path("chaines/<int:pk>/supprimer/", views.chain_delete, name="chain_delete"),
    path("chaines/<int:pk>/elements/<int:node>/", views.node_edit, name="node_edit"),
    path(
        "chaines/<int:pk>/elements/<int:node>/retirer/",
        views.node_delete,
        name="node_delete",
    ),
    path("chaines/<int:pk>/liens/<int:link>/", views.link_edit, name="link_edit"),
    path(
        "chaines/<int:pk>/liens/<int:link>/retirer/",
        views.link_delete,
        name="link_delete",
    ),
    path("chaines/<int:pk>/api/", api.chain, name="api_chain"),
    path("chaines/<int:pk>/api/elements/", api.nodes, name="api_nodes"),
    path("chaines/<int:pk>/api/elements/<int:node>/", api.node, name="api_node"),
    path("chaines/<int:pk>/api/liens/", api.links, name="api_links"),
    path("chaines/<int:pk>/api/liens/<int:link>/", api.link, name="api_link"),
    path("cascades/", views.cascade, name="cascade"),
    path("vision/", views.vision, name="vision"),
    path("scenarios/", views.scenarios, name="scenarios"),
    path("scenarios/combinaisons/", views.combinations, name="combinations"),
    path("scenarios/composantes/<int:pk>/", views.morph_edit, name="morph_edit"),
    path("scenarios/<int:pk>/", views.scenario, name="scenario"),
    path("micmac/", views.micmac, name="micmac"),
    path("micmac/resultats/", views.micmac_results, name="micmac_results"),
    path("micmac/matrice.csv", views.micmac_export, name="micmac_export"),
    path("micmac/variables/<int:pk>/", views.variable_edit, name="variable_edit"),
    path(
        "micmac/variables/<int:pk>/retirer/",
        views.variable_delete,
        name="variable_delete",
    ),
]
