"""URLs of strategy, mounted under /demarches/: each path starts with <slug:slug>/."""

from django.urls import URLPattern

app_name = "strategy"

urlpatterns: list[URLPattern] = []
