"""Websocket routes; the live workshops add theirs here.

A participant is known by their workshop cookie alone, so their socket skips the session and
user lookups (channels' AuthMiddlewareStack costs a hop to the database thread and a
connection check at every handshake: a room of phones arriving at once queued behind them
past daphne's 5-second handshake limit). Only the projection, for signed-in members, needs
the user.
"""

from channels.auth import AuthMiddlewareStack
from channels.sessions import CookieMiddleware
from django.urls import URLPattern, path

from ressort.workshops import consumers

websocket_urlpatterns: list[URLPattern] = [
    path("ws/atelier/<int:pk>/", CookieMiddleware(consumers.ParticipantConsumer.as_asgi())),
    path(
        "ws/atelier/<int:pk>/projection/",
        AuthMiddlewareStack(consumers.ProjectionConsumer.as_asgi()),
    ),
]
