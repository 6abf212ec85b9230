"""Démarche-level pages of the frameworks app, under demarches/<slug>/."""

from django.urls import path

from ressort.frameworks import approach_views as views

app_name = "grids"

urlpatterns = [
    path("<slug:slug>/grilles/", views.grid_list, name="grid_list"),
    path("<slug:slug>/grilles/<slug:code>/", views.grid_detail, name="grid_detail"),
    path("<slug:slug>/grilles/<slug:code>/export.yaml", views.grid_export, name="grid_export"),
    path("<slug:slug>/grilles/<slug:code>/ajouter/", views.grid_node_add, name="node_add"),
    path(
        "<slug:slug>/grilles/<slug:code>/element/<int:pk>/",
        views.grid_node_edit,
        name="node_edit",
    ),
    path(
        "<slug:slug>/grilles/<slug:code>/element/<int:pk>/retirer/",
        views.grid_node_delete,
        name="node_delete",
    ),
    path(
        "<slug:slug>/grilles/<slug:code>/element/<int:pk>/deplacer/",
        views.grid_node_move,
        name="node_move",
    ),
    path("<slug:slug>/appropriation/", views.appropriation, name="appropriation"),
    path("<slug:slug>/appropriation/<int:pk>/", views.exercise_detail, name="exercise"),
    path("<slug:slug>/conditions-de-reussite/", views.conditions, name="conditions"),
]
