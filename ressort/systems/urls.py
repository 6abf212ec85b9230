"""URLs of systems, mounted under /demarches/: each path starts with <slug:slug>/."""

from django.urls import path

from ressort.systems import api, views

app_name = "systems"

urlpatterns = [
    path("<slug:slug>/chaines/", views.chain_list, name="chains"),
    path("<slug:slug>/chaines/<int:pk>/", views.chain_detail, name="chain"),
    path("<slug:slug>/chaines/<int:pk>/graphe/", views.chain_graph, name="chain_graph"),
    path("<slug:slug>/chaines/<int:pk>/supprimer/", views.chain_delete, name="chain_delete"),
    path("<slug:slug>/chaines/<int:pk>/elements/<int:node>/", views.node_edit, name="node_edit"),
    path(
        "<slug:slug>/chaines/<int:pk>/elements/<int:node>/retirer/",
        views.node_delete,
        name="node_delete",
    ),
    path("<slug:slug>/chaines/<int:pk>/liens/<int:link>/", views.link_edit, name="link_edit"),
    path(
        "<slug:slug>/chaines/<int:pk>/liens/<int:link>/retirer/",
        views.link_delete,
        name="link_delete",
    ),
    path("<slug:slug>/chaines/<int:pk>/api/", api.chain, name="api_chain"),
    path("<slug:slug>/chaines/<int:pk>/api/elements/", api.nodes, name="api_nodes"),
    path("<slug:slug>/chaines/<int:pk>/api/elements/<int:node>/", api.node, name="api_node"),
    path("<slug:slug>/chaines/<int:pk>/api/liens/", api.links, name="api_links"),
    path("<slug:slug>/chaines/<int:pk>/api/liens/<int:link>/", api.link, name="api_link"),
    path("<slug:slug>/cascades/", views.cascade, name="cascade"),
    path("<slug:slug>/vision/", views.vision, name="vision"),
    path("<slug:slug>/scenarios/", views.scenarios, name="scenarios"),
    path("<slug:slug>/scenarios/combinaisons/", views.combinations, name="combinations"),
    path("<slug:slug>/scenarios/composantes/<int:pk>/", views.morph_edit, name="morph_edit"),
    path("<slug:slug>/scenarios/<int:pk>/", views.scenario, name="scenario"),
    path("<slug:slug>/micmac/", views.micmac, name="micmac"),
    path("<slug:slug>/micmac/resultats/", views.micmac_results, name="micmac_results"),
    path("<slug:slug>/micmac/matrice.csv", views.micmac_export, name="micmac_export"),
    path("<slug:slug>/micmac/variables/<int:pk>/", views.variable_edit, name="variable_edit"),
    path(
        "<slug:slug>/micmac/variables/<int:pk>/retirer/",
        views.variable_delete,
        name="variable_delete",
    ),
]
