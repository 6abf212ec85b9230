"""Django settings, read from the environment with safe local defaults.

Production: set SECRET_KEY, DEBUG=0, ALLOWED_HOSTS, HTTPS=1 and DATABASE_URL (PostgreSQL);
REDIS_URL for the live channel layer; EMAIL_URL for SMTP (smtp://user:pass@host:587/?tls=True).
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
import dj_email_url

from ressort.basemaps import read_aerial_layers, read_basemaps
from ressort.env import env_bool, env_int, env_list, env_str, url_origin

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("RESSORT_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "django-insecure-local-only-change-me-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# HTTPS hardening is switched on as one block by HTTPS=1 (behind TLS in production).
HTTPS = env_bool("HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "channels",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "ressort.web",
    "ressort.accounts",
    "ressort.legal",
    "ressort.territories",
    "ressort.approaches",
    "ressort.frameworks",
    "ressort.documents",
    "ressort.portrait",
    "ressort.fieldwork",
    "ressort.systems",
    "ressort.actions",
    "ressort.strategy",
    "ressort.monitoring",
    "ressort.workshops",
    "ressort.governance",
    "ressort.behaviour",
    "ressort.living",
    "ressort.aerial",
    "ressort.justice",
    "ressort.training",
    "ressort.story",
    "ressort.publication",
    "simple_history",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
    "csp.middleware.CSPMiddleware",
    "ressort.headers.PermissionsPolicyMiddleware",
]

ROOT_URLCONF = "ressort.urls"
ASGI_APPLICATION = "ressort.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "ressort" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ressort.context_processors.instance",
                "ressort.web.context.demarche",
            ],
            # French typography (`|typo`, `|nombre`) in every template without a {% load %}.
            "builtins": ["ressort.documents.templatetags.typography"],
        },
    },
]

# Labels, help texts and errors of every form with French typography (no migration needed).
FORM_RENDERER = "ressort.form_typography.FrenchFormRenderer"

# Connections: PostgreSQL borrows from a pool per process (below); otherwise a connection is
# kept across requests for DATABASE_CONN_MAX_AGE seconds where the server's threads live long
# (the WSGI entry point, ressort.wsgi, sets 60 for its worker threads). Under ASGI each request
# runs in a thread of its own, so a kept connection would only leak: 0, Django's default.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'ressort.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent readers while a writer works (live workshops, background documents).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
# Several instances (or test runs) sharing one Redis each take their own prefix.
REDIS_PREFIX = env_str("REDIS_PREFIX", "ressort")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": f"{REDIS_PREFIX}:canaux"},
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
# Each web process serving live workshops says it is alive this often (seconds); one silent
# for six beats is taken as crashed and its participants' sockets are no longer counted as
# connected (ressort.workshops.presence).
RESSORT_LIVE_HEARTBEAT_S = env_int("RESSORT_LIVE_HEARTBEAT_S", 10)
# Rate-limit counters (sign-in, password reset, workshop codes) are shared by every web
# process through Redis when REDIS_URL is set; in per-process memory otherwise.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": REDIS_PREFIX,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Démarche pages kept per reader (ressort.web.kept): in each process's memory, whatever
# the default cache, since their keys hold the démarche's version read from the database;
# bounded (a page weighs 50 to 200 kB), the least recently read leave first.
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "pages",
    "OPTIONS": {"MAX_ENTRIES": env_int("RESSORT_KEPT_PAGES", 500)},
}
# Reverse proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

AUTH_USER_MODEL = "accounts.User"
# ProConnect (OpenID Connect) will add its backend here; the email backend stays available.
AUTHENTICATION_BACKENDS = [
    "ressort.accounts.backends.LockoutBackend",  # refuses sign-in while locked out (below)
    "django.contrib.auth.backends.ModelBackend",
]
# Sign-in brute force (django-axes): after 5 failures, the account (whatever the address)
# and the address (whatever the account) are locked for 15 minutes; the administrator
# unlocks sooner (`ressort axes_reset_username ADRESSE`, or « Access attempts » in /admin/).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "ressort.accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "ressort.accounts.throttle.axes_client_ip"
AXES_USERNAME_CALLABLE = "ressort.accounts.backends.lockout_username"
AXES_VERBOSE = False
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "approaches:list"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3

email_config = dj_email_url.parse(env_str("EMAIL_URL", "console://"))
EMAIL_BACKEND = email_config["EMAIL_BACKEND"]
EMAIL_HOST = email_config["EMAIL_HOST"]
EMAIL_PORT = email_config["EMAIL_PORT"]
EMAIL_HOST_USER = email_config["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = email_config["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS = email_config["EMAIL_USE_TLS"]
EMAIL_USE_SSL = email_config["EMAIL_USE_SSL"]
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Ressort <ne-pas-repondre@ressort.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "ressort" / "static"]
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": VAR_DIR / "media"},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "media/"
# Static files are served from the source folders as well: no collectstatic step to run locally.
WHITENOISE_USE_FINDERS = True

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# What the operator of an instance may brand; nothing else changes.
RESSORT_INSTANCE_NAME = env_str("RESSORT_INSTANCE_NAME", "Ressort")
RESSORT_OPERATOR = env_str("RESSORT_OPERATOR", "")
RESSORT_LOGO_URL = env_str("RESSORT_LOGO_URL", "")
# The operator's logo as a local PNG or JPEG file, for the documents (and the pages when no
# RESSORT_LOGO_URL is given); checked at start-up, ignored with a warning when unreadable.
RESSORT_LOGO_FILE = env_str("RESSORT_LOGO_FILE", "")
# `#rrggbb` only (ressort.branding): anything else is refused, the default used.
RESSORT_ACCENT_COLOR = env_str("RESSORT_ACCENT_COLOR", "#0b5c57")
# Long PDFs are laid out part by part, each part's pages cached by its content
# (ressort.documents.parts): where, how much, and how many processes lay out at once
# (empty: the cores, at most 4).
RESSORT_DOCUMENT_CACHE_DIR = env_str(
    "RESSORT_DOCUMENT_CACHE_DIR", str(VAR_DIR / "cache" / "documents")
)
RESSORT_DOCUMENT_CACHE_MB = env_int("RESSORT_DOCUMENT_CACHE_MB", 512)
RESSORT_DOCUMENT_WORKERS = env_int("RESSORT_DOCUMENT_WORKERS", 0) or None
# Background maps when online (ressort/basemaps.py: Géoplateforme IGN and OpenStreetMap by
# default); contours still show when they cannot be loaded.
RESSORT_TILE_URL = env_str("RESSORT_TILE_URL", "")
RESSORT_TILE_ATTRIBUTION = env_str("RESSORT_TILE_ATTRIBUTION", "")
RESSORT_BASEMAPS = read_basemaps(
    env_str("RESSORT_TILE_LAYERS", ""), RESSORT_TILE_URL, RESSORT_TILE_ATTRIBUTION
)
RESSORT_INVITATION_DAYS = env_int("RESSORT_INVITATION_DAYS", 14)
# The legal pages (ressort.legal): who publishes and hosts this instance, whom to write to.
RESSORT_PUBLISHER = env_str("RESSORT_PUBLISHER", "")
RESSORT_PUBLICATION_DIRECTOR = env_str("RESSORT_PUBLICATION_DIRECTOR", "")
RESSORT_HOST = env_str("RESSORT_HOST", "")
RESSORT_CONTACT_EMAIL = env_str("RESSORT_CONTACT_EMAIL", "")
RESSORT_DPO_EMAIL = env_str("RESSORT_DPO_EMAIL", "")
RESSORT_ACCESSIBILITY_CONFORMITY = env_str("RESSORT_ACCESSIBILITY_CONFORMITY", "non conforme")
RESSORT_ACCESSIBILITY_AUDIT_DATE = env_str("RESSORT_ACCESSIBILITY_AUDIT_DATE", "")
# The AGPL's offer of source to the users of a modified instance (/code-source/ otherwise).
RESSORT_SOURCE_URL = env_str("RESSORT_SOURCE_URL", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # The handler filters too: the dev server's own request log must not print twice.
    "handlers": {
        "console": {"class": "logging.StreamHandler", "level": env_str("LOG_LEVEL", "WARNING")}
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Background work (ressort.background): django-tasks, the backport of Django 6's tasks, with
# its database backend, so the queue lives in the same database (SQLite or PostgreSQL) and
# needs no broker. `ressort taches travailleur` runs it; `make run` starts it with the site.
INSTALLED_APPS += ["django_tasks", "django_tasks_db", "ressort.background"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# « lundi 07:00 », « tous-les-jours 06:30 » or « non » (ressort.background.periodic).
RESSORT_DIGEST_SCHEDULE = env_str("RESSORT_DIGEST_SCHEDULE", "lundi 07:00")
RESSORT_OPEN_DATA_SCHEDULE = env_str("RESSORT_OPEN_DATA_SCHEDULE", "dimanche 03:00")
RESSORT_PURGE_SCHEDULE = env_str("RESSORT_PURGE_SCHEDULE", "tous-les-jours 04:00")
# Dotted paths of functions refreshing open data, run on that schedule (none yet).
RESSORT_OPEN_DATA_REFRESHERS = env_list("RESSORT_OPEN_DATA_REFRESHERS")

# Backup and restore of one démarche (ressort.backup: `ressort demarche exporter/importer`).
INSTALLED_APPS += ["ressort.backup"]

# Operations (ressort.operations): health endpoint /sante/, deploy checks, JSON logs, Sentry,
# PostgreSQL connection pool, media on S3-compatible storage. The Docker kit sets them all.
INSTALLED_APPS += ["ressort.operations"]
# The health check answers over plain HTTP inside the stack (the proxy, Docker).
SECURE_REDIRECT_EXEMPT = [r"^sante/$"]
# « json »: one JSON object per log line, for a log collector (the container sets it).
if env_str("LOG_FORMAT", "texte") == "json":
    LOGGING["formatters"] = {"json": {"()": "ressort.operations.logs.JsonFormatter"}}
    LOGGING["handlers"]["console"]["formatter"] = "json"
SENTRY_DSN = env_str("SENTRY_DSN")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env_str("SENTRY_ENVIRONMENT", "production"),
        traces_sample_rate=float(env_str("SENTRY_TRACES_SAMPLE_RATE", "0")),
        send_default_pii=False,  # no addresses, cookies or user names leave the instance
    )
# Django 5.2's psycopg pool, one per process, instead of a connection per request: on by
# default for PostgreSQL (DATABASE_POOL=0 to do without, behind PgBouncer for instance). A pool
# and kept connections exclude each other (Django refuses both), so the pool wins.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DATABASE_POOL", True
):
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env_int("DATABASE_POOL_MIN", 2),
        "max_size": env_int("DATABASE_POOL_MAX", 10),
        "timeout": 10,
    }
# Collected, hashed and compressed static files (the image runs collectstatic and sets it).
RESSORT_STATIC_COLLECTED = env_bool("RESSORT_STATIC_COLLECTED", False)
if RESSORT_STATIC_COLLECTED:
    STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
    WHITENOISE_USE_FINDERS = False
# Media on S3-compatible object storage when a bucket is named (ressort.operations.storage).
if env_str("S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "ressort.operations.storage.S3CompatibleStorage",
        "OPTIONS": {
            "bucket": env_str("S3_BUCKET"),
            "access_key": env_str("S3_ACCESS_KEY"),
            "secret_key": env_str("S3_SECRET_KEY"),
            "endpoint": env_str("S3_ENDPOINT_URL"),
            "region": env_str("S3_REGION"),
        },
    }

# Content-Security-Policy (django-csp): scripts only from our own static files (no inline
# script, no eval); inline styles stay allowed (widths and colours computed on the server, the
# instance's accent colour); images from us and from the map tiles and logo of the instance.
_IMAGE_ORIGINS = list(
    dict.fromkeys(
        o
        for o in (*(url_origin(b.url) for b in RESSORT_BASEMAPS), url_origin(RESSORT_LOGO_URL))
        if o
    )
)
# Aerial imagery for photo-interpretation (ressort/basemaps.py, ressort/aerial).
RESSORT_AERIAL_LAYERS = read_aerial_layers(env_str("RESSORT_AERIAL_LAYERS", ""))
_IMAGE_ORIGINS += [
    o
    for o in dict.fromkeys(url_origin(a.url) for a in RESSORT_AERIAL_LAYERS)
    if o and o not in _IMAGE_ORIGINS
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *_IMAGE_ORIGINS],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Browser features no page needs are switched off; the field map may ask for the position.
PERMISSIONS_POLICY = (
    "geolocation=(self), camera=(), microphone=(), payment=(), usb=(), serial=(), "
    "midi=(), magnetometer=(), gyroscope=(), accelerometer=(), "
    "display-capture=(), browsing-topics=()"
)

# ProConnect (ressort.accounts.proconnect): sign-in for public agents through the State's
# OpenID Connect federation, on when PROCONNECT_CLIENT_ID is set. PROCONNECT_BASE_URL is the
# federation's API root (its /authorize, /token, /userinfo, /jwks and /session/end).
PROCONNECT_BASE_URL = env_str("PROCONNECT_BASE_URL", "").rstrip("/")
OIDC_RP_CLIENT_ID = env_str("PROCONNECT_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = env_str("PROCONNECT_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = PROCONNECT_BASE_URL + "/authorize"
OIDC_OP_TOKEN_ENDPOINT = PROCONNECT_BASE_URL + "/token"
OIDC_OP_USER_ENDPOINT = PROCONNECT_BASE_URL + "/userinfo"
OIDC_OP_JWKS_ENDPOINT = PROCONNECT_BASE_URL + "/jwks"
OIDC_OP_LOGOUT_ENDPOINT = PROCONNECT_BASE_URL + "/session/end"
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = "openid email given_name usual_name siret uid"
OIDC_AUTH_REQUEST_EXTRA_PARAMS = {"acr_values": "eidas1"}
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:proconnect_callback"
OIDC_OP_LOGOUT_URL_METHOD = "ressort.accounts.proconnect.logout_url"
OIDC_STORE_ID_TOKEN = True
OIDC_TIMEOUT = 10
LOGIN_REDIRECT_URL_FAILURE = "accounts:login"
AUTHENTICATION_BACKENDS.append("ressort.accounts.proconnect.ProConnectBackend")
# Signing out of ProConnect posts to our view, which redirects to the federation: the CSP's
# form-action must allow its origin.
if OIDC_RP_CLIENT_ID and url_origin(PROCONNECT_BASE_URL):
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(url_origin(PROCONNECT_BASE_URL))

# The démarche's library and watch (issue 17): documents, cited passages, plans in force, signals.
INSTALLED_APPS += ["ressort.library"]
# The watch's feeds fetched when online (ressort.library.tasks), « non » to never fetch them.
RESSORT_WATCH_SCHEDULE = env_str("RESSORT_WATCH_SCHEDULE", "tous-les-jours 12:30")

# Open data (ressort.opendata): the indicator catalogue, the connectors to public APIs and the
# territory's past shocks. The scheduled refresh (RESSORT_OPEN_DATA_SCHEDULE) refreshes every
# démarche that added catalogue indicators with a connector.
INSTALLED_APPS += ["ressort.opendata"]
if "ressort.opendata.refresh.refresh_all" not in RESSORT_OPEN_DATA_REFRESHERS:
    RESSORT_OPEN_DATA_REFRESHERS.append("ressort.opendata.refresh.refresh_all")
RESSORT_OPENDATA_TIMEOUT = env_int("RESSORT_OPENDATA_TIMEOUT", 20)  # seconds, per request
RESSORT_OPENDATA_MAX_BYTES = 20 * 1024 * 1024  # per answer
RESSORT_GEORISQUES_URL = env_str("RESSORT_GEORISQUES_URL", "https://georisques.gouv.fr/api/v1")
RESSORT_HUBEAU_URL = env_str("RESSORT_HUBEAU_URL", "https://hubeau.eaufrance.fr/api")
RESSORT_INSEE_MELODI_URL = env_str("RESSORT_INSEE_MELODI_URL", "https://api.insee.fr/melodi")
RESSORT_CEREMA_DF_URL = env_str("RESSORT_CEREMA_DF_URL", "https://apidf-preprod.cerema.fr")
RESSORT_ATMO_URL = env_str("RESSORT_ATMO_URL", "https://admindata.atmo-france.org")
RESSORT_ATMO_USERNAME = env_str("RESSORT_ATMO_USERNAME")
RESSORT_ATMO_PASSWORD = env_str("RESSORT_ATMO_PASSWORD")
# Opendatasoft datasets: identifiers and field names as published by the producer (to check
# against the producer's portal when it renames them).
RESSORT_DREES_APL = {
    "base": env_str("RESSORT_DREES_URL", "https://data.drees.solidarites-sante.gouv.fr"),
    "dataset": env_str(
        "RESSORT_DREES_APL_DATASET", "530_l-accessibilite-potentielle-localisee-apl"
    ),
    "commune": "code_commune",
    "annee": "annee",
    "valeur": "apl_mg",
}
RESSORT_ORE_CONSO = {
    "base": env_str("RESSORT_ORE_URL", "https://opendata.agenceore.fr"),
    "dataset": "conso-elec-gaz-annuelle-par-secteur-dactivite-agregee-commune",
    "commune": "code_commune",
    "annee": "annee",
    "valeur": "consor",  # résidentiel, MWh
}
RESSORT_ADEME_DPE = {
    "base": env_str("RESSORT_ADEME_URL", "https://data.ademe.fr"),
    "dataset": "dpe03existant",
    "commune": "code_insee_ban",
    "etiquette": "etiquette_dpe",
}
