"""Smoke test of the Docker stack (compose.yaml) once it is up, from the machine running it.

    docker compose up -d --build
    .venv/bin/python scripts/compose_smoke.py      # COMPOSE=docker-compose for Compose v1

Checks, through Caddy at https://RESSORT_HOST (read from the environment or from .env):
the migration finished, PostgreSQL, Redis and both web containers are healthy, the worker
runs; the home page, the health probe and a hashed static file answer over HTTPS (with
Caddy's internal authority for localhost, a public certificate otherwise), plain HTTP is
sent to HTTPS; a throwaway account signs in with the real form; a projection socket (signed
in) and four participants' sockets are accepted through Caddy, each participant's answer is
acknowledged and reaches the projection (Caddy spreads the sockets over web1 and web2, so
the notices cross Redis), and the four answers are in PostgreSQL. The account, démarche and
workshop it creates are deleted at the end. Needs Python with `websockets` (Ressort's venv).
Prints one line per check and « N passed, N failed »; exits 1 on any failure.
"""

from __future__ import annotations

import asyncio
import html
import http.cookiejar
import json
import os
import re
import secrets
import shlex
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

# The subprocesses are docker's own commands with fixed arguments; the URLs opened are the
# stack's own https:// and http:// addresses.
# ruff: noqa: S603, S607, S310

ROOT = Path(__file__).resolve().parent.parent
PARTICIPANTS = 4
WAIT_S = float(os.environ.get("SMOKE_WAIT_S", "420"))
HEALTHY = {"postgres", "redis", "web1", "web2"}
RUNNING = {"worker", "caddy"}

SEED = r"""
import json, sys
import django
django.setup()
from django.contrib.auth import get_user_model
from ressort.approaches.models import Approach, Membership, Role
from ressort.workshops.models import Activity, Participant, Workshop

email, password, slug, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
user = get_user_model().objects.create_user(email=email, password=password)
approach = Approach.objects.create(name="Essai " + slug, name_key="essai " + slug, slug=slug)
Membership.objects.create(approach=approach, user=user, role=Role.FACILITATOR)
workshop = Workshop.objects.create(approach=approach, title="Atelier d'essai")
config = {"version": 0, "questions": [{"code": "Q01", "label": "Question Q01"}]}
activity = Activity.objects.create(
    workshop=workshop, kind="grille", title="Cotation", config=config, state="ouverte"
)
Participant.objects.bulk_create(Participant(workshop=workshop) for _ in range(n))
print(json.dumps({
    "workshop": workshop.pk, "activity": activity.pk,
    "tokens": list(Participant.objects.filter(workshop=workshop).values_list("token", flat=True)),
}))
"""

STORED = r"""
import sys
import django
django.setup()
from ressort.workshops.models import Answer
print(Answer.objects.filter(activity_id=int(sys.argv[1])).count())
"""

CLEAN = r"""
import sys
import django
django.setup()
from django.contrib.auth import get_user_model
from ressort.approaches.models import Approach
Approach.objects.filter(slug=sys.argv[2]).delete()
get_user_model().objects.filter(email=sys.argv[1]).delete()
"""


class Checks:
    def __init__(self) -> None:
        self.passed = 0
        self.failed = 0

    def check(self, ok: bool, what: str, detail: str = "") -> bool:
        if ok:
            self.passed += 1
            print(f"ok      {what}", flush=True)
        else:
            self.failed += 1
            print(f"ÉCHEC   {what}{' : ' + detail if detail else ''}", flush=True)
        return ok


def compose_command() -> list[str]:
    if os.environ.get("COMPOSE"):
        return shlex.split(os.environ["COMPOSE"])
    plugin = subprocess.run(["docker", "compose", "version"], capture_output=True, check=False)
    return ["docker", "compose"] if plugin.returncode == 0 else ["docker-compose"]


COMPOSE = compose_command()


