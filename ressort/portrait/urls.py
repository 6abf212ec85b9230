"""URLs of portrait, mounted under demarches/<slug:slug>/ (ressort/urls.py)."""

from django.urls import path

from ressort.portrait import views

app_name = "portrait"

urlpatterns = [
    path("portrait/", views.portrait_page, name="portrait"),
    path("portrait/carte.geojson", views.map_features, name="map_features"),
    path("portrait/lecture/", views.reading_edit, name="reading_add"),
    path("portrait/lecture/<int:pk>/", views.reading_edit, name="reading_edit"),
    path("portrait/lecture/<int:pk>/supprimer/", views.reading_delete, name="reading_delete"),
    path("portrait/documents/", views.document_start, name="document_start"),
    path("indicateurs/", views.indicator_list, name="indicators"),
    path("indicateurs/nouveau/", views.indicator_edit, name="indicator_add"),
    path("indicateurs/officiels/", views.indicator_official, name="indicator_official"),
    path("indicateurs/importer/", views.import_values, name="import"),
    path("indicateurs/modele.csv", views.import_template, name="import_template"),
    path("indicateurs/<int:pk>/", views.indicator_detail, name="indicator"),
    path("indicateurs/<int:pk>/modifier/", views.indicator_edit, name="indicator_edit"),
    path(
        "indicateurs/<int:pk>/supprimer/",
        views.indicator_delete,
        name="indicator_delete",
    ),
    path("indicateurs/<int:pk>/valeurs/ajouter/", views.value_add, name="value_add"),
    path(
        "indicateurs/<int:pk>/valeurs/<int:value_pk>/",
        views.value_edit,
        name="value_edit",
    ),
    path(
        "indicateurs/<int:pk>/valeurs/<int:value_pk>/supprimer/",
        views.value_delete,
        name="value_delete",
    ),
    path("grilles-de-questions/", views.session_list, name="sessions"),
    path("grilles-de-questions/ajouter/", views.session_add, name="session_add"),
    path("grilles-de-questions/<int:pk>/", views.session_detail, name="session"),
    path(
        "grilles-de-questions/<int:pk>/reponses/",
        views.session_answers,
        name="session_answers",
    ),
    path(
        "grilles-de-questions/<int:pk>/retirer/",
        views.session_participant_delete,
        name="session_participant_delete",
    ),
    path(
        "grilles-de-questions/<int:pk>/supprimer/",
        views.session_delete,
        name="session_delete",
    ),
]
