"""URLs of strategy, mounted under /demarches/: each path starts with <slug:slug>/."""

from django.urls import path

from ressort.strategy import views

app_name = "strategy"

urlpatterns = [
    path("<slug:slug>/strategie/", views.overview, name="overview"),
    path("<slug:slug>/strategie/une-page/", views.one_page, name="one_page"),
    path("<slug:slug>/strategie/cadre/", views.statement_edit, name="statement_edit"),
    path("<slug:slug>/strategie/axes/ajouter/", views.axis_add, name="axis_add"),
    path("<slug:slug>/strategie/axes/<int:pk>/", views.axis_edit, name="axis_edit"),
    path("<slug:slug>/strategie/axes/<int:pk>/supprimer/", views.axis_delete, name="axis_delete"),
    path("<slug:slug>/strategie/objectifs/ajouter/", views.objective_add, name="objective_add"),
    path("<slug:slug>/strategie/objectifs/<int:pk>/", views.objective_edit, name="objective_edit"),
    path(
        "<slug:slug>/strategie/objectifs/<int:pk>/supprimer/",
        views.objective_delete,
        name="objective_delete",
    ),
    path("<slug:slug>/strategie/historique/", views.history_page, name="history"),
    path(
        "<slug:slug>/strategie/historique/<slug:kind>/<int:history_id>/retablir/",
        views.history_revert,
        name="history_revert",
    ),
]
