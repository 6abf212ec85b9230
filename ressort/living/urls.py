"""URLs of the living brique, mounted under demarches/<slug:slug>/ (ressort/urls.py)."""

from django.urls import path

from ressort.living import diagnosis_views as d
from ressort.living import parliament_views as p
from ressort.living import plan_views as a

app_name = "living"

urlpatterns = [
    path("vivant/", d.overview, name="overview"),
    path("vivant/milieux/ajouter/", d.milieu_edit, name="milieu_add"),
    path("vivant/milieux/<int:pk>/", d.milieu_edit, name="milieu_edit"),
    path("vivant/milieux/<int:pk>/supprimer/", d.milieu_delete, name="milieu_delete"),
    path("vivant/especes/ajouter/", d.species_edit, name="species_add"),
    path("vivant/especes/<int:pk>/", d.species_edit, name="species_edit"),
    path("vivant/especes/<int:pk>/supprimer/", d.species_delete, name="species_delete"),
    path("vivant/donnees-nationales/", d.opendata, name="opendata"),
    path("vivant/donnees-nationales/interroger/", d.opendata_fetch, name="opendata_fetch"),
    path("vivant/donnees-nationales/importer/", d.opendata_upload, name="opendata_upload"),
    path("vivant/plan/", a.lens, name="lens"),
    path("vivant/plan/effets/ajouter/", a.effect_edit, name="effect_add"),
    path("vivant/plan/effets/<int:pk>/", a.effect_edit, name="effect_edit"),
    path("vivant/plan/effets/<int:pk>/supprimer/", a.effect_delete, name="effect_delete"),
    path("vivant/parlement/", p.parliament_list, name="parliament_list"),
    path("vivant/parlement/ajouter/", p.parliament_edit, name="parliament_add"),
    path("vivant/parlement/<int:pk>/", p.parliament_detail, name="parliament_detail"),
    path("vivant/parlement/<int:pk>/modifier/", p.parliament_edit, name="parliament_edit"),
    path("vivant/parlement/<int:pk>/supprimer/", p.parliament_delete, name="parliament_delete"),
    path(
        "vivant/parlement/<int:pk>/porte-parole/",
        p.spokesperson_add,
        name="spokesperson_add",
    ),
    path(
        "vivant/parlement/porte-parole/<int:pk>/supprimer/",
        p.spokesperson_delete,
        name="spokesperson_delete",
    ),
    path(
        "vivant/parlement/porte-parole/<int:pk>/declarations/",
        p.statement_add,
        name="statement_add",
    ),
    path(
        "vivant/parlement/declarations/<int:pk>/supprimer/",
        p.statement_delete,
        name="statement_delete",
    ),
]
