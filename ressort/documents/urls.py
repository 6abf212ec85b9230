"""URLs of the background documents, mounted under /demarches/."""

from django.urls import path

from ressort.documents import views

app_name = "documents"

urlpatterns = [
    path("<slug:slug>/documents/<int:pk>/", views.download, name="download"),
    path("<slug:slug>/documents/etat/<slug:kind>/", views.jobs, name="jobs"),
    path("<slug:slug>/documents/etat/<slug:kind>/<int:target>/", views.jobs, name="jobs"),
]
