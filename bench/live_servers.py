"""Real web processes for the live workshops: a database of their own, a workshop seeded in
it, N web processes sharing it through the Redis channel layer.

The processes are those of the production serving model, `ressort servir` (uvicorn), by
default: either N of them on N addresses (`servers`, each `--processus 1`, so that a caller
can choose a process or kill one), or one `ressort servir --processus N` whose processes
share one address as in production (`shared_server`). `model="daphne"` starts daphne instead,
for comparison (its handshake limit raised: it refuses a websocket not accepted within 5 s
by default, which a room arriving at once can exceed).

Used by the workshop load benchmark (bench_workshop_load.py) and by the two-process test
(tests/workshops/test_two_processes.py). Each run gets its own database (a SQLite file in a
temporary folder, or a PostgreSQL database created beside the one of `DATABASE_URL` and
dropped after), its own Redis prefix and free ports, so that runs side by side (pytest-xdist
workers, the SQLite and PostgreSQL passes, other checkouts) never meet.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# The subprocesses are this venv's own commands with fixed arguments.
# ruff: noqa: S603

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEFAULT_REDIS = "redis://127.0.0.1:6379/0"

# The tables straight from the models, as the test suite builds them (--nomigrations):
# rendering every migration costs about 30 s of CPU, and the schema is the same.
SCHEMA = r"""
import django
django.setup()
from django.conf import settings
from django.core.management import call_command


class NoMigrations(dict):
    def __contains__(self, item):
        return True

    def __getitem__(self, item):
        return None


settings.MIGRATION_MODULES = NoMigrations()
call_command("migrate", run_syncdb=True, verbosity=0)
"""

SEED = r"""
import json, sys
import django
django.setup()
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from ressort.approaches.models import Approach, Membership, Role
from ressort.workshops.models import Activity, Participant, Workshop

n, questions = int(sys.argv[1]), int(sys.argv[2])
user = get_user_model().objects.create_user(email="banc@example.org", password="banc-" + "x" * 12)
approach = Approach.objects.create(name="Banc d'essai", name_key="banc d essai", slug="banc")
Membership.objects.create(approach=approach, user=user, role=Role.FACILITATOR)
workshop = Workshop.objects.create(approach=approach, title="Atelier de charge")
codes = [f"Q{i:02d}" for i in range(1, questions + 1)]
config = {"version": 0, "questions": [{"code": c, "label": "Question " + c} for c in codes]}
activity = Activity.objects.create(
    workshop=workshop, kind="grille", title="Cotation", config=config, state="ouverte"
)
Participant.objects.bulk_create(Participant(workshop=workshop) for _ in range(n))
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.save()
print(json.dumps({
    "workshop": workshop.pk, "activity": activity.pk, "session": session.session_key,
    "tokens": list(Participant.objects.filter(workshop=workshop).values_list("token", flat=True)),
}))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def redis_answers(url: str) -> str | None:
    """None if Redis answers at `url`, else why not."""
    import redis

    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=3, socket_timeout=3)
        client.ping()
        client.close()
    except Exception as error:
        return repr(error)
    return None


NAME_PATTERN = re.compile(r"rs_\w+?_(\d+)_[0-9a-f]{6}")


def leftovers(names: Iterable[str], alive: Callable[[int], bool]) -> list[str]:
    """The databases of earlier runs whose process is gone (a run killed before its
    `finally`): named `rs_<label>_<pid>_<hex>`, their process no longer alive."""
    out = []
    for name in names:
        match = NAME_PATTERN.fullmatch(name)
        if match and int(match.group(1)) != os.getpid() and not alive(int(match.group(1))):
            out.append(name)
    return out


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    return True


