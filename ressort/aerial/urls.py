"""URLs of photo-interpretation, mounted under demarches/<slug:slug>/ (ressort/urls.py)."""

from django.urls import path

from ressort.aerial import views

app_name = "aerial"

urlpatterns = [
    path("photo-interpretation/", views.aerial_map, name="map"),
    path("photo-interpretation/annotations.geojson", views.annotations_geojson, name="geojson"),
    path("photo-interpretation/annoter/", views.annotation_create, name="annotation_create"),
    path(
        "photo-interpretation/annotations/<int:pk>/modifier/",
        views.annotation_edit,
        name="annotation_edit",
    ),
    path(
        "photo-interpretation/annotations/<int:pk>/supprimer/",
        views.annotation_delete,
        name="annotation_delete",
    ),
    path("photo-interpretation/images/ajouter/", views.image_add, name="image_add"),
    path("photo-interpretation/images/<int:pk>/", views.image_file, name="image_file"),
    path(
        "photo-interpretation/images/<int:pk>/supprimer/",
        views.image_delete,
        name="image_delete",
    ),
]
