"""URLs of actions, mounted under demarches/<slug:slug>/ (ressort/urls.py)."""

from django.urls import path

from ressort.actions import conflict_views, decision_views, grid_views, views

app_name = "actions"

urlpatterns = [
    path("idees/", views.idea_list, name="idea_list"),
    path("idees/operation/", views.idea_operation, name="idea_operation"),
    path("idees/themes/", views.theme_create, name="theme_create"),
    path("idees/themes/<int:pk>/", views.theme_edit, name="theme_edit"),
    path("idees/<int:pk>/", views.idea_edit, name="idea_edit"),
    path("actions/", views.action_list, name="action_list"),
    path("actions/<int:pk>/", grid_views.action_detail, name="action_detail"),
    path("actions/<int:pk>/grille/", grid_views.action_evaluate, name="action_evaluate"),
    path("portefeuille/", grid_views.portfolio, name="portfolio"),
    path("portefeuille/grille/", grid_views.grid_choice, name="grid_choice"),
    path(
        "portefeuille/evaluations.csv",
        grid_views.evaluations_csv,
        name="evaluations_csv",
    ),
    path("priorisation/", decision_views.prioritisation, name="prioritisation"),
    path(
        "priorisation/valeurs/",
        decision_views.criterion_values,
        name="criterion_values",
    ),
    path(
        "priorisation/criteres/<int:pk>/",
        decision_views.criterion_edit,
        name="criterion_edit",
    ),
    path("priorisation/sensibilite/", decision_views.sensitivity, name="sensitivity"),
    path("conflits-d-usage/", conflict_views.conflict_list, name="conflict_list"),
    path(
        "conflits-d-usage/<int:pk>/",
        conflict_views.resource_detail,
        name="resource_detail",
    ),
    path(
        "conflits-d-usage/<int:pk>/supprimer/<slug:kind>/<int:item>/",
        conflict_views.resource_item_delete,
        name="resource_item_delete",
    ),
    path("vote/", decision_views.vote, name="vote"),
    path("vote/import/", decision_views.vote_import, name="vote_import"),
    path("vote/bulletins.csv", decision_views.vote_export, name="vote_export"),
    path(
        "vote/bulletins/<int:pk>/supprimer/",
        decision_views.ballot_delete,
        name="ballot_delete",
    ),
    path("actions/<int:pk>/modifier/", views.action_edit, name="action_edit"),
]