@contextlib.contextmanager
def database(database_url: str, folder: Path, label: str) -> Iterator[dict[str, str]]:
    """The environment of a fresh database: a SQLite file in `folder`, or, when
    `database_url` is PostgreSQL, a new database on that server named after `label`."""
    if not database_url.startswith("postgres"):
        yield {"RESSORT_VAR_DIR": str(folder)}
        return
    import psycopg

    base, _ = database_url.rsplit("/", 1)
    name = f"rs_{label}_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        names = [row[0] for row in conn.execute("SELECT datname FROM pg_database")]
        for old in leftovers(names, pid_alive):
            conn.execute(f'DROP DATABASE IF EXISTS "{old}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {"DATABASE_URL": f"{base}/{name}"}
    finally:
        with psycopg.connect(base + "/postgres", autocommit=True) as conn:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                (name,),
            )
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def server_env(db_env: dict[str, str], redis_url: str, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "RESSORT_VAR_DIR", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "ressort.settings",
            "PYTHONPATH": str(ROOT),
            "DEBUG": "0",
            "SECRET_KEY": "test-only-secret-key-for-a-throwaway-server",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "LOG_LEVEL": "ERROR",
            "REDIS_PREFIX": f"rs-essai-{uuid.uuid4().hex[:10]}",
            **db_env,
            **extra,
        }
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    else:  # one process only: the in-memory layer
        env.pop("REDIS_URL", None)
    return env


