"""URLs of strategy, mounted under demarches/<slug:slug>/ (ressort/urls.py)."""

from django.urls import include, path

from ressort.strategy import comment_views, sheet_views, views

app_name = "strategy"

sheet_urls = [
    path("ajouter/", sheet_views.sheet_add, name="sheet_add"),
    path("<int:pk>/", sheet_views.sheet_detail, name="sheet_detail"),
    path("<int:pk>/modifier/", sheet_views.sheet_edit, name="sheet_edit"),
    path("<int:pk>/supprimer/", sheet_views.sheet_delete, name="sheet_delete"),
    path("<int:pk>/historique/", sheet_views.sheet_history, name="sheet_history"),
    path("<int:pk>/carte.geojson", sheet_views.sheet_geojson, name="sheet_geojson"),
    path("<int:pk>/commentaires/", comment_views.sheet_comment, name="sheet_comment"),
    path("<int:pk>/<slug:kind>/ajouter/", sheet_views.part_add, name="part_add"),
    path("<int:pk>/<slug:kind>/<int:item>/", sheet_views.part_edit, name="part_edit"),
    path("<int:pk>/<slug:kind>/<int:item>/supprimer/", sheet_views.part_delete, name="part_delete"),
]
strategy_urls = [
    path("", views.overview, name="overview"),
    path("une-page/", views.one_page, name="one_page"),
    path("cadre/", views.statement_edit, name="statement_edit"),
    path("axes/ajouter/", views.axis_edit, name="axis_add"),
    path("axes/<int:pk>/", views.axis_edit, name="axis_edit"),
    path("axes/<int:pk>/supprimer/", views.axis_delete, name="axis_delete"),
    path("axes/<int:pk>/commentaires/", comment_views.axis_comment, name="axis_comment"),
    path("commentaires/<int:pk>/supprimer/", comment_views.comment_delete, name="comment_delete"),
    path("objectifs/ajouter/", views.objective_edit, name="objective_add"),
    path("objectifs/<int:pk>/", views.objective_edit, name="objective_edit"),
    path("objectifs/<int:pk>/supprimer/", views.objective_delete, name="objective_delete"),
    path("historique/", views.history_page, name="history"),
    path(
        "historique/<slug:kind>/<int:history_id>/retablir/",
        views.history_revert,
        name="history_revert",
    ),
    path("document/", views.document_start, name="document_start"),
    path("bilan/document/", views.report_start, name="report_start"),
    path("calendrier/", views.timeline_page, name="timeline"),
    path("calendrier.ics", views.timeline_ics, name="timeline_ics"),
    path("calendrier.xlsx", views.timeline_xlsx, name="timeline_xlsx"),
    path("calendrier.ods", views.timeline_ods, name="timeline_ods"),
    path("fiches/", include(sheet_urls)),
]
urlpatterns = [path("strategie/", include(strategy_urls))]
