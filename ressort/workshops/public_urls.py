"""Participant URLs, mounted under /atelier/ (short, printable, behind the QR code)."""

from django.urls import path

from ressort.workshops import public_views

app_name = "atelier"

urlpatterns = [
    path("", public_views.join, name="join"),
    path("<str:code>/", public_views.join, name="enter"),
    path("<str:code>/activites/", public_views.board, name="board"),
    path("<str:code>/activites/contenu/", public_views.board_fragment, name="board_fragment"),
    path("<str:code>/activites/<int:apk>/repondre/", public_views.answer, name="answer"),
]
