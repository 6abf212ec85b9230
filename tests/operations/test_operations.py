"""The deployment kit: health endpoint, deploy checks, JSON logs, production settings
(Sentry, pool, hashed static files, S3 media), and the Docker files themselves (Docker
cannot run here: they are parsed and checked for what the stack needs)."""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.checks import run_checks

from ressort.operations import health
from ressort.operations.logs import JsonFormatter

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_health_answers_json_for_each_dependency(client: Any) -> None:
    response = client.get("/sante/")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    body = response.json()
    assert body["etat"] == "ok"
    assert set(body["verifications"]) == {"base_de_donnees", "cache", "couche_de_canaux"}
    assert all(check["etat"] == "ok" for check in body["verifications"].values())
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_names_what_fails_with_a_503(client: Any, monkeypatch: Any) -> None:
    def broken() -> None:
        raise ConnectionError("redis injoignable")

    monkeypatch.setitem(health.CHECKS, "cache", broken)
    response = client.get("/sante/")
    assert response.status_code == 503
    body = response.json()
    assert body["etat"] == "en_echec"
    assert body["verifications"]["cache"] == {
        "etat": "en_echec",
        "erreur": "ConnectionError",
        "ms": body["verifications"]["cache"]["ms"],
    }
    assert body["verifications"]["base_de_donnees"]["etat"] == "ok"


@pytest.mark.django_db
def test_health_is_not_redirected_to_https(client: Any, settings: Any) -> None:
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/sante/").status_code == 200
    assert client.get("/compte/connexion/").status_code == 301


def _ids() -> set[str]:
    return {m.id for m in run_checks(include_deployment_checks=True) if m.id}


@pytest.mark.django_db
def test_deploy_checks_warn_about_one_process_state(settings: Any) -> None:
    settings.DEBUG = False
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.RESSORT_STATIC_COLLECTED = False
    assert {"ressort.W101", "ressort.W102", "ressort.W103"} <= _ids()
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": ["redis://redis:6379/0"]},
        }
    }
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://redis:6379/0",
        }
    }
    settings.RESSORT_STATIC_COLLECTED = True
    assert not {"ressort.W101", "ressort.W102", "ressort.W103"} & _ids()
    settings.DEBUG = True  # make run: one process, nothing to warn about
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert "ressort.W102" not in _ids()


def test_json_logs_one_object_a_line() -> None:
    record = logging.LogRecord(
        "ressort.documents", logging.WARNING, __file__, 1, "Échec %s", ("pdf",), None
    )
    record.demarche = "demo"
    try:
        raise OSError("disque plein")
    except OSError:
        record.exc_info = sys.exc_info()
    line = JsonFormatter().format(record)
    assert "\n" not in line.split('"exception"')[0]
    entry = json.loads(line)
    assert entry["niveau"] == "WARNING" and entry["journal"] == "ressort.documents"
    assert entry["message"] == "Échec pdf" and entry["demarche"] == "demo"
    assert "OSError: disque plein" in entry["exception"]


