"""URLs of systems, mounted under /demarches/: each path starts with <slug:slug>/."""

from django.urls import URLPattern

app_name = "systems"

urlpatterns: list[URLPattern] = []
