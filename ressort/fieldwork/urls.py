"""URLs of fieldwork, mounted under demarches/<slug:slug>/ (ressort/urls.py)."""

from django.urls import include, path

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

observation_urls = [
    path("", observations.observation_list, name="observation_list"),
    path("nouvelle/", observations.observation_edit, name="observation_create"),
    path("<int:pk>/", observations.observation_detail, name="observation_detail"),
    path("<int:pk>/modifier/", observations.observation_edit, name="observation_edit"),
    path("<int:pk>/supprimer/", observations.observation_delete, name="observation_delete"),
    path("<int:pk>/photos/", observations.photo_add, name="photo_add"),
    path("<int:obs_pk>/photos/<int:pk>/", observations.photo, name="photo"),
    path("<int:obs_pk>/photos/<int:pk>/modifier/", observations.photo_edit, name="photo_edit"),
    path("<int:obs_pk>/photos/<int:pk>/supprimer/", observations.photo_delete, name="photo_delete"),
]
testimony_urls = [
    path("", testimonies.testimony_list, name="testimony_list"),
    path("nouveau/", testimonies.testimony_edit, name="testimony_create"),
    path("<int:pk>/", testimonies.testimony_detail, name="testimony_detail"),
    path("<int:pk>/modifier/", testimonies.testimony_edit, name="testimony_edit"),
    path("<int:pk>/supprimer/", testimonies.testimony_delete, name="testimony_delete"),
    path("<int:pk>/citations/", testimonies.quote_add, name="quote_add"),
]
inventory_urls = [
    path("", inventory.inventory, name="inventory"),
    path("<str:kind>/nouvelle/", inventory.item_edit, name="item_create"),
    path("<str:kind>/<int:pk>/", inventory.item_detail, name="item_detail"),
    path("<str:kind>/<int:pk>/modifier/", inventory.item_edit, name="item_edit"),
    path("<str:kind>/<int:pk>/supprimer/", inventory.item_delete, name="item_delete"),
]
walk_urls = [
    path("", walks.walk_list, name="walk_list"),
    path("nouvelle/", walks.walk_edit, name="walk_create"),
    path("<int:pk>/", walks.walk_detail, name="walk_detail"),
    path("<int:pk>/modifier/", walks.walk_edit, name="walk_edit"),
    path("<int:pk>/supprimer/", walks.walk_delete, name="walk_delete"),
]
field_urls = [
    path("observations/", include(observation_urls)),
    path("etiquettes/<str:what>/<int:pk>/", suggestions.suggestions, name="suggestions"),
    path("etiquettes/<str:what>/<int:pk>/decider/", suggestions.tag_decide, name="tag_decide"),
    path("temoignages/", include(testimony_urls)),
    path("citations/<int:pk>/modifier/", testimonies.quote_edit, name="quote_edit"),
    path("citations/<int:pk>/supprimer/", testimonies.quote_delete, name="quote_delete"),
    path("inventaire/", include(inventory_urls)),
    path("carte/", maps.field_map, name="map"),
    path("carte.geojson", maps.field_map_geojson, name="map_geojson"),
    path("marches/", include(walk_urls)),
    path("envoi/<str:kind>/", offline.receive, name="offline_receive"),
    path("sw.js", offline.service_worker, name="service_worker"),
    path("app.webmanifest", offline.manifest, name="manifest"),
    path("aleas/", inventory.hazard_list, name="hazard_list"),
    path("aleas/ajouter/", inventory.hazard_add, name="hazard_add"),
    path("aleas/<int:pk>/supprimer/", inventory.hazard_delete, name="hazard_delete"),
]
urlpatterns = [path("terrain/", include(field_urls))]
