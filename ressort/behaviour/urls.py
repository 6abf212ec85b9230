"""URLs of behaviour change, mounted under demarches/<slug:slug>/ (ressort/urls.py)."""

from django.urls import path

from ressort.behaviour import views

app_name = "behaviour"

urlpatterns = [
    path("comportements/", views.behaviour_list, name="list"),
    path("comportements/roue/", views.wheel, name="wheel"),
    path("comportements/ajouter/", views.behaviour_edit, name="add"),
    path("comportements/<int:pk>/", views.behaviour_detail, name="detail"),
    path("comportements/<int:pk>/modifier/", views.behaviour_edit, name="edit"),
    path("comportements/<int:pk>/supprimer/", views.behaviour_delete, name="delete"),
    path("comportements/<int:pk>/freins-leviers/", views.determinant_add, name="determinant_add"),
    path("comportements/<int:pk>/interventions/", views.intervention_add, name="intervention_add"),
    path("comportements/<int:pk>/enquete/", views.survey_start, name="survey_start"),
    path("comportements/constats/<int:pk>/", views.determinant_edit, name="determinant_edit"),
    path(
        "comportements/constats/<int:pk>/supprimer/",
        views.determinant_delete,
        name="determinant_delete",
    ),
    path(
        "comportements/interventions/<int:pk>/",
        views.intervention_edit,
        name="intervention_edit",
    ),
    path(
        "comportements/interventions/<int:pk>/supprimer/",
        views.intervention_delete,
        name="intervention_delete",
    ),
    path("comportements/enquetes/<int:pk>/supprimer/", views.survey_delete, name="survey_delete"),
]
