"""URLs of portrait, mounted under /demarches/: each path starts with <slug:slug>/."""

from django.urls import path

from ressort.portrait import views

app_name = "portrait"

urlpatterns = [
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
]
