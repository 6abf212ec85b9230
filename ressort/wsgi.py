"""WSGI entry point, for the page workers of the production serving model (`ressort serve`).

A WSGI worker thread lives as long as its process, so it keeps its database connection
across requests (DATABASE_CONN_MAX_AGE, 60 s here unless set); PostgreSQL's pool takes
precedence when it is on. Websockets are not served here: the ASGI entry point
(ressort.asgi, daphne) serves them and the reverse proxy routes /ws/ to it.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ressort.settings")
os.environ.setdefault("DATABASE_CONN_MAX_AGE", "60")

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

# The same refusal as ressort.asgi: no server on the public default key outside DEBUG.
if not settings.DEBUG and not os.environ.get("SECRET_KEY"):
    raise ImproperlyConfigured(
        "SECRET_KEY doit être défini quand DEBUG=0 : le serveur refuse de démarrer avec la clé "
        "locale par défaut. Définissez SECRET_KEY (une longue valeur aléatoire), ou DEBUG=1 "
        "pour un poste de développement."
    )

application = get_wsgi_application()
