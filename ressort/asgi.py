"""ASGI entry point: HTTP through Django, websockets through Channels."""

import os

from django.conf import settings
from django.core.asgi import get_asgi_application
from django.core.exceptions import ImproperlyConfigured

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

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from ressort.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
