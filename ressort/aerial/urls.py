"""URLs of photo-interpretation, mounted under demarches/<slug:slug>/ (ressort/urls.py)."""

from django.urls import include, path

from ressort.aerial import views

app_name = "aerial"

aerial_urls = [
    path("", views.aerial_map, name="map"),
    path("annotations.geojson", views.annotations_geojson, name="geojson"),
    path("annoter/", views.annotation_create, name="annotation_create"),
    path("annotations/<int:pk>/modifier/", views.annotation_edit, name="annotation_edit"),
    path("annotations/<int:pk>/supprimer/", views.annotation_delete, name="annotation_delete"),
    path("images/ajouter/", views.image_add, name="image_add"),
    path("images/<int:pk>/", views.image_file, name="image_file"),
    path("images/<int:pk>/supprimer/", views.image_delete, name="image_delete"),
]
urlpatterns = [path("photo-interpretation/", include(aerial_urls))]
