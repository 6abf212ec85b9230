"""URLs of portrait, mounted under /demarches/: each path starts with <slug:slug>/."""

from django.urls import URLPattern

app_name = "portrait"

urlpatterns: list[URLPattern] = []
