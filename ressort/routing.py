"""Websocket routes; the live workshops add theirs here."""

from django.urls import URLPattern, path

from ressort.workshops import consumers

websocket_urlpatterns: list[URLPattern] = [
    path("ws/atelier/<int:pk>/", consumers.ParticipantConsumer.as_asgi()),
    path("ws/atelier/<int:pk>/projection/", consumers.ProjectionConsumer.as_asgi()),
]