def compose(*args: str, stdin: str | None = None, timeout: float = 120) -> str:
    done = subprocess.run(
        [*COMPOSE, *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"{' '.join(args[:3])} : {done.stderr.strip()[-1500:]}")
    return done.stdout


def in_web(script: str, *args: str) -> str:
    """A Python script run by Ressort's own interpreter in the web1 container."""
    settings = "DJANGO_SETTINGS_MODULE=ressort.settings"
    return compose("exec", "-T", "-e", settings, "web1", "python", "-", *args, stdin=script).strip()


def state(service: str) -> dict[str, Any]:
    ids = compose("ps", "-a", "-q", service).split()
    if not ids:
        return {"Status": "absent"}
    out = subprocess.run(
        ["docker", "inspect", "-f", "{{json .State}}", ids[0]],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return dict(json.loads(out))


def host() -> str:
    if os.environ.get("RESSORT_HOST"):
        return os.environ["RESSORT_HOST"]
    env_file = ROOT / ".env"
    if env_file.exists():
        for line in env_file.read_text().splitlines():
            if line.startswith("RESSORT_HOST="):
                return line.split("=", 1)[1].strip().strip("\"'")
    return "localhost"


def wait_for_stack(checks: Checks) -> bool:
    """Until the migration has finished and every long-running service is up (or WAIT_S)."""
    deadline = time.monotonic() + WAIT_S
    while True:
        states = {s: state(s) for s in ("migrate", *sorted(HEALTHY), *sorted(RUNNING))}
        migrate = states["migrate"]
        migrated = migrate.get("Status") == "exited" and migrate.get("ExitCode") == 0
        health = {s: states[s].get("Health", {}).get("Status") for s in HEALTHY}
        running = {s: states[s].get("Status") for s in RUNNING}
        done = (
            migrated
            and all(v == "healthy" for v in health.values())
            and all(v == "running" for v in running.values())
        )
        failed = migrate.get("Status") == "exited" and migrate.get("ExitCode") != 0
        if done or failed or time.monotonic() > deadline:
            break
        time.sleep(5)
    checks.check(migrated, "migration terminée (ressort setup --sans-demo)", json.dumps(migrate))
    for service, status in sorted(health.items()):
        checks.check(status == "healthy", f"{service} en bonne santé", str(status))
    for service, status in sorted(running.items()):
        checks.check(status == "running", f"{service} en marche", str(status))
    return done


def tls_context(name: str) -> ssl.SSLContext:
    """Caddy's own authority for a local name (it issues those certificates itself), the
    system's authorities for a public name (Let's Encrypt, ZeroSSL)."""
    if name in ("localhost", "127.0.0.1") or name.endswith(".localhost"):
        root = compose("exec", "-T", "caddy", "cat", "/data/caddy/pki/authorities/local/root.crt")
        with tempfile.NamedTemporaryFile("w", suffix=".crt", delete=False) as f:
            f.write(root)
        return ssl.create_default_context(cafile=f.name)
    return ssl.create_default_context()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def fetch(
    opener: urllib.request.OpenerDirector, url: str, **headers: str
) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with opener.open(request, timeout=30) as response:
            body = response.read()
            return response.status, dict(response.headers), body.decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode("utf-8", "replace")


def pages(checks: Checks, base: str, name: str, context: ssl.SSLContext) -> None:
    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=context))
    status, headers, body = fetch(opener, base + "/", **{"Accept-Encoding": "identity"})
    checks.check(status == 200 and "Ressort" in body, f"GET {base}/ : page d'accueil", f"{status}")
    checks.check(
        "max-age=31536000" in headers.get("Strict-Transport-Security", ""),
        "HSTS (HTTPS=1 derrière Caddy)",
        headers.get("Strict-Transport-Security", "absent"),
    )
    css = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', body)
    status, _, health = fetch(opener, base + "/sante/")
    checks.check(status == 200, "GET /sante/", f"{status} {health[:200]}")
    if checks.check(css is not None, "la page nomme des fichiers statiques empreintés"):
        assert css is not None
        status, headers, _ = fetch(opener, base + css.group(1), **{"Accept-Encoding": "gzip"})
        checks.check(
            status == 200
            and "immutable" in headers.get("Cache-Control", "")
            and headers.get("Content-Encoding") in ("gzip", "zstd"),
            f"GET {css.group(1)} : servi compressé, pour un an",
            f"{status} {headers.get('Cache-Control')} {headers.get('Content-Encoding')}",
        )
    plain = urllib.request.build_opener(NoRedirect)
    status, headers, _ = fetch(plain, f"http://{name}/")
    checks.check(
        status in (301, 302, 307, 308) and headers.get("Location", "").startswith("https://"),
        "HTTP renvoie vers HTTPS",
        f"{status} {headers.get('Location')}",
    )


