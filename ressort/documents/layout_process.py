"""Loaded once by the fork server of the layout processes (ressort.documents.parts): Django
set up and WeasyPrint imported there, each layout process forked from it starts at once
instead of paying a second or two of imports (a fresh interpreter, not a copy of a web or
worker process with its threads and connections)."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ressort.settings")

import django

django.setup()

import weasyprint  # noqa: E402, F401
