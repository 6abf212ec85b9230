"""URLs of actions, mounted under demarches/<slug:slug>/ (ressort/urls.py)."""

from django.urls import path

from ressort.actions import budget_views, conflict_views, decision_views, grid_views, views

app_name = "actions"

urlpatterns = [
    path("idees/", views.idea_list, name="idea_list"),
    path("idees/ajouter/", views.idea_add, name="idea_add"),
    path("idees/ranger/", views.idea_theme, name="idea_theme"),
    path("idees/fusionner/", views.idea_merge, name="idea_merge"),
    path("idees/retenir/", views.idea_retain, name="idea_retain"),
    path("idees/themes/", views.theme_create, name="theme_create"),
    path("idees/themes/<int:pk>/", views.theme_edit, name="theme_edit"),
    path("idees/themes/<int:pk>/supprimer/", views.theme_delete, name="theme_delete"),
    path("idees/<int:pk>/", views.idea_edit, name="idea_edit"),
    path("idees/<int:pk>/supprimer/", views.idea_delete, name="idea_delete"),
    path("actions/", views.action_list, name="action_list"),
    path("actions/ajouter/", views.action_add, name="action_add"),
    path("actions/<int:pk>/", grid_views.action_detail, name="action_detail"),
    path("actions/<int:pk>/grille/", grid_views.action_evaluate, name="action_evaluate"),
    path("actions/<int:pk>/modifier/", views.action_edit, name="action_edit"),
    path("actions/<int:pk>/supprimer/", views.action_delete, name="action_delete"),
    path("portefeuille/", grid_views.portfolio, name="portfolio"),
    path("portefeuille/grille/", grid_views.grid_choice, name="grid_choice"),
    path("portefeuille/evaluations.csv", grid_views.evaluations_csv, name="evaluations_csv"),
    path("budget/", budget_views.budget_choice, name="budget_choice"),
    path("budget/reglages/", budget_views.budget_settings, name="budget_settings"),
    path("budget/liens/", budget_views.budget_link_add, name="budget_link_add"),
    path(
        "budget/liens/<int:pk>/supprimer/",
        budget_views.budget_link_delete,
        name="budget_link_delete",
    ),
    path("budget/plan-d-actions/", budget_views.budget_plan, name="budget_plan"),
    path("priorisation/", decision_views.prioritisation, name="prioritisation"),
    path("priorisation/criteres/", decision_views.criterion_add, name="criterion_add"),
    path("priorisation/valeurs/", decision_views.criterion_values, name="criterion_values"),
    path("priorisation/criteres/<int:pk>/", decision_views.criterion_edit, name="criterion_edit"),
    path(
        "priorisation/criteres/<int:pk>/supprimer/",
        decision_views.criterion_delete,
        name="criterion_delete",
    ),
    path("priorisation/sensibilite/", decision_views.sensitivity, name="sensitivity"),
    path("conflits-d-usage/", conflict_views.conflict_list, name="conflict_list"),
    path("conflits-d-usage/ajouter/", conflict_views.resource_add, name="resource_add"),
    path("conflits-d-usage/<int:pk>/", conflict_views.resource_detail, name="resource_detail"),
    path("conflits-d-usage/<int:pk>/modifier/", conflict_views.resource_edit, name="resource_edit"),
    path(
        "conflits-d-usage/<int:pk>/supprimer/",
        conflict_views.resource_delete,
        name="resource_delete",
    ),
    path("conflits-d-usage/<int:pk>/usages/", conflict_views.use_add, name="resource_use_add"),
    path(
        "conflits-d-usage/<int:pk>/options/", conflict_views.option_add, name="resource_option_add"
    ),
    path(
        "conflits-d-usage/<int:pk>/arbitrages/",
        conflict_views.arbitration_add,
        name="resource_arbitration_add",
    ),
    path(
        "conflits-d-usage/<int:pk>/actions/",
        conflict_views.resource_actions,
        name="resource_actions",
    ),
    path(
        "conflits-d-usage/usages/<int:pk>/supprimer/",
        conflict_views.use_delete,
        name="resource_use_delete",
    ),
    path(
        "conflits-d-usage/options/<int:pk>/supprimer/",
        conflict_views.option_delete,
        name="resource_option_delete",
    ),
    path(
        "conflits-d-usage/arbitrages/<int:pk>/",
        conflict_views.arbitration_edit,
        name="resource_arbitration_edit",
    ),
    path(
        "conflits-d-usage/arbitrages/<int:pk>/supprimer/",
        conflict_views.arbitration_delete,
        name="resource_arbitration_delete",
    ),
    path("vote/", decision_views.vote, name="vote"),
    path("vote/bulletins/", decision_views.ballot_add, name="ballot_add"),
    path("vote/import/", decision_views.vote_import, name="vote_import"),
    path("vote/bulletins.csv", decision_views.vote_export, name="vote_export"),
    path("vote/bulletins/<int:pk>/supprimer/", decision_views.ballot_delete, name="ballot_delete"),
    path("vote/depouillements/", decision_views.vote_tally_add, name="vote_tally_add"),
    path(
        "vote/depouillements/<int:pk>/supprimer/",
        decision_views.tally_delete,
        name="tally_delete",
    ),
]
