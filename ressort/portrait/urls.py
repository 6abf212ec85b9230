"""URLs of portrait, mounted under /demarches/: each path starts with <slug:slug>/."""

from django.urls import path

from ressort.portrait import views

app_name = "portrait"

urlpatterns = [
    path("<slug:slug>/portrait/", views.portrait_page, name="portrait"),
    path("<slug:slug>/portrait/carte.geojson", views.map_features, name="map_features"),
    path("<slug:slug>/portrait/lecture/", views.reading_add, name="reading_add"),
    path("<slug:slug>/portrait/lecture/<int:pk>/", views.reading_edit, name="reading_edit"),
    path("<slug:slug>/portrait/documents/", views.document_start, name="document_start"),
    path("<slug:slug>/indicateurs/", views.indicator_list, name="indicators"),
    path("<slug:slug>/indicateurs/nouveau/", views.indicator_edit, name="indicator_add"),
    path("<slug:slug>/indicateurs/officiels/", views.indicator_official, name="indicator_official"),
    path("<slug:slug>/indicateurs/importer/", views.import_values, name="import"),
    path("<slug:slug>/indicateurs/modele.csv", views.import_template, name="import_template"),
    path("<slug:slug>/indicateurs/<int:pk>/", views.indicator_detail, name="indicator"),
    path("<slug:slug>/indicateurs/<int:pk>/modifier/", views.indicator_edit, name="indicator_edit"),
    path(
        "<slug:slug>/indicateurs/<int:pk>/supprimer/",
        views.indicator_delete,
        name="indicator_delete",
    ),
    path(
        "<slug:slug>/indicateurs/<int:pk>/valeurs/<int:value_pk>/",
        views.value_edit,
        name="value_edit",
    ),
    path(
        "<slug:slug>/indicateurs/<int:pk>/valeurs/<int:value_pk>/supprimer/",
        views.value_delete,
        name="value_delete",
    ),
    path("<slug:slug>/grilles-de-questions/", views.session_list, name="sessions"),
    path("<slug:slug>/grilles-de-questions/<int:pk>/", views.session_detail, name="session"),
    path(
        "<slug:slug>/grilles-de-questions/<int:pk>/retirer/",
        views.session_participant_delete,
        name="session_participant_delete",
    ),
    path(
        "<slug:slug>/grilles-de-questions/<int:pk>/supprimer/",
        views.session_delete,
        name="session_delete",
    ),
]
