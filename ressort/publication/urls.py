"""The public page's settings, mounted under demarches/<slug:slug>/."""

from django.urls import path

from ressort.publication import views

app_name = "publication"

urlpatterns = [path("page-publique/", views.settings, name="settings")]
