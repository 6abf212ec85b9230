"""URLs of fieldwork, mounted under demarches/<slug:slug>/ (ressort/urls.py)."""

from django.urls import path

from ressort.fieldwork import views

app_name = "fieldwork"

urlpatterns = [
    path("terrain/observations/", views.observation_list, name="observation_list"),
    path(
        "terrain/observations/nouvelle/",
        views.observation_create,
        name="observation_create",
    ),
    path(
        "terrain/observations/<int:pk>/",
        views.observation_detail,
        name="observation_detail",
    ),
    path(
        "terrain/observations/<int:pk>/modifier/",
        views.observation_edit,
        name="observation_edit",
    ),
    path(
        "terrain/observations/<int:pk>/supprimer/",
        views.observation_delete,
        name="observation_delete",
    ),
    path("terrain/observations/<int:pk>/photos/", views.photo_add, name="photo_add"),
    path(
        "terrain/observations/<int:obs_pk>/photos/<int:pk>/",
        views.photo,
        name="photo",
    ),
    path(
        "terrain/observations/<int:obs_pk>/photos/<int:pk>/modifier/",
        views.photo_edit,
        name="photo_edit",
    ),
    path(
        "terrain/observations/<int:obs_pk>/photos/<int:pk>/supprimer/",
        views.photo_delete,
        name="photo_delete",
    ),
    path(
        "terrain/etiquettes/<str:what>/<int:pk>/",
        views.suggestions,
        name="suggestions",
    ),
    path(
        "terrain/etiquettes/<str:what>/<int:pk>/decider/",
        views.tag_decide,
        name="tag_decide",
    ),
    path("terrain/temoignages/", views.testimony_list, name="testimony_list"),
    path(
        "terrain/temoignages/nouveau/",
        views.testimony_create,
        name="testimony_create",
    ),
    path(
        "terrain/temoignages/<int:pk>/",
        views.testimony_detail,
        name="testimony_detail",
    ),
    path(
        "terrain/temoignages/<int:pk>/modifier/",
        views.testimony_edit,
        name="testimony_edit",
    ),
    path(
        "terrain/temoignages/<int:pk>/supprimer/",
        views.testimony_delete,
        name="testimony_delete",
    ),
    path(
        "terrain/temoignages/<int:pk>/citations/",
        views.quote_add,
        name="quote_add",
    ),
    path("terrain/citations/<int:pk>/modifier/", views.quote_edit, name="quote_edit"),
    path(
        "terrain/citations/<int:pk>/supprimer/",
        views.quote_delete,
        name="quote_delete",
    ),
    path("terrain/inventaire/", views.inventory, name="inventory"),
    path(
        "terrain/inventaire/<str:kind>/nouvelle/",
        views.item_create,
        name="item_create",
    ),
    path(
        "terrain/inventaire/<str:kind>/<int:pk>/",
        views.item_detail,
        name="item_detail",
    ),
    path(
        "terrain/inventaire/<str:kind>/<int:pk>/modifier/",
        views.item_edit,
        name="item_edit",
    ),
    path(
        "terrain/inventaire/<str:kind>/<int:pk>/supprimer/",
        views.item_delete,
        name="item_delete",
    ),
    path("terrain/carte/", views.field_map, name="map"),
    path("terrain/carte.geojson", views.field_map_geojson, name="map_geojson"),
    path("terrain/aleas/", views.hazard_list, name="hazard_list"),
    path("terrain/aleas/<int:pk>/supprimer/", views.hazard_delete, name="hazard_delete"),
]
