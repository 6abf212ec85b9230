"""Loaded once by the fork server of the layout processes (ressort.documents.parts): Django
set up and WeasyPrint imported there, each layout process forked from it starts at once
instead of paying a second or two of imports (a fresh interpreter, not a copy of a web or
worker process with its threads and connections).

A small document is laid out here too, before any process is forked: the first layout of a
process loads the fonts, the French hyphenation patterns and the font subsetter (about 0.3 s
of CPU on a sheet part), and every process forked afterwards inherits them loaded.

The objects loaded here are frozen out of the garbage collector (gc.freeze): WeasyPrint
allocates boxes and styles by the hundred thousand, and each full collection walked Django's
and WeasyPrint's modules too — about a fifth of a part's CPU time (sheet parts of the
400-action plan: 4.9 s of CPU before, 3.9 s after, measured under load)."""

import gc
import logging
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ressort.settings")

import django

django.setup()

import weasyprint  # noqa: E402, F401

from ressort.documents import parts  # noqa: E402

try:
    parts.warm_up()
except Exception:  # only slower first layouts: the fork server must start regardless
    logging.getLogger(__name__).warning("Préchauffage de la mise en page manqué", exc_info=True)
gc.freeze()