def test_production_settings_from_the_environment() -> None:
    """Settings are read once per process: a child process with the production variables.
    PostgreSQL gets its connection pool without being asked (DATABASE_POOL is not set)."""
    script = """
import json, django
django.setup()
import logging, sentry_sdk
from django.conf import settings
from django.core.files.storage import default_storage, storages
client = sentry_sdk.get_client()
driver = default_storage.driver
print(json.dumps({
    "sentry": [client.is_active(), str(client.dsn), client.options["send_default_pii"]],
    "pool": settings.DATABASES["default"]["OPTIONS"].get("pool"),
    "static": settings.STORAGES["staticfiles"]["BACKEND"],
    "finders": settings.WHITENOISE_USE_FINDERS,
    "storage": [
        type(driver).__name__, driver.connection.host, driver.connection.port,
        default_storage.bucket,
    ],
    "log": type(logging.getLogger().handlers[0].formatter).__name__,
}))
"""
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "ressort.settings",
        "DEBUG": "0",
        "SECRET_KEY": "essai-" + "x" * 40,
        "SENTRY_DSN": "https://clef@sentry.exemple.org/42",
        "DATABASE_URL": "postgres://ressort:secret@base.exemple.org:5432/ressort",
        "RESSORT_STATIC_COLLECTED": "1",
        "S3_BUCKET": "medias",
        "S3_ACCESS_KEY": "clef",
        "S3_SECRET_KEY": "secret",
        "S3_ENDPOINT_URL": "https://s3.fr-par.exemple.org",
        "LOG_FORMAT": "json",
    }
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    facts = json.loads(done.stdout.strip().splitlines()[-1])
    assert facts["sentry"] == [True, "https://clef@sentry.exemple.org/42", False]
    assert facts["pool"] == {"min_size": 2, "max_size": 10, "timeout": 10}
    assert facts["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert facts["finders"] is False
    assert facts["storage"] == ["MinIOStorageDriver", "s3.fr-par.exemple.org", 443, "medias"]
    assert facts["log"] == "JsonFormatter"


def test_compose_runs_the_whole_stack() -> None:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = compose["services"]
    assert {"postgres", "redis", "web1", "web2", "worker", "caddy", "migrate"} <= set(services)
    for web in ("web1", "web2"):
        # The production serving model, believing the proxy's forwarded headers.
        assert services[web]["command"][:2] == ["ressort", "servir"]
        assert "--mandataire" in services[web]["command"]
        env = services[web]["environment"]
        assert (
            env["DATABASE_URL"].startswith("postgres://")
            and "@postgres:5432/" in env["DATABASE_URL"]
        )
        assert env["REDIS_URL"] == "redis://redis:6379/0" and env["HTTPS"] == "1"
        assert (
            services[web]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        )
    assert services["worker"]["command"] == ["ressort", "taches", "travailleur"]
    assert services["worker"]["environment"] == services["web1"]["environment"]
    assert "443:443" in services["caddy"]["ports"]
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text()
    assert "reverse_proxy web1:8000 web2:8000" in caddyfile and "health_uri /sante/" in caddyfile
    # Every variable the stack sets is one that Ressort reads.
    settings_text = (ROOT / "ressort" / "settings.py").read_text()
    for name in services["web1"]["environment"]:
        assert f'"{name}"' in settings_text, name
    # The proxy's network is the one whose forwarded addresses are believed.
    subnet = compose["networks"]["ressort"]["ipam"]["config"][0]["subnet"]
    assert services["web1"]["environment"]["TRUSTED_PROXIES"] == subnet


def test_dockerfile_non_root_with_document_libraries_and_collected_static() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    users = re.findall(r"^USER (\S+)", dockerfile, re.MULTILINE)
    assert users and users[-1] not in ("root", "0")
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "libcairo2"):
        assert package in dockerfile
    assert "collectstatic --noinput" in dockerfile
    assert "RESSORT_STATIC_COLLECTED=1" in dockerfile and "LOG_FORMAT=json" in dockerfile
    assert re.search(r"^HEALTHCHECK .*?/sante/", dockerfile, re.MULTILINE | re.DOTALL)
    assert "pip install -r requirements.txt" in dockerfile


@pytest.mark.slow
def test_collected_static_files_are_hashed_and_served_immutable(tmp_path: Path) -> None:
    """What the image's build does (collectstatic with the manifest storage: it fails on a
    stylesheet naming a missing file), then a page names hashed files served for a year."""
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "ressort.settings",
        "RESSORT_VAR_DIR": str(tmp_path),
        "DEBUG": "0",
        "SECRET_KEY": "collectstatic-only",
        "RESSORT_STATIC_COLLECTED": "1",
        "ALLOWED_HOSTS": "testserver",
    }
    script = """
import re, django
django.setup()
from django.core.management import call_command
call_command("collectstatic", "--noinput", verbosity=0)
call_command("migrate", verbosity=0)
from django.test import Client
page = Client().get("/compte/connexion/").content.decode()
css = re.findall(r'/static/vendor/bootstrap/bootstrap\\.min\\.[0-9a-f]{12}\\.css', page)[0]
served = Client().get(css)
print(served.status_code, served["Cache-Control"])
"""
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().splitlines()[-1] == "200 max-age=315360000, public, immutable"
    assert (tmp_path / "static" / "staticfiles.json").exists()