def sign_in(
    checks: Checks, base: str, context: ssl.SSLContext, email: str, password: str
) -> str | None:
    """The real sign-in form (CSRF token, Referer over HTTPS); the session cookie's value."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(
        urllib.request.HTTPSHandler(context=context), urllib.request.HTTPCookieProcessor(jar)
    )
    url = base + "/compte/connexion/"
    status, _, body = fetch(opener, url)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if not checks.check(status == 200 and token is not None, "GET /compte/connexion/", str(status)):
        return None
    assert token is not None
    form = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": html.unescape(token.group(1)),
            "username": email,
            "password": password,
        }
    ).encode()
    request = urllib.request.Request(url, data=form, headers={"Referer": url})
    try:
        with opener.open(request, timeout=30) as response:
            status, final, body = response.status, response.url, response.read().decode()
    except urllib.error.HTTPError as error:
        status, final, body = error.code, url, error.read().decode("utf-8", "replace")
    session = next((c.value for c in jar if c.name == "sessionid"), None)
    checks.check(
        status == 200 and session is not None and "/compte/connexion/" not in final,
        "connexion par le formulaire",
        f"{status} {final} {body[:300]!r}",
    )
    return session


async def sockets(
    checks: Checks, name: str, context: ssl.SSLContext, session: str, seed: dict[str, Any]
) -> None:
    import websockets

    origin = f"https://{name}"
    base = f"wss://{name}/ws/atelier/{seed['workshop']}/"
    seen: set[str] = set()
    try:
        async with websockets.connect(
            base + "projection/",
            ssl=context,
            additional_headers={"Cookie": f"sessionid={session}", "Origin": origin},
            open_timeout=30,
        ) as projection:
            checks.check(True, "websocket de projection accepté (session, via Caddy)")
            acked = 0
            for i, token in enumerate(seed["tokens"], start=1):
                cookie = f"rs_atelier_{seed['workshop']}={token}"
                async with websockets.connect(
                    base,
                    ssl=context,
                    additional_headers={"Cookie": cookie, "Origin": origin},
                    open_timeout=30,
                ) as phone:
                    msg = f"essai-{i}"
                    fields = [["q-Q01", str(i % 5)]]
                    await phone.send(
                        json.dumps(
                            {
                                "type": "answer",
                                "msg": msg,
                                "activity": seed["activity"],
                                "fields": fields,
                            }
                        )
                    )
                    while True:
                        reply = json.loads(await asyncio.wait_for(phone.recv(), timeout=30))
                        if reply.get("msg") == msg:
                            break
                    acked += reply.get("type") == "ack"
            checks.check(
                acked == len(seed["tokens"]),
                f"{len(seed['tokens'])} participants : websocket accepté, réponse acquittée",
                f"{acked} acquittées",
            )
            deadline = time.monotonic() + 20
            wanted = {f"essai-{i}" for i in range(1, len(seed["tokens"]) + 1)}
            while not wanted <= seen and time.monotonic() < deadline:
                try:
                    raw = await asyncio.wait_for(projection.recv(), timeout=1)
                except TimeoutError:
                    continue
                seen.update(json.loads(raw).get("msgs", []))
    except (OSError, TimeoutError, websockets.exceptions.WebSocketException) as error:
        checks.check(False, "websockets via Caddy", repr(error))
        return
    checks.check(
        wanted <= seen,
        "chaque réponse parvient à la projection (web1 et web2, par Redis)",
        f"vues : {sorted(seen)}",
    )


def main() -> int:
    checks = Checks()
    name = host()
    base = f"https://{name}"
    print(f"Ensemble Docker ({' '.join(COMPOSE)}), {base}", flush=True)
    if not wait_for_stack(checks):
        print(compose("ps"), flush=True)
        print(f"{checks.passed} passed, {checks.failed} failed")
        return 1
    context = tls_context(name)
    pages(checks, base, name, context)
    email = f"essai-{secrets.token_hex(4)}@example.org"
    password = secrets.token_urlsafe(18)
    slug = "essai-" + secrets.token_hex(4)
    try:
        seed = json.loads(in_web(SEED, email, password, slug, str(PARTICIPANTS)).splitlines()[-1])
        session = sign_in(checks, base, context, email, password)
        if session:
            asyncio.run(sockets(checks, name, context, session, seed))
            stored = int(in_web(STORED, str(seed["activity"])).splitlines()[-1])
            checks.check(
                stored == PARTICIPANTS, "réponses enregistrées dans PostgreSQL", f"{stored}"
            )
    finally:
        in_web(CLEAN, email, slug)
    print(f"{checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
