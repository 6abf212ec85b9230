"""Pages under load: 50 signed-in users at once on the demo's main pages, against the 404 floor.

For each database (a SQLite file under var/bench/; PostgreSQL on 127.0.0.1:5432 as
`ressort_bench` when it answers) the demo is installed (`ressort setup`: minutes the first
time, seconds after; BENCH_PAGE_FRESH=1 starts from empty databases), then each serving model
is started as a real server on a free port and measured in turn:
- `servir-1`, `servir-2`: the production model (`ressort servir --processus N --fils 4`);
- `daphne-1`: one daphne process with Django's ASGI handler, the model measured in issue 24.

For each: one user alone (each page then the 404 page, REPEAT times in turn: medians), then
USERS users in a closed loop (each sends its next request when the previous one has answered,
no pause), first all on the 404 page (the floor: the cheapest request that still goes through
every middleware and the session), then on the page mix, each phase bounded by SECONDS and
by MAX_REQUESTS. Ratios are taken within one run: mix throughput / floor throughput, and each
page's p95 / floor p95. The client runs on the same machine and takes its share of the CPU.

`python -m bench page_load`; BENCH_PAGE_SECONDS, BENCH_PAGE_USERS, BENCH_PAGE_MODELS
(servir-1,servir-2,daphne-1), BENCH_PAGE_DATABASES (sqlite,postgresql) narrow it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

# The subprocesses are this venv's own commands with fixed arguments.
# ruff: noqa: S603

ROOT = Path(__file__).resolve().parent.parent
USERS = int(os.environ.get("BENCH_PAGE_USERS", "50"))
SECONDS = float(os.environ.get("BENCH_PAGE_SECONDS", "12"))
MAX_REQUESTS = 6_000
REPEAT = 15
THREADS = 4
MODELS = os.environ.get("BENCH_PAGE_MODELS", "servir-1,servir-2,daphne-1").split(",")
DATABASES = os.environ.get("BENCH_PAGE_DATABASES", "sqlite,postgresql").split(",")
FRESH = os.environ.get("BENCH_PAGE_FRESH") == "1"
SQLITE = ROOT / "var" / "bench" / "pages.sqlite3"
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_NAME = "ressort_bench"
SECRET = "banc-de-charge-" + "x" * 40
FLOOR_PATH = "/cette-page-nexiste-pas/"
# The démarche's main pages, by URL name (the demo démarche), and the signed-in home.
PAGES = [
    ("accueil de la démarche", "approaches:detail"),
    ("portrait", "portrait:portrait"),
    ("tableau de bord", "monitoring:dashboard"),
    ("actions", "actions:action_list"),
    ("stratégie", "strategy:overview"),
    ("parcours", "approaches:journey"),
    ("mes démarches", "approaches:list"),
]

PREPARE = """
import json, sys
import django
django.setup()
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse
from ressort.approaches.demo import DEMO_ACCOUNTS, DEMO_SLUG
from ressort.accounts.models import User
pages = json.loads(sys.argv[1])
users = [User.objects.get(email=a.email) for a in DEMO_ACCOUNTS]
cookies = []
for i in range(int(sys.argv[2])):
    user = users[i % len(users)]
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    cookies.append(store.session_key)
urls = {}
for label, name in pages:
    urls[label] = reverse(name) if name == "approaches:list" else reverse(name, args=[DEMO_SLUG])
print(json.dumps({"cookies": cookies, "urls": urls}))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(database_url: str, debug: bool = False) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "DEBUG")}
    env.update(
        PYTHONPATH=str(ROOT),
        DJANGO_SETTINGS_MODULE="ressort.settings",
        DATABASE_URL=database_url,
        DEBUG="1" if debug else "0",
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        LOG_LEVEL="ERROR",
        RESSORT_DIGEST_SCHEDULE="non",
    )
    return env


def _postgresql_url() -> str | None:
    try:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", connect_timeout=3, autocommit=True) as c:
            if FRESH:
                c.execute(f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)")
            exists = c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [PG_NAME])
            if not exists.fetchone():
                c.execute(f"CREATE DATABASE {PG_NAME}")
    except Exception as exc:  # no PostgreSQL: that half is skipped, and said so
        print(f"PostgreSQL ne répond pas ({exc}) : banc sur SQLite seulement.", flush=True)
        return None
    return f"{PG_SERVER}/{PG_NAME}"


