"""URLs of actions, mounted under demarches/<slug:slug>/ (ressort/urls.py)."""

from django.urls import include, path

from ressort.actions import budget_views, conflict_views, decision_views, grid_views, views

app_name = "actions"

idea_urls = [
    path("", views.idea_list, name="idea_list"),
    path("ajouter/", views.idea_add, name="idea_add"),
    path("ranger/", views.idea_theme, name="idea_theme"),
    path("fusionner/", views.idea_merge, name="idea_merge"),
    path("retenir/", views.idea_retain, name="idea_retain"),
    path("themes/", views.theme_create, name="theme_create"),
    path("themes/<int:pk>/", views.theme_edit, name="theme_edit"),
    path("themes/<int:pk>/supprimer/", views.theme_delete, name="theme_delete"),
    path("<int:pk>/", views.idea_edit, name="idea_edit"),
    path("<int:pk>/supprimer/", views.idea_delete, name="idea_delete"),
]
action_urls = [
    path("", views.action_list, name="action_list"),
    path("ajouter/", views.action_add, name="action_add"),
    path("<int:pk>/", grid_views.action_detail, name="action_detail"),
    path("<int:pk>/grille/", grid_views.action_evaluate, name="action_evaluate"),
    path("<int:pk>/modifier/", views.action_edit, name="action_edit"),
    path("<int:pk>/supprimer/", views.action_delete, name="action_delete"),
]
budget_urls = [
    path("", budget_views.budget_choice, name="budget_choice"),
    path("reglages/", budget_views.budget_settings, name="budget_settings"),
    path("liens/", budget_views.budget_link_add, name="budget_link_add"),
    path("liens/<int:pk>/supprimer/", budget_views.budget_link_delete, name="budget_link_delete"),
    path("plan-d-actions/", budget_views.budget_plan, name="budget_plan"),
]
prioritisation_urls = [
    path("", decision_views.prioritisation, name="prioritisation"),
    path("criteres/", decision_views.criterion_add, name="criterion_add"),
    path("valeurs/", decision_views.criterion_values, name="criterion_values"),
    path("criteres/<int:pk>/", decision_views.criterion_edit, name="criterion_edit"),
    path("criteres/<int:pk>/supprimer/", decision_views.criterion_delete, name="criterion_delete"),
    path("sensibilite/", decision_views.sensitivity, name="sensitivity"),
]
conflict_urls = [
    path("", conflict_views.conflict_list, name="conflict_list"),
    path("ajouter/", conflict_views.resource_add, name="resource_add"),
    path("<int:pk>/", conflict_views.resource_detail, name="resource_detail"),
    path("<int:pk>/modifier/", conflict_views.resource_edit, name="resource_edit"),
    path("<int:pk>/supprimer/", conflict_views.resource_delete, name="resource_delete"),
    path("<int:pk>/usages/", conflict_views.use_add, name="resource_use_add"),
    path("<int:pk>/options/", conflict_views.option_add, name="resource_option_add"),
    path("<int:pk>/arbitrages/", conflict_views.arbitration_add, name="resource_arbitration_add"),
    path("<int:pk>/actions/", conflict_views.resource_actions, name="resource_actions"),
    path("usages/<int:pk>/supprimer/", conflict_views.use_delete, name="resource_use_delete"),
    path(
        "options/<int:pk>/supprimer/", conflict_views.option_delete, name="resource_option_delete"
    ),
    path("arbitrages/<int:pk>/", conflict_views.arbitration_edit, name="resource_arbitration_edit"),
    path(
        "arbitrages/<int:pk>/supprimer/",
        conflict_views.arbitration_delete,
        name="resource_arbitration_delete",
    ),
]
vote_urls = [
    path("", decision_views.vote, name="vote"),
    path("bulletins/", decision_views.ballot_add, name="ballot_add"),
    path("import/", decision_views.vote_import, name="vote_import"),
    path("bulletins.csv", decision_views.vote_export, name="vote_export"),
    path("bulletins/<int:pk>/supprimer/", decision_views.ballot_delete, name="ballot_delete"),
    path("depouillements/", decision_views.vote_tally_add, name="vote_tally_add"),
    path("depouillements/<int:pk>/supprimer/", decision_views.tally_delete, name="tally_delete"),
]
urlpatterns = [
    path("idees/", include(idea_urls)),
    path("actions/", include(action_urls)),
    path("portefeuille/", grid_views.portfolio, name="portfolio"),
    path("portefeuille/grille/", grid_views.grid_choice, name="grid_choice"),
    path("portefeuille/evaluations.csv", grid_views.evaluations_csv, name="evaluations_csv"),
    path("budget/", include(budget_urls)),
    path("priorisation/", include(prioritisation_urls)),
    path("conflits-d-usage/", include(conflict_urls)),
    path("vote/", include(vote_urls)),
]
