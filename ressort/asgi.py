"""ASGI entry point: HTTP through Django, websockets through Channels.

With RESSORT_HTTP_THREADS=N (set by `ressort servir`, the production serving model), pages
go through Django's WSGI handler in a pool of N long-lived threads: at most N requests in
flight per process, the others wait their turn in order, and each thread keeps its database
connection. Without it (runserver, daphne, the tests), Django's ASGI handler serves them:
one fresh thread per request, every sync middleware an async-to-sync hop, no bound — which
serves fewer pages with 50 users than with one (issue 24, measured in bench/bench_page_load).
"""

import os

from ressort.env import env_int

HTTP_THREADS = env_int("RESSORT_HTTP_THREADS", 0)
if HTTP_THREADS:
    os.environ.setdefault("DATABASE_CONN_MAX_AGE", "60")

from django.conf import settings  # noqa: E402
from django.core.asgi import get_asgi_application  # noqa: E402
from django.core.exceptions import ImproperlyConfigured  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ressort.settings")
# The server (daphne, runserver) refuses to start on the public default key outside DEBUG;
# commands (migrate, check…) still run, and `check --deploy` names the fault (ressort.E002).
if not settings.DEBUG and not os.environ.get("SECRET_KEY"):
    raise ImproperlyConfigured(
        "SECRET_KEY doit être défini quand DEBUG=0 : le serveur refuse de démarrer avec la clé "
        "locale par défaut. Définissez SECRET_KEY (une longue valeur aléatoire), ou DEBUG=1 "
        "pour un poste de développement."
    )
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from ressort.routing import websocket_urlpatterns  # noqa: E402

if HTTP_THREADS:
    from a2wsgi import WSGIMiddleware
    from django.core.wsgi import get_wsgi_application

    http_app = WSGIMiddleware(get_wsgi_application(), workers=HTTP_THREADS)
else:
    http_app = django_asgi_app

application = ProtocolTypeRouter(
    {
        "http": http_app,
        # The routes pick their own middleware (ressort.routing).
        "websocket": AllowedHostsOriginValidator(URLRouter(websocket_urlpatterns)),
    }
)
