"""Websocket routes; the live workshops add theirs here."""

from django.urls import URLPattern

websocket_urlpatterns: list[URLPattern] = []
