"""Live workshop under load: 500 participants on websockets, 10 answers each within 30 s.

Starts a real daphne server (subprocess, free port) on a fresh database, opens one
projection socket (a signed-in facilitator) and 500 participant sockets (the `websockets`
client), and has every participant answer the 10 questions of a grid, each answer at a
random moment of the 30 s, waiting for its acknowledgement before the next. Measures the
latency from sending an answer to the projection socket receiving its notice, and checks
in the database that every acknowledged answer is stored.

Database: a temporary SQLite file by default; `DATABASE_URL=postgres://…/rs_workshops_bench`
to run on PostgreSQL (the database is dropped and recreated). The channel layer is Redis
when `REDIS_URL` is set, in memory otherwise. Writes bench/results/workshop_load.json
(`make bench-workshop`), or returns the figures from run() (`make bench`).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

# The subprocesses are this venv's own commands with fixed arguments.
# ruff: noqa: S603

PARTICIPANTS = int(os.environ.get("BENCH_PARTICIPANTS", "500"))
QUESTIONS = 10
WINDOW_S = 30.0
RAMP_S = 3.0
ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

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

COUNT = r"""
import django, sys
django.setup()
from ressort.workshops.models import Answer
print(Answer.objects.filter(activity_id=int(sys.argv[1])).count())
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def reset_postgres(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,)
        )
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


async def participant(
    url: str,
    cookie: str,
    activity: int,
    sent: dict[str, float],
    acked: dict[str, float],
    errors: list[str],
    start: float,
) -> None:
    import websockets

    rng = random.Random(cookie)
    moments = sorted(rng.uniform(0, WINDOW_S - 3) for _ in range(QUESTIONS))
    # Phones join over the first seconds (a room scanning the QR code), not in the same ms.
    await asyncio.sleep(max(0.0, start - RAMP_S + rng.uniform(0, RAMP_S) - time.perf_counter()))
    for attempt in range(5):
        try:
            async with websockets.connect(
                url,
                additional_headers={"Cookie": cookie, "Origin": "http://127.0.0.1"},
                open_timeout=30,
                ping_interval=None,
                max_queue=None,
            ) as ws:
                for i, moment in enumerate(moments, start=1):
                    msg = f"{cookie[-12:]}-{i}"
                    if msg in acked:
                        continue
                    delay = start + moment - time.perf_counter()
                    if delay > 0:
                        await asyncio.sleep(delay)
                    sent.setdefault(msg, time.perf_counter())
                    fields = [[f"q-Q{i:02d}", str(rng.randint(0, 4))]]
                    await ws.send(
                        json.dumps(
                            {"type": "answer", "msg": msg, "activity": activity, "fields": fields}
                        )
                    )
                    while True:
                        reply = json.loads(await asyncio.wait_for(ws.recv(), timeout=60))
                        if reply.get("msg") == msg:
                            break
                    if reply["type"] == "ack":
                        acked[msg] = time.perf_counter()
                    else:
                        errors.append(reply.get("text", "?"))
                return
        except (OSError, TimeoutError, websockets.exceptions.WebSocketException) as error:
            errors.append(f"reconnexion ({attempt + 1}) : {error!r}")
            await asyncio.sleep(0.5 * (attempt + 1))


def projection(
    url: str, cookie: str, seen: dict[str, float], ready: threading.Event, stop: threading.Event
) -> None:
    """The projection screen, in its own thread and event loop: its clock is not slowed by
    the 500 simulated phones sharing the main loop."""
    import websockets

    async def watch() -> None:
        async with websockets.connect(
            url, additional_headers={"Cookie": cookie, "Origin": "http://127.0.0.1"}, max_queue=None
        ) as ws:
            ready.set()
            while not stop.is_set():
                try:
                    raw = await asyncio.wait_for(ws.recv(), timeout=0.5)
                except TimeoutError:
                    continue
                now = time.perf_counter()
                for msg in json.loads(raw).get("msgs", []):
                    seen.setdefault(msg, now)

    asyncio.run(watch())


async def drive(port: int, seed: dict[str, Any]) -> dict[str, Any]:
    base = f"ws://127.0.0.1:{port}/ws/atelier/{seed['workshop']}/"
    sent: dict[str, float] = {}
    acked: dict[str, float] = {}
    seen: dict[str, float] = {}
    errors: list[str] = []
    ready, stop = threading.Event(), threading.Event()
    watcher = threading.Thread(
        target=projection,
        args=(base + "projection/", f"sessionid={seed['session']}", seen, ready, stop),
    )
    watcher.start()
    if not await asyncio.to_thread(ready.wait, 30):
        raise RuntimeError("la projection ne s'est pas connectée")
    start = time.perf_counter() + RAMP_S  # the 30 s start once everyone could join
    cookie = f"rs_atelier_{seed['workshop']}="
    await asyncio.gather(
        *(
            participant(base, cookie + token, seed["activity"], sent, acked, errors, start)
            for token in seed["tokens"]
        )
    )
    end = max(acked.values(), default=time.perf_counter())
    await asyncio.sleep(3)  # the last projection notices
    stop.set()
    await asyncio.to_thread(watcher.join)
    latencies = [(seen[m] - sent[m]) * 1000 for m in acked if m in seen]
    ack_latencies = [(acked[m] - sent[m]) * 1000 for m in acked]
    return {
        "sent": len(sent),
        "acked": len(acked),
        "projection_notices": len(seen),
        "latencies": latencies,
        "ack_latencies": ack_latencies,
        "duration_s": end - start,
        "errors": errors,
    }


