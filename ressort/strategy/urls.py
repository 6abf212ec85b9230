"""URLs of strategy, mounted under /demarches/: each path starts with <slug:slug>/."""

from django.urls import path

from ressort.strategy import sheet_views, views

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
    path("<slug:slug>/strategie/document/", views.document_start, name="document_start"),
    path("<slug:slug>/strategie/calendrier/", views.timeline_page, name="timeline"),
    path("<slug:slug>/strategie/calendrier.ics", views.timeline_ics, name="timeline_ics"),
    path("<slug:slug>/strategie/calendrier.xlsx", views.timeline_xlsx, name="timeline_xlsx"),
    path(
        "<slug:slug>/strategie/historique/<slug:kind>/<int:history_id>/retablir/",
        views.history_revert,
        name="history_revert",
    ),
    path("<slug:slug>/strategie/fiches/ajouter/", sheet_views.sheet_add, name="sheet_add"),
    path("<slug:slug>/strategie/fiches/<int:pk>/", sheet_views.sheet_detail, name="sheet_detail"),
    path(
        "<slug:slug>/strategie/fiches/<int:pk>/modifier/",
        sheet_views.sheet_edit,
        name="sheet_edit",
    ),
    path(
        "<slug:slug>/strategie/fiches/<int:pk>/supprimer/",
        sheet_views.sheet_delete,
        name="sheet_delete",
    ),
    path(
        "<slug:slug>/strategie/fiches/<int:pk>/historique/",
        sheet_views.sheet_history,
        name="sheet_history",
    ),
    path(
        "<slug:slug>/strategie/fiches/<int:pk>/carte.geojson",
        sheet_views.sheet_geojson,
        name="sheet_geojson",
    ),
    path(
        "<slug:slug>/strategie/fiches/<int:pk>/<slug:kind>/ajouter/",
        sheet_views.part_edit,
        name="part_add",
    ),
    path(
        "<slug:slug>/strategie/fiches/<int:pk>/<slug:kind>/<int:item>/",
        sheet_views.part_edit,
        name="part_edit",
    ),
    path(
        "<slug:slug>/strategie/fiches/<int:pk>/<slug:kind>/<int:item>/supprimer/",
        sheet_views.part_delete,
        name="part_delete",
    ),
]
