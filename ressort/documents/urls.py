"""URLs of the background documents, mounted under demarches/<slug:slug>/."""

from django.urls import path

from ressort.documents import views

app_name = "documents"

urlpatterns = [
    path("documents/<int:pk>/", views.download, name="download"),
    path("documents/etat/<slug:kind>/", views.jobs, name="jobs"),
    path("documents/etat/<slug:kind>/<int:target>/", views.jobs, name="jobs"),
]