def _prepare(database_url: str) -> dict[str, Any]:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "django", "setup"],
        env=_env(database_url, debug=True),  # DEBUG: the demo with its public accounts
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    done = subprocess.run(
        [sys.executable, "-c", PREPARE, json.dumps(PAGES), str(USERS)],
        env=_env(database_url),
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    prepared = json.loads(done.stdout.strip().splitlines()[-1])
    prepared["setup_s"] = round(time.perf_counter() - start, 1)
    return prepared


def _start(model: str, database_url: str, port: int) -> subprocess.Popen[bytes]:
    kind, processes = model.rsplit("-", 1)
    if kind == "servir":
        command = [sys.executable, "-m", "django", "servir", "--port", str(port)]
        command += ["--processus", processes, "--fils", str(THREADS)]
    else:
        command = [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port)]
        command += ["ressort.asgi:application"]
    server = subprocess.Popen(
        command, env=_env(database_url), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=sys.stderr
    )
    deadline = time.monotonic() + 180  # a loaded machine imports Django slowly
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 20) as s:
            s.sendall(b"GET /sante/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            if b" 200 " in s.recv(200):
                return server
        if server.poll() is not None:
            break
        time.sleep(0.3)
    server.kill()
    raise RuntimeError(f"Le serveur {model} n'a pas démarré.")


class Connection:
    """One user's keep-alive HTTP/1.1 connection, with its session cookie."""

    def __init__(self, port: int, cookie: str) -> None:
        self.port, self.cookie = port, cookie
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> tuple[int, int]:
        """(status, body bytes); reconnects when the server closed the connection."""
        for attempt in (0, 1):
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
            try:
                return await self._get(path)
            except (ConnectionError, asyncio.IncompleteReadError):
                self.close()
                if attempt:
                    raise
        raise AssertionError("unreachable")

    async def _get(self, path: str) -> tuple[int, int]:
        assert self.reader is not None and self.writer is not None
        self.writer.write(
            f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: sessionid={self.cookie}\r\n"
            "Accept-Encoding: identity\r\n\r\n".encode()
        )
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {
            k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in lines[1:])
        }
        size = 0
        if "content-length" in headers:
            size = int(headers["content-length"])
            await self.reader.readexactly(size)
        elif headers.get("transfer-encoding") == "chunked":
            while True:
                chunk = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                await self.reader.readexactly(chunk + 2)
                size += chunk
                if chunk == 0:
                    break
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, size

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


def _quantiles(samples: list[float]) -> dict[str, float]:
    if not samples:
        return {"n": 0}
    ordered = sorted(samples)

    def q(p: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000, 1)

    return {"n": len(ordered), "p50_ms": q(0.50), "p95_ms": q(0.95), "p99_ms": q(0.99)}


async def _alone(port: int, cookie: str, urls: dict[str, str]) -> dict[str, Any]:
    """One user: each page then the 404 page, REPEAT times in turn; medians in ms."""
    connection = Connection(port, cookie)
    timings: dict[str, list[float]] = {label: [] for label in [*urls, "404"]}
    for path in urls.values():  # warm: the first reading of a page fills its cache
        await connection.get(path)
    for _ in range(REPEAT):
        for label, path in [*urls.items(), ("404", FLOOR_PATH)]:
            start = time.perf_counter()
            await connection.get(path)
            timings[label].append(time.perf_counter() - start)
    connection.close()
    floor = statistics.median(timings["404"])
    return {
        label: {
            "median_ms": round(statistics.median(t) * 1000, 1),
            "vs_404": round(statistics.median(t) / floor, 2),
        }
        for label, t in timings.items()
    }


