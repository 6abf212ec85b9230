"""URLs of the background documents, mounted under demarches/<slug:slug>/."""

from django.urls import path

from ressort.documents import adoption_views, views

app_name = "documents"

urlpatterns = [
    path("documents/<int:pk>/", views.download, name="download"),
    path("documents/etat/<slug:kind>/", views.jobs, name="jobs"),
    path("documents/etat/<slug:kind>/<int:target>/", views.jobs, name="jobs"),
    path("versions-adoptees/", adoption_views.adoption_list, name="adoption_list"),
    path("versions-adoptees/adopter/", adoption_views.adoption_add, name="adoption_add"),
    path(
        "versions-adoptees/<int:pk>/document/",
        adoption_views.adoption_download,
        name="adoption_download",
    ),
    path(
        "versions-adoptees/<int:pk>/deliberation/",
        adoption_views.adoption_deliberation,
        name="adoption_deliberation",
    ),
]
