"""URLs of portrait, mounted under demarches/<slug:slug>/ (ressort/urls.py)."""

from django.urls import include, path

from ressort.portrait import views

app_name = "portrait"

portrait_urls = [
    path("", views.portrait_page, name="portrait"),
    path("carte.geojson", views.map_features, name="map_features"),
    path("lecture/", views.reading_edit, name="reading_add"),
    path("lecture/<int:pk>/", views.reading_edit, name="reading_edit"),
    path("lecture/<int:pk>/supprimer/", views.reading_delete, name="reading_delete"),
    path("documents/", views.document_start, name="document_start"),
]
indicator_urls = [
    path("", views.indicator_list, name="indicators"),
    path("nouveau/", views.indicator_edit, name="indicator_add"),
    path("officiels/", views.indicator_official, name="indicator_official"),
    path("importer/", views.import_values, name="import"),
    path("modele.csv", views.import_template, name="import_template"),
    path("<int:pk>/", views.indicator_detail, name="indicator"),
    path("<int:pk>/modifier/", views.indicator_edit, name="indicator_edit"),
    path("<int:pk>/supprimer/", views.indicator_delete, name="indicator_delete"),
    path("<int:pk>/valeurs/ajouter/", views.value_add, name="value_add"),
    path("<int:pk>/valeurs/<int:value_pk>/", views.value_edit, name="value_edit"),
    path("<int:pk>/valeurs/<int:value_pk>/supprimer/", views.value_delete, name="value_delete"),
]
session_urls = [
    path("", views.session_list, name="sessions"),
    path("ajouter/", views.session_add, name="session_add"),
    path("<int:pk>/", views.session_detail, name="session"),
    path("<int:pk>/reponses/", views.session_answers, name="session_answers"),
    path("<int:pk>/retirer/", views.session_participant_delete, name="session_participant_delete"),
    path("<int:pk>/supprimer/", views.session_delete, name="session_delete"),
]
urlpatterns = [
    path("portrait/", include(portrait_urls)),
    path("indicateurs/", include(indicator_urls)),
    path("grilles-de-questions/", include(session_urls)),
]
