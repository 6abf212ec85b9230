"""URLs of behaviour change, mounted under demarches/<slug:slug>/ (ressort/urls.py)."""

from django.urls import include, path

from ressort.behaviour import views

app_name = "behaviour"

behaviour_urls = [
    path("", views.behaviour_list, name="list"),
    path("roue/", views.wheel, name="wheel"),
    path("ajouter/", views.behaviour_edit, name="add"),
    path("<int:pk>/", views.behaviour_detail, name="detail"),
    path("<int:pk>/modifier/", views.behaviour_edit, name="edit"),
    path("<int:pk>/supprimer/", views.behaviour_delete, name="delete"),
    path("<int:pk>/freins-leviers/", views.determinant_add, name="determinant_add"),
    path("<int:pk>/interventions/", views.intervention_add, name="intervention_add"),
    path("<int:pk>/enquete/", views.survey_start, name="survey_start"),
    path("constats/<int:pk>/", views.determinant_edit, name="determinant_edit"),
    path("constats/<int:pk>/supprimer/", views.determinant_delete, name="determinant_delete"),
    path("interventions/<int:pk>/", views.intervention_edit, name="intervention_edit"),
    path(
        "interventions/<int:pk>/supprimer/", views.intervention_delete, name="intervention_delete"
    ),
    path("enquetes/<int:pk>/supprimer/", views.survey_delete, name="survey_delete"),
]
urlpatterns = [path("comportements/", include(behaviour_urls))]
