"""URLs of the justice brique, mounted under demarches/<slug:slug>/ (ressort/urls.py)."""

from django.urls import include, path

from ressort.justice import views

app_name = "justice"

justice_urls = [
    path("groupes/", views.groups, name="groups"),
    path("groupes/ajouter/", views.group_edit, name="group_add"),
    path("groupes/<int:pk>/", views.group_edit, name="group_edit"),
    path("groupes/<int:pk>/supprimer/", views.group_delete, name="group_delete"),
    path("groupes/<int:pk>/effectifs/", views.sizes, name="sizes"),
    path("groupes/insee/", views.insee_upload, name="insee_upload"),
    path("plan/", views.portfolio, name="portfolio"),
    path("plan/effets/ajouter/", views.effect_edit, name="effect_add"),
    path("plan/effets/<int:pk>/", views.effect_edit, name="effect_edit"),
    path("plan/effets/<int:pk>/supprimer/", views.effect_delete, name="effect_delete"),
    path("plan/remedes/adopter/", views.remedy_adopt, name="remedy_adopt"),
    path("plan/remedes/<int:pk>/supprimer/", views.remedy_delete, name="remedy_delete"),
    path("participation/", views.participation, name="participation"),
    path("participation/ajouter/", views.participation_add, name="participation_add"),
    path("acceptabilite/", views.acceptability, name="acceptability"),
    path("acceptabilite/ajouter/", views.acceptability_add, name="acceptability_add"),
]
urlpatterns = [path("transition-juste/", include(justice_urls))]
