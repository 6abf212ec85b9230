"""URLs of strategy, mounted under demarches/<slug:slug>/ (ressort/urls.py)."""

from django.urls import path

from ressort.strategy import comment_views, sheet_views, views

app_name = "strategy"

urlpatterns = [
    path("strategie/", views.overview, name="overview"),
    path("strategie/une-page/", views.one_page, name="one_page"),
    path("strategie/cadre/", views.statement_edit, name="statement_edit"),
    path("strategie/axes/ajouter/", views.axis_edit, name="axis_add"),
    path("strategie/axes/<int:pk>/", views.axis_edit, name="axis_edit"),
    path("strategie/axes/<int:pk>/supprimer/", views.axis_delete, name="axis_delete"),
    path("strategie/axes/<int:pk>/commentaires/", comment_views.axis_comment, name="axis_comment"),
    path(
        "strategie/fiches/<int:pk>/commentaires/",
        comment_views.sheet_comment,
        name="sheet_comment",
    ),
    path(
        "strategie/commentaires/<int:pk>/supprimer/",
        comment_views.comment_delete,
        name="comment_delete",
    ),
    path("strategie/objectifs/ajouter/", views.objective_edit, name="objective_add"),
    path("strategie/objectifs/<int:pk>/", views.objective_edit, name="objective_edit"),
    path(
        "strategie/objectifs/<int:pk>/supprimer/",
        views.objective_delete,
        name="objective_delete",
    ),
    path("strategie/historique/", views.history_page, name="history"),
    path("strategie/document/", views.document_start, name="document_start"),
    path("strategie/calendrier/", views.timeline_page, name="timeline"),
    path("strategie/calendrier.ics", views.timeline_ics, name="timeline_ics"),
    path("strategie/calendrier.xlsx", views.timeline_xlsx, name="timeline_xlsx"),
    path("strategie/calendrier.ods", views.timeline_ods, name="timeline_ods"),
    path(
        "strategie/historique/<slug:kind>/<int:history_id>/retablir/",
        views.history_revert,
        name="history_revert",
    ),
    path("strategie/fiches/ajouter/", sheet_views.sheet_add, name="sheet_add"),
    path("strategie/fiches/<int:pk>/", sheet_views.sheet_detail, name="sheet_detail"),
    path(
        "strategie/fiches/<int:pk>/modifier/",
        sheet_views.sheet_edit,
        name="sheet_edit",
    ),
    path(
        "strategie/fiches/<int:pk>/supprimer/",
        sheet_views.sheet_delete,
        name="sheet_delete",
    ),
    path(
        "strategie/fiches/<int:pk>/historique/",
        sheet_views.sheet_history,
        name="sheet_history",
    ),
    path(
        "strategie/fiches/<int:pk>/carte.geojson",
        sheet_views.sheet_geojson,
        name="sheet_geojson",
    ),
    path(
        "strategie/fiches/<int:pk>/<slug:kind>/ajouter/",
        sheet_views.part_add,
        name="part_add",
    ),
    path(
        "strategie/fiches/<int:pk>/<slug:kind>/<int:item>/",
        sheet_views.part_edit,
        name="part_edit",
    ),
    path(
        "strategie/fiches/<int:pk>/<slug:kind>/<int:item>/supprimer/",
        sheet_views.part_delete,
        name="part_delete",
    ),
]
