"""Démarche-level pages of the frameworks app, under demarches/<slug>/."""

from django.urls import include, path

from ressort.frameworks import approach_views as views

app_name = "grids"

grid_urls = [
    path("", views.grid_list, name="grid_list"),
    path("ajouter/", views.grid_add, name="grid_add"),
    path("importer/", views.grid_import, name="grid_import"),
    path("<slug:code>/", views.grid_detail, name="grid_detail"),
    path("<slug:code>/export.yaml", views.grid_export, name="grid_export"),
    path("<slug:code>/ajouter/", views.grid_node_add, name="node_add"),
    path("<slug:code>/element/<int:pk>/", views.grid_node_edit, name="node_edit"),
    path("<slug:code>/element/<int:pk>/retirer/", views.grid_node_delete, name="node_delete"),
    path("<slug:code>/element/<int:pk>/deplacer/", views.grid_node_move, name="node_move"),
]
urlpatterns = [
    path("grilles/", include(grid_urls)),
    path("appropriation/", views.appropriation, name="appropriation"),
    path("appropriation/ajouter/", views.exercise_add, name="exercise_add"),
    path("appropriation/<int:pk>/", views.exercise_detail, name="exercise"),
    path("appropriation/<int:pk>/tri/", views.exercise_sort, name="exercise_sort"),
    path("conditions-de-reussite/", views.conditions, name="conditions"),
    path("conditions-de-reussite/repondre/", views.conditions_answer, name="conditions_answer"),
]
