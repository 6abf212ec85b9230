"""Live workshop under load: participants on websockets, 10 answers each within 30 s.

Starts real daphne servers (one or several, bench/live_servers.py) on a fresh database of
their own, opens one projection socket (a signed-in facilitator, on the first server) and the
participants' sockets (the `websockets` client), spread over the servers in turn, and has
every participant answer the 10 questions of a grid, each answer at a random moment of the
30 s, waiting for its acknowledgement before the next. Measures the latency from sending an
answer to the projection socket receiving its notice (from another process, through Redis,
for the phones of the second server), and checks in the database that every answer is
stored.

`make bench-workshop` (or `make bench`): 500 participants, one process; the database is
`DATABASE_URL`'s server (a database of its own beside it) or a temporary SQLite file; the
channel layer is Redis when `REDIS_URL` is set. Writes bench/results/workshop_load.json.

`python -m bench.bench_workshop_load --capacite`: the capacity sweep of issues 15 and 24, on
PostgreSQL (`DATABASE_URL`, required) and Redis (`REDIS_URL`, by default 127.0.0.1:6379):
500, 1,000, 1,500 and 2,000 participants (`BENCH_SIZES`) on one and two web processes
(`BENCH_PROCESSES`), and PostgreSQL's own one-row insert rate measured by pgbench on the
same server as the reference. Writes bench/results/workshop_capacity.json. Heavy: run it
on a machine nobody else is using, once.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench import live_servers

# The subprocesses are this venv's own commands with fixed arguments.
# ruff: noqa: S603

PARTICIPANTS = int(os.environ.get("BENCH_PARTICIPANTS", "500"))
QUESTIONS = 10
WINDOW_S = 30.0
RAMP_S = 3.0
# A room joins at this many phones a second at most (scanning the QR code): 500 in 5 s,
# 2,000 in 20 s. All at once, their handshakes queue past daphne's 5-second limit.
JOINS_PER_S = 100.0
ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LIMIT_MS = 250.0


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
    ramp: float,
) -> None:
    import websockets

    rng = random.Random(cookie)
    moments = sorted(rng.uniform(0, WINDOW_S - 3) for _ in range(QUESTIONS))
    # Phones join over the first seconds (a room scanning the QR code), not in the same ms.
    await asyncio.sleep(max(0.0, start - ramp + rng.uniform(0, ramp) - time.perf_counter()))
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


async def drive(ports: list[int], seed: dict[str, Any]) -> dict[str, Any]:
    bases = [f"ws://127.0.0.1:{port}/ws/atelier/{seed['workshop']}/" for port in ports]
    base = bases[0]
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
    ramp = max(RAMP_S, len(seed["tokens"]) / JOINS_PER_S)
    start = time.perf_counter() + ramp  # the 30 s start once everyone could join
    cookie = f"rs_atelier_{seed['workshop']}="
    await asyncio.gather(
        *(
            participant(
                bases[i % len(bases)],
                cookie + token,
                seed["activity"],
                sent,
                acked,
                errors,
                start,
                ramp,
            )
            for i, token in enumerate(seed["tokens"])
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
    """`make bench`: one run as configured by the environment."""
    return run_once(
        PARTICIPANTS,
        int(os.environ.get("BENCH_PROCESSES_ONE_RUN", "1")),
        os.environ.get("DATABASE_URL", ""),
        os.environ.get("REDIS_URL", ""),
    )


def run_once(
    participants: int, processes: int, database_url: str, redis_url: str
) -> dict[str, Any]:
    if processes > 1 and not redis_url:
        raise SystemExit("Plusieurs processus web ont besoin de Redis : REDIS_URL.")
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="rs-banc-atelier-") as tmp:
        folder = Path(tmp)
        with live_servers.database(database_url, folder, "banc") as db_env:
            env = live_servers.server_env(db_env, redis_url)
            seed = live_servers.seed(env, participants, QUESTIONS)
            with live_servers.servers(env, processes, folder) as started:
                figures = asyncio.run(drive([s.port for s in started], seed))
            stored = len(live_servers.state(env, seed)["answers"])
        logs = [line for s in started for line in s.log.read_text(errors="replace").splitlines()]
    if os.environ.get("BENCH_SERVER_LOG"):
        Path(os.environ["BENCH_SERVER_LOG"]).write_text("\n".join(logs))
    latencies = figures["latencies"]
    server_errors = [line for line in logs if "Traceback" in line]
    exceptions = sorted(
        {line for line in logs if re.match(r"^[\w.]+(Error|Exception|Timeout)", line)}
    )
    return {
        "participants": participants,
        "web_processes": processes,
        "questions_each": QUESTIONS,
        "window_s": WINDOW_S,
        "database": "PostgreSQL" if database_url.startswith("postgres") else "SQLite",
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
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
    }


PGBENCH_SCRIPT = "INSERT INTO reponse (valeur) VALUES (1);\n"


def pgbench_rate(database_url: str, clients: int, seconds: int = 10) -> dict[str, Any]:
    """PostgreSQL's own one-row insert rate on the same server: pgbench, each insert its own
    transaction (as an acknowledged answer needs), in a database of its own."""
    import glob

    import psycopg

    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pgbench"))
    pgbench = found[-1] if found else shutil.which("pgbench")
    if not pgbench:
        raise SystemExit("pgbench introuvable : installez postgresql-client.")
    with (
        tempfile.TemporaryDirectory() as tmp,
        live_servers.database(database_url, Path(tmp), "pgbench") as db_env,
    ):
        url = db_env["DATABASE_URL"]
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("CREATE TABLE reponse (id bigserial PRIMARY KEY, valeur int)")
        script = Path(tmp) / "insert.sql"
        script.write_text(PGBENCH_SCRIPT)
        done = subprocess.run(
            [
                pgbench,
                "-n",
                "-c",
                str(clients),
                "-j",
                str(min(clients, 2)),
                "-T",
                str(seconds),
                "-f",
                str(script),
                url,
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    tps = re.search(r"tps = ([\d.]+)", done.stdout)
    if tps is None:
        raise RuntimeError(f"sortie de pgbench inattendue : {done.stdout}")
    return {
        "clients": clients,
        "seconds": seconds,
        "inserts_per_s": round(float(tps.group(1)), 1),
        "pgbench": pgbench,
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def capacity() -> int:
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        raise SystemExit("La mesure de capacité se fait sur PostgreSQL : DATABASE_URL=postgres://…")
    redis_url = os.environ.get("REDIS_URL", live_servers.DEFAULT_REDIS)
    sizes = [int(x) for x in os.environ.get("BENCH_SIZES", "500,1000,1500,2000").split(",")]
    processes = [int(x) for x in os.environ.get("BENCH_PROCESSES", "1,2").split(",")]
    sys.path.insert(0, str(ROOT))
    from bench.__main__ import machine

    out = ROOT / "bench" / "results" / "workshop_capacity.json"
    document: dict[str, Any] = {
        "benchmark": "workshop_capacity",
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "limit_ms": LIMIT_MS,
        "pgbench": [pgbench_rate(database_url, 1), pgbench_rate(database_url, 8)],
        "runs": [],
    }
    reference = max(r["inserts_per_s"] for r in document["pgbench"])
    for count in processes:
        for size in sizes:
            figures = run_once(size, count, database_url, redis_url)
            figures["share_of_pgbench"] = round((figures["answers_per_s"] or 0) / reference, 4)
            figures["holds"] = figures["p95_ms"] < LIMIT_MS and figures["lost"] == 0
            document["runs"].append(figures)
            print(json.dumps({k: figures[k] for k in SUMMARY}, ensure_ascii=False), flush=True)
            out.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    return 0 if all(r["lost"] == 0 for r in document["runs"]) else 1


SUMMARY = (
    "participants",
    "web_processes",
    "answers_stored",
    "lost",
    "p50_ms",
    "p95_ms",
    "p99_ms",
    "answers_per_s",
    "share_of_pgbench",
    "load_average_before",
)


def main() -> int:
    figures = run()
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    sys.path.insert(0, str(ROOT))
    from bench.__main__ import machine

    out = results / "workshop_load.json"
    previous = json.loads(out.read_text()) if out.exists() else {}
    runs = previous.get("runs", {}) if isinstance(previous.get("runs"), dict) else {}
    key = (
        f"{figures['database']} + {figures['channel_layer']}, {figures['web_processes']} processus"
    )
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
    sys.exit(capacity() if "--capacite" in sys.argv else main())
