"""URLs of monitoring, mounted under /demarches/: each path starts with <slug:slug>/."""

from django.urls import URLPattern

app_name = "monitoring"

urlpatterns: list[URLPattern] = []
