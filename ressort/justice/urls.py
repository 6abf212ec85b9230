"""URLs of the justice brique, mounted under demarches/<slug:slug>/ (ressort/urls.py)."""

from django.urls import path

from ressort.justice import views

app_name = "justice"

urlpatterns = [
    path("transition-juste/groupes/", views.groups, name="groups"),
    path("transition-juste/groupes/ajouter/", views.group_edit, name="group_add"),
    path("transition-juste/groupes/<int:pk>/", views.group_edit, name="group_edit"),
    path("transition-juste/groupes/<int:pk>/supprimer/", views.group_delete, name="group_delete"),
    path("transition-juste/groupes/<int:pk>/effectifs/", views.sizes, name="sizes"),
    path("transition-juste/groupes/insee/", views.insee_upload, name="insee_upload"),
    path("transition-juste/plan/", views.portfolio, name="portfolio"),
    path("transition-juste/plan/effets/ajouter/", views.effect_edit, name="effect_add"),
    path("transition-juste/plan/effets/<int:pk>/", views.effect_edit, name="effect_edit"),
    path(
        "transition-juste/plan/effets/<int:pk>/supprimer/",
        views.effect_delete,
        name="effect_delete",
    ),
    path("transition-juste/plan/remedes/adopter/", views.remedy_adopt, name="remedy_adopt"),
    path(
        "transition-juste/plan/remedes/<int:pk>/supprimer/",
        views.remedy_delete,
        name="remedy_delete",
    ),
    path("transition-juste/participation/", views.participation, name="participation"),
    path(
        "transition-juste/participation/ajouter/",
        views.participation_add,
        name="participation_add",
    ),
    path("transition-juste/acceptabilite/", views.acceptability, name="acceptability"),
    path(
        "transition-juste/acceptabilite/ajouter/",
        views.acceptability_add,
        name="acceptability_add",
    ),
]