def run_script(env: dict[str, str], script: str, *args: str) -> str:
    done = subprocess.run(
        [str(BIN / "python"), "-c", script, *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode:
        raise RuntimeError(f"script en échec ({done.returncode}) : {done.stderr[-2000:]}")
    return done.stdout


def seed(env: dict[str, str], participants: int, questions: int) -> dict[str, Any]:
    out = run_script(env, SCHEMA + SEED, str(participants), str(questions))
    return dict(json.loads(out.strip().splitlines()[-1]))


ANSWERS = """
    SELECT p.token, a.client_id, a.payload FROM workshops_answer a
    JOIN workshops_participant p ON p.id = a.participant_id WHERE a.activity_id = %s
"""
CONNECTED = "SELECT count(*) FROM workshops_participant WHERE workshop_id = %s AND open_sockets > 0"


def state(env: dict[str, str], seed: dict[str, Any]) -> dict[str, Any]:
    """The answers stored (participant token, question, score) and the participants counted
    as connected, read with plain SQL (a Django start-up costs seconds on a loaded machine)."""
    if "DATABASE_URL" in env:
        import psycopg

        with psycopg.connect(env["DATABASE_URL"]) as conn:
            answers = conn.execute(ANSWERS, (seed["activity"],)).fetchall()
            (connected,) = conn.execute(CONNECTED, (seed["workshop"],)).fetchone() or (0,)
    else:
        import sqlite3

        conn = sqlite3.connect(Path(env["RESSORT_VAR_DIR"]) / "ressort.sqlite3", timeout=20)
        try:
            answers = conn.execute(ANSWERS.replace("%s", "?"), (seed["activity"],)).fetchall()
            (connected,) = conn.execute(
                CONNECTED.replace("%s", "?"), (seed["workshop"],)
            ).fetchone()
        finally:
            conn.close()
    rows = []
    for token, key, payload in answers:
        value = json.loads(payload) if isinstance(payload, str) else payload
        rows.append((token, key, value.get("score")))
    return {"answers": rows, "connected": int(connected)}


MODELS = ("servir", "daphne")
# daphne's default is 5 s: past it, a handshake the application has not accepted is refused.
DAPHNE_CONNECT_TIMEOUT_S = 60


def command(model: str, port: int, processes: int = 1) -> list[str]:
    """The command line of `processes` web processes of `model` listening on `port`."""
    if model == "servir":
        # `ressort servir` replaces itself with uvicorn (same process id).
        return [
            str(BIN / "python"),
            "-m",
            "django",
            "servir",
            "--adresse",
            "127.0.0.1",
            "--port",
            str(port),
            "--processus",
            str(processes),
        ]
    if model == "daphne" and processes == 1:
        return [
            str(BIN / "daphne"),
            "-b",
            "127.0.0.1",
            "-p",
            str(port),
            "--websocket_connect_timeout",
            str(DAPHNE_CONNECT_TIMEOUT_S),
            "ressort.asgi:application",
        ]
    raise ValueError(f"modèle de service inconnu : {model} ({processes} processus)")


SOCKETS = "SELECT server, count(*) FROM workshops_livesocket GROUP BY server"


def sockets_by_process(env: dict[str, str]) -> list[int]:
    """How many participant sockets each web process holds now (as recorded for presence)."""
    if "DATABASE_URL" in env:
        import psycopg

        with psycopg.connect(env["DATABASE_URL"]) as conn:
            rows = conn.execute(SOCKETS).fetchall()
    else:
        import sqlite3

        lite = sqlite3.connect(Path(env["RESSORT_VAR_DIR"]) / "ressort.sqlite3", timeout=20)
        try:
            rows = lite.execute(SOCKETS).fetchall()
        finally:
            lite.close()
    return [int(n) for _, n in rows]


@dataclass
class Server:
    port: int
    process: subprocess.Popen[bytes]
    log: Path
    ended: bool = field(default=False)

    def pids(self) -> list[int]:
        """The process and its descendants (the workers of `ressort servir --processus N`)."""
        children: dict[int, list[int]] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError, ValueError, IndexError):
                ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(stat.parent.name))
        found, todo = [], [self.process.pid]
        while todo:
            pid = todo.pop()
            found.append(pid)
            todo.extend(children.get(pid, []))
        return found

    def kill(self) -> None:
        """Dead at once, as in a crash: no socket is closed, no disconnect runs."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        self.ended = True

    def stop(self) -> None:
        if self.ended:
            return
        if os.environ.get("BENCH_WEB_PREFIX"):
            self.process.send_signal(signal.SIGINT)  # a profiler writes its output on SIGINT
        else:
            self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.ended = True


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    """User + system CPU time used so far by each process (all its threads), from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    seconds = {}
    for pid in pids:
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            seconds[pid] = (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return seconds


def _start(env: dict[str, str], argv: list[str], port: int, log: Path) -> Server:
    # BENCH_WEB_PREFIX runs the servers under a profiler, for instance
    # "py-spy record --subprocesses --format raw -o profile.txt --".
    argv = shlex.split(os.environ.get("BENCH_WEB_PREFIX", "")) + argv
    with log.open("wb") as out:
        process = subprocess.Popen(argv, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=out)
    return Server(port, process, log)


@contextlib.contextmanager
def servers(
    env: dict[str, str], count: int, folder: Path, model: str = "servir"
) -> Iterator[list[Server]]:
    """`count` web processes of `model`, each on a free port of its own, each with its log in
    `folder`."""
    started: list[Server] = []
    try:
        for i in range(count):
            port = free_port()
            started.append(_start(env, command(model, port), port, folder / f"web-{i + 1}.log"))
        for server in started:
            wait_for(server)
        yield started
    finally:
        for server in started:
            server.stop()


@contextlib.contextmanager
def shared_server(env: dict[str, str], count: int, folder: Path) -> Iterator[Server]:
    """`ressort servir --processus count` on a free port, as in production: the processes
    share one listening socket and the system hands each new connection to one of them."""
    port = free_port()
    server = _start(env, command("servir", port, count), port, folder / "web-1.log")
    try:
        wait_for(server, workers=count)
        yield server
    finally:
        server.stop()


def wait_for(server: Server, timeout: float = 90, workers: int = 0) -> None:
    """Until the server takes connections; with `workers`, until that many of uvicorn's
    processes have loaded the application (they share a socket that is open before them)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                "le serveur web s'est arrêté au démarrage : "
                + server.log.read_text(errors="replace")
            )
        ready = server.log.read_text(errors="replace").count("Started server process")
        if ready >= workers:
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", server.port), 1).close()
                return
        time.sleep(0.2)
    raise RuntimeError(
        f"le serveur web ne répond pas sur le port {server.port} après {timeout:.0f} s"
    )
