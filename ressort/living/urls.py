"""URLs of the living brique, mounted under demarches/<slug:slug>/ (ressort/urls.py)."""

from django.urls import include, path

from ressort.living import diagnosis_views as d
from ressort.living import parliament_views as p
from ressort.living import plan_views as a

app_name = "living"

living_urls = [
    path("", d.overview, name="overview"),
    path("milieux/ajouter/", d.milieu_edit, name="milieu_add"),
    path("milieux/<int:pk>/", d.milieu_edit, name="milieu_edit"),
    path("milieux/<int:pk>/supprimer/", d.milieu_delete, name="milieu_delete"),
    path("especes/ajouter/", d.species_edit, name="species_add"),
    path("especes/<int:pk>/", d.species_edit, name="species_edit"),
    path("especes/<int:pk>/supprimer/", d.species_delete, name="species_delete"),
    path("donnees-nationales/", d.opendata, name="opendata"),
    path("donnees-nationales/interroger/", d.opendata_fetch, name="opendata_fetch"),
    path("donnees-nationales/importer/", d.opendata_upload, name="opendata_upload"),
    path("plan/", a.lens, name="lens"),
    path("plan/effets/ajouter/", a.effect_edit, name="effect_add"),
    path("plan/effets/<int:pk>/", a.effect_edit, name="effect_edit"),
    path("plan/effets/<int:pk>/supprimer/", a.effect_delete, name="effect_delete"),
]
parliament_urls = [
    path("", p.parliament_list, name="parliament_list"),
    path("ajouter/", p.parliament_edit, name="parliament_add"),
    path("<int:pk>/", p.parliament_detail, name="parliament_detail"),
    path("<int:pk>/modifier/", p.parliament_edit, name="parliament_edit"),
    path("<int:pk>/supprimer/", p.parliament_delete, name="parliament_delete"),
    path("<int:pk>/porte-parole/", p.spokesperson_add, name="spokesperson_add"),
    path("porte-parole/<int:pk>/supprimer/", p.spokesperson_delete, name="spokesperson_delete"),
    path("porte-parole/<int:pk>/declarations/", p.statement_add, name="statement_add"),
    path("declarations/<int:pk>/supprimer/", p.statement_delete, name="statement_delete"),
]
urlpatterns = [
    path("vivant/", include(living_urls)),
    path("vivant/parlement/", include(parliament_urls)),
]
