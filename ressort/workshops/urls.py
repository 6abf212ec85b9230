"""URLs of workshops, mounted under /demarches/: each path starts with <slug:slug>/."""

from django.urls import URLPattern

app_name = "workshops"

urlpatterns: list[URLPattern] = []