def run() -> dict[str, Any]:
    database_url = os.environ.get("DATABASE_URL", "")
    redis_url = os.environ.get("REDIS_URL", "")
    with tempfile.TemporaryDirectory(prefix="rs-banc-atelier-") as tmp:
        env = {
            **os.environ,
            "RESSORT_VAR_DIR": tmp,
            "DJANGO_SETTINGS_MODULE": "ressort.settings",
            "DEBUG": "0",
            "SECRET_KEY": "test-only-secret-key-for-a-throwaway-server",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "LOG_LEVEL": "ERROR",
        }
        if database_url:
            reset_postgres(database_url)
        subprocess.run([str(BIN / "ressort"), "migrate", "-v0"], env=env, cwd=ROOT, check=True)
        out = subprocess.run(
            [str(BIN / "python"), "-c", SEED, str(PARTICIPANTS), str(QUESTIONS)],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        seed = json.loads(out.stdout.strip().splitlines()[-1])
        port = free_port()
        server_log = open(Path(tmp) / "daphne.log", "wb")  # noqa: SIM115 — closed below
        server = subprocess.Popen(
            [str(BIN / "daphne"), "-b", "127.0.0.1", "-p", str(port), "ressort.asgi:application"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=server_log,
        )
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                    break
                time.sleep(0.2)
            figures = asyncio.run(drive(port, seed))
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            server_log.close()
        stderr = (Path(tmp) / "daphne.log").read_text(errors="replace")
        if os.environ.get("BENCH_SERVER_LOG"):
            Path(os.environ["BENCH_SERVER_LOG"]).write_text(stderr)
        stored = int(
            subprocess.run(
                [str(BIN / "python"), "-c", COUNT, str(seed["activity"])],
                env=env,
                cwd=ROOT,
                check=True,
                capture_output=True,
                text=True,
            ).stdout.strip()
        )
    latencies = figures["latencies"]
    lines = stderr.splitlines()
    server_errors = [line for line in lines if "Traceback" in line]
    exceptions = sorted(
        {line for line in lines if re.match(r"^[\w.]+(Error|Exception|Timeout)", line)}
    )
    result = {
        "participants": PARTICIPANTS,
        "questions_each": QUESTIONS,
        "window_s": WINDOW_S,
        "database": "PostgreSQL" if database_url else "SQLite",
        "channel_layer": "Redis" if redis_url else "en mémoire",
        "answers_sent": figures["sent"],
        "answers_acknowledged": figures["acked"],
        "answers_stored": stored,
        # Every answer sent must be stored (acknowledged or not: a resend would store it).
        "lost": max(figures["sent"] - stored, 0),
        "unacknowledged": figures["sent"] - figures["acked"],
        "projection_notices": figures["projection_notices"],
        "p50_ms": round(percentile(latencies, 50), 1),
        "p95_ms": round(percentile(latencies, 95), 1),
        "p99_ms": round(percentile(latencies, 99), 1),
        "ack_p95_ms": round(percentile(figures["ack_latencies"], 95), 1),
        "answers_per_s": round(stored / figures["duration_s"], 1)
        if figures["duration_s"] > 0
        else None,
        "duration_s": round(figures["duration_s"], 1),
        "client_errors": len(figures["errors"]),
        "client_error_samples": sorted(set(figures["errors"]))[:5],
        "server_tracebacks": len(server_errors),
        "server_exception_samples": exceptions[:5],
    }
    return result


def main() -> int:
    figures = run()
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    sys.path.insert(0, str(ROOT))
    from bench.__main__ import machine

    out = results / "workshop_load.json"
    previous = json.loads(out.read_text()) if out.exists() else {}
    runs = previous.get("runs", {}) if isinstance(previous.get("runs"), dict) else {}
    key = f"{figures['database']} + {figures['channel_layer']}"
    runs[key] = figures
    document = {
        "benchmark": "workshop_load",
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "figures": figures,
        "runs": runs,
    }
    out.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(figures, ensure_ascii=False, indent=2))
    return 0 if figures["lost"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
