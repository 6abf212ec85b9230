"""URLs of fieldwork, mounted under demarches/<slug:slug>/ (ressort/urls.py)."""

from django.urls import path

from ressort.fieldwork.views import (
    inventory,
    maps,
    observations,
    offline,
    suggestions,
    testimonies,
    walks,
)

app_name = "fieldwork"

urlpatterns = [
    path("terrain/observations/", observations.observation_list, name="observation_list"),
    path(
        "terrain/observations/nouvelle/",
        observations.observation_edit,
        name="observation_create",
    ),
    path(
        "terrain/observations/<int:pk>/",
        observations.observation_detail,
        name="observation_detail",
    ),
    path(
        "terrain/observations/<int:pk>/modifier/",
        observations.observation_edit,
        name="observation_edit",
    ),
    path(
        "terrain/observations/<int:pk>/supprimer/",
        observations.observation_delete,
        name="observation_delete",
    ),
    path("terrain/observations/<int:pk>/photos/", observations.photo_add, name="photo_add"),
    path(
        "terrain/observations/<int:obs_pk>/photos/<int:pk>/",
        observations.photo,
        name="photo",
    ),
    path(
        "terrain/observations/<int:obs_pk>/photos/<int:pk>/modifier/",
        observations.photo_edit,
        name="photo_edit",
    ),
    path(
        "terrain/observations/<int:obs_pk>/photos/<int:pk>/supprimer/",
        observations.photo_delete,
        name="photo_delete",
    ),
    path(
        "terrain/etiquettes/<str:what>/<int:pk>/",
        suggestions.suggestions,
        name="suggestions",
    ),
    path(
        "terrain/etiquettes/<str:what>/<int:pk>/decider/",
        suggestions.tag_decide,
        name="tag_decide",
    ),
    path("terrain/temoignages/", testimonies.testimony_list, name="testimony_list"),
    path(
        "terrain/temoignages/nouveau/",
        testimonies.testimony_edit,
        name="testimony_create",
    ),
    path(
        "terrain/temoignages/<int:pk>/",
        testimonies.testimony_detail,
        name="testimony_detail",
    ),
    path(
        "terrain/temoignages/<int:pk>/modifier/",
        testimonies.testimony_edit,
        name="testimony_edit",
    ),
    path(
        "terrain/temoignages/<int:pk>/supprimer/",
        testimonies.testimony_delete,
        name="testimony_delete",
    ),
    path(
        "terrain/temoignages/<int:pk>/citations/",
        testimonies.quote_add,
        name="quote_add",
    ),
    path("terrain/citations/<int:pk>/modifier/", testimonies.quote_edit, name="quote_edit"),
    path(
        "terrain/citations/<int:pk>/supprimer/",
        testimonies.quote_delete,
        name="quote_delete",
    ),
    path("terrain/inventaire/", inventory.inventory, name="inventory"),
    path(
        "terrain/inventaire/<str:kind>/nouvelle/",
        inventory.item_edit,
        name="item_create",
    ),
    path(
        "terrain/inventaire/<str:kind>/<int:pk>/",
        inventory.item_detail,
        name="item_detail",
    ),
    path(
        "terrain/inventaire/<str:kind>/<int:pk>/modifier/",
        inventory.item_edit,
        name="item_edit",
    ),
    path(
        "terrain/inventaire/<str:kind>/<int:pk>/supprimer/",
        inventory.item_delete,
        name="item_delete",
    ),
    path("terrain/carte/", maps.field_map, name="map"),
    path("terrain/carte.geojson", maps.field_map_geojson, name="map_geojson"),
    path("terrain/marches/", walks.walk_list, name="walk_list"),
    path("terrain/marches/nouvelle/", walks.walk_edit, name="walk_create"),
    path("terrain/marches/<int:pk>/", walks.walk_detail, name="walk_detail"),
    path("terrain/marches/<int:pk>/modifier/", walks.walk_edit, name="walk_edit"),
    path("terrain/marches/<int:pk>/supprimer/", walks.walk_delete, name="walk_delete"),
    path("terrain/envoi/<str:kind>/", offline.receive, name="offline_receive"),
    path("terrain/sw.js", offline.service_worker, name="service_worker"),
    path("terrain/app.webmanifest", offline.manifest, name="manifest"),
    path("terrain/aleas/", inventory.hazard_list, name="hazard_list"),
    path("terrain/aleas/ajouter/", inventory.hazard_add, name="hazard_add"),
    path("terrain/aleas/<int:pk>/supprimer/", inventory.hazard_delete, name="hazard_delete"),
]
