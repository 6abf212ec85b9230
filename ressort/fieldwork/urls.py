"""URLs of fieldwork, mounted under /demarches/: each path starts with <slug:slug>/."""

from django.urls import URLPattern

app_name = "fieldwork"

urlpatterns: list[URLPattern] = []
