"""URLs of actions, mounted under /demarches/: each path starts with <slug:slug>/."""

from django.urls import path

from ressort.actions import conflict_views, decision_views, grid_views, views

app_name = "actions"

urlpatterns = [
    path("<slug:slug>/idees/", views.idea_list, name="idea_list"),
    path("<slug:slug>/idees/operation/", views.idea_operation, name="idea_operation"),
    path("<slug:slug>/idees/themes/", views.theme_create, name="theme_create"),
    path("<slug:slug>/idees/themes/<int:pk>/", views.theme_edit, name="theme_edit"),
    path("<slug:slug>/idees/<int:pk>/", views.idea_edit, name="idea_edit"),
    path("<slug:slug>/actions/", views.action_list, name="action_list"),
    path("<slug:slug>/actions/<int:pk>/", grid_views.action_detail, name="action_detail"),
    path(
        "<slug:slug>/actions/<int:pk>/grille/", grid_views.action_evaluate, name="action_evaluate"
    ),
    path("<slug:slug>/portefeuille/", grid_views.portfolio, name="portfolio"),
    path("<slug:slug>/portefeuille/grille/", grid_views.grid_choice, name="grid_choice"),
    path(
        "<slug:slug>/portefeuille/evaluations.csv",
        grid_views.evaluations_csv,
        name="evaluations_csv",
    ),
    path("<slug:slug>/priorisation/", decision_views.prioritisation, name="prioritisation"),
    path(
        "<slug:slug>/priorisation/valeurs/",
        decision_views.criterion_values,
        name="criterion_values",
    ),
    path(
        "<slug:slug>/priorisation/criteres/<int:pk>/",
        decision_views.criterion_edit,
        name="criterion_edit",
    ),
    path("<slug:slug>/priorisation/sensibilite/", decision_views.sensitivity, name="sensitivity"),
    path("<slug:slug>/conflits-d-usage/", conflict_views.conflict_list, name="conflict_list"),
    path(
        "<slug:slug>/conflits-d-usage/<int:pk>/",
        conflict_views.resource_detail,
        name="resource_detail",
    ),
    path(
        "<slug:slug>/conflits-d-usage/<int:pk>/supprimer/<slug:kind>/<int:item>/",
        conflict_views.resource_item_delete,
        name="resource_item_delete",
    ),
    path("<slug:slug>/vote/", decision_views.vote, name="vote"),
    path("<slug:slug>/vote/import/", decision_views.vote_import, name="vote_import"),
    path("<slug:slug>/vote/bulletins.csv", decision_views.vote_export, name="vote_export"),
    path(
        "<slug:slug>/vote/bulletins/<int:pk>/supprimer/",
        decision_views.ballot_delete,
        name="ballot_delete",
    ),
    path("<slug:slug>/actions/<int:pk>/modifier/", views.action_edit, name="action_edit"),
]