async def _closed_loop(
    port: int, cookies: list[str], paths: list[tuple[str, str]], expected: int
) -> dict[str, Any]:
    """Every user sends its next request as soon as the last one answered, for SECONDS or
    MAX_REQUESTS in all; each user starts at a different place of the `paths` cycle."""
    samples: dict[str, list[float]] = {label: [] for label, _ in paths}
    errors: dict[str, int] = {}
    sent = 0
    stop = time.perf_counter() + SECONDS

    async def user(index: int, cookie: str) -> None:
        nonlocal sent
        connection = Connection(port, cookie)
        turn = index
        while time.perf_counter() < stop and sent < MAX_REQUESTS:
            sent += 1
            label, path = paths[turn % len(paths)]
            turn += 1
            start = time.perf_counter()
            try:
                status, _ = await connection.get(path)
            except (OSError, asyncio.IncompleteReadError) as exc:
                errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1
                continue
            samples[label].append(time.perf_counter() - start)
            if status != expected:
                errors[str(status)] = errors.get(str(status), 0) + 1
        connection.close()

    began = time.perf_counter()
    await asyncio.gather(*(user(i, c) for i, c in enumerate(cookies)))
    elapsed = time.perf_counter() - began
    every = [s for values in samples.values() for s in values]
    return {
        "requests": len(every),
        "seconds": round(elapsed, 1),
        "requests_per_s": round(len(every) / elapsed, 1),
        **_quantiles(every),
        "errors": errors,
        "pages": {label: _quantiles(values) for label, values in samples.items()}
        if len(paths) > 1
        else {},
    }


def _measure(model: str, database_url: str, prepared: dict[str, Any]) -> dict[str, Any]:
    port = _free_port()
    load_before = os.getloadavg()
    server = _start(model, database_url, port)
    try:
        urls, cookies = prepared["urls"], prepared["cookies"]
        alone = asyncio.run(_alone(port, cookies[0], urls))

        async def warm() -> None:  # every role's pages once, as a day of use leaves them
            for cookie in cookies[:5]:
                connection = Connection(port, cookie)
                for path in urls.values():
                    await connection.get(path)
                connection.close()

        asyncio.run(warm())
        floor = asyncio.run(_closed_loop(port, cookies, [("404", FLOOR_PATH)], 404))
        mix = asyncio.run(_closed_loop(port, cookies, list(urls.items()), 200))
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    floor_p95 = floor.get("p95_ms") or 0
    return {
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "alone": alone,
        "floor_404": floor,
        "mix": mix,
        "mix_vs_floor_throughput": round(mix["requests_per_s"] / floor["requests_per_s"], 3),
        "page_p95_vs_floor_p95": {
            label: round(q["p95_ms"] / floor_p95, 2) if floor_p95 and q.get("n") else None
            for label, q in mix["pages"].items()
        },
    }


def run() -> dict[str, Any]:
    figures: dict[str, Any] = {
        "users": USERS,
        "seconds_per_phase": SECONDS,
        "max_requests_per_phase": MAX_REQUESTS,
        "threads_per_process": THREADS,
        "pages": [label for label, _ in PAGES],
    }
    for database in DATABASES:
        if database == "postgresql":
            url = _postgresql_url()
            if url is None:
                continue
        else:
            SQLITE.parent.mkdir(parents=True, exist_ok=True)
            for leftover in SQLITE.parent.glob(SQLITE.name + "*") if FRESH else ():
                leftover.unlink()
            url = f"sqlite:///{SQLITE}"
        prepared = _prepare(url)
        figures[database] = {"setup_s": prepared["setup_s"]}
        for model in MODELS:
            print(f"-- {database}, {model}", flush=True)
            result = _measure(model, url, prepared)
            figures[database][model] = result
            print(
                f"   seul·e : portrait {result['alone']['portrait']['vs_404']}×, tableau de bord "
                f"{result['alone']['tableau de bord']['vs_404']}× la 404 ; à {USERS} : plancher "
                f"{result['floor_404']['requests_per_s']} req/s, pages "
                f"{result['mix']['requests_per_s']} req/s "
                f"({result['mix_vs_floor_throughput']:.0%}), p95 pages/plancher "
                f"{result['page_p95_vs_floor_p95']}",
                flush=True,
            )
    return figures


if __name__ == "__main__":
    print(json.dumps(run(), ensure_ascii=False, indent=2))
