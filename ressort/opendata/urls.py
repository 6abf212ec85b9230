"""URLs of open data, mounted under demarches/<slug:slug>/ (ressort/urls.py)."""

from django.urls import path

from ressort.opendata import views

app_name = "opendata"

urlpatterns = [
    path("indicateurs/catalogue/", views.catalogue_page, name="catalogue"),
    path("indicateurs/catalogue/ajouter/", views.catalogue_add, name="catalogue_add"),
    path("donnees-ouvertes/", views.sources_page, name="sources"),
    path("donnees-ouvertes/actualiser/", views.refresh_start, name="refresh"),
    path("chocs-passes/", views.shock_list, name="shocks"),
    path("chocs-passes/catnat/", views.shock_seed, name="shock_seed"),
    path("chocs-passes/nouveau/", views.shock_edit, name="shock_add"),
    path("chocs-passes/<int:pk>/", views.shock_edit, name="shock_edit"),
    path("chocs-passes/<int:pk>/supprimer/", views.shock_delete, name="shock_delete"),
]
