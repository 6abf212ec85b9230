"""URLs of actions, mounted under /demarches/: each path starts with <slug:slug>/."""

from django.urls import URLPattern

app_name = "actions"

urlpatterns: list[URLPattern] = []
