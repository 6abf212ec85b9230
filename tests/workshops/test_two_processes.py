"""A live workshop served by two web processes at once (issue 15).

Two real web processes of the production serving model (`ressort servir`, uvicorn, each on
an address of its own) share one database and the Redis channel layer; the projection is
connected to the first, the phones to one or the other. Every answer must be acknowledged,
stored once and reach the projection once, whichever process took it; a phone that comes
back through the other process and resends adds nothing; and when one process is killed
outright, its phones stop counting as connected while the other's still count.

The database is the suite's kind (a SQLite file, or a PostgreSQL database of its own beside
`DATABASE_URL`'s), the Redis prefix and the ports are this run's own (bench/live_servers.py).
Redis must answer (REDIS_TEST_URL, 127.0.0.1:6379 by default), as for test_live.py.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from pathlib import Path
from typing import Any

import pytest

from bench import live_servers

REDIS = os.environ.get("REDIS_TEST_URL", live_servers.DEFAULT_REDIS)
PARTICIPANTS = 16
QUESTIONS = 5
HEARTBEAT_S = 1  # a killed process is found out after six silent beats


def score(i: int, q: int) -> int:
    return (i + q) % 5


def test_a_workshop_across_two_processes(tmp_path: Path) -> None:
    why = live_servers.redis_answers(REDIS)
    if why is not None:
        pytest.fail(
            f"Redis ne répond pas à {REDIS} ({why}) : ce test relie deux processus web par "
            "Redis. Démarrez Redis, ou donnez son adresse dans REDIS_TEST_URL."
        )
    label = f"deux_{os.environ.get('PYTEST_XDIST_WORKER', 'seul')}"
    with live_servers.database(os.environ.get("DATABASE_URL", ""), tmp_path, label) as db_env:
        env = live_servers.server_env(
            db_env, REDIS, RESSORT_LIVE_HEARTBEAT_S=str(HEARTBEAT_S), LOG_LEVEL="WARNING"
        )
        seed = live_servers.seed(env, PARTICIPANTS, QUESTIONS)
        with live_servers.servers(env, 2, tmp_path) as (first, second):
            asyncio.run(asyncio.wait_for(scenario(env, seed, first, second), timeout=180))
        logs = "".join(p.read_text(errors="replace") for p in tmp_path.glob("web-*.log"))
    assert "Traceback" not in logs, logs[-3000:]


async def scenario(
    env: dict[str, str],
    seed: dict[str, Any],
    first: live_servers.Server,
    second: live_servers.Server,
) -> None:
    import websockets

    def url(server: live_servers.Server, tail: str = "") -> str:
        return f"ws://127.0.0.1:{server.port}/ws/atelier/{seed['workshop']}/{tail}"

    def connect(server: live_servers.Server, cookie: str, tail: str = "") -> Any:
        return websockets.connect(
            url(server, tail),
            additional_headers={"Cookie": cookie, "Origin": "http://127.0.0.1"},
            open_timeout=30,
        )

    async def state() -> dict[str, Any]:
        return await asyncio.to_thread(live_servers.state, env, seed)

    async def until(test: Any, what: str, timeout: float = 30) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            now = await state()
            if test(now):
                return now
            if time.monotonic() > deadline:
                raise AssertionError(f"{what} : {now['connected']} connectés")
            await asyncio.sleep(0.5)

    tokens: list[str] = seed["tokens"]
    cookie_of = {t: f"rs_atelier_{seed['workshop']}={t}" for t in tokens}
    home = {t: first if i % 2 == 0 else second for i, t in enumerate(tokens)}
    seen: list[str] = []

    projection = await connect(first, f"sessionid={seed['session']}", "projection/")

    async def watch() -> None:
        async for raw in projection:
            seen.extend(json.loads(raw).get("msgs", []))

    watcher = asyncio.create_task(watch())
    phones = {t: await connect(home[t], cookie_of[t]) for t in tokens}

    async def answer(ws: Any, i: int, q: int) -> dict[str, Any]:
        msg = f"p{i:02d}-q{q}"
        await ws.send(
            json.dumps(
                {
                    "type": "answer",
                    "msg": msg,
                    "activity": seed["activity"],
                    "fields": [[f"q-Q{q:02d}", str(score(i, q))]],
                }
            )
        )
        while True:
            reply = json.loads(await asyncio.wait_for(ws.recv(), timeout=30))
            if reply.get("msg") == msg:
                return dict(reply)

    async def answer_all(i: int, token: str) -> list[dict[str, Any]]:
        return [await answer(phones[token], i, q) for q in range(1, QUESTIONS + 1)]

    replies = await asyncio.gather(*(answer_all(i, t) for i, t in enumerate(tokens)))
    assert all(r["type"] == "ack" for phone in replies for r in phone), replies
    sent = {f"p{i:02d}-q{q}" for i in range(PARTICIPANTS) for q in range(1, QUESTIONS + 1)}

    # Every answer reaches the projection (on the first process) once, from either process.
    deadline = time.monotonic() + 20
    while set(seen) != sent and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    assert sorted(seen) == sorted(sent)

    expected = {
        (t, f"Q{q:02d}", score(i, q)) for i, t in enumerate(tokens) for q in range(1, QUESTIONS + 1)
    }
    stored = await state()
    assert len(stored["answers"]) == PARTICIPANTS * QUESTIONS
    assert {tuple(row) for row in stored["answers"]} == expected
    assert stored["connected"] == PARTICIPANTS

    # The second process's phones come back through the first and resend their last answer
    # (its acknowledgement was lost): acknowledged again, stored once.
    for i, t in enumerate(tokens):
        if home[t] is second:
            async with connect(first, cookie_of[t]) as again:
                assert (await answer(again, i, QUESTIONS))["type"] == "ack"
    stored = await state()
    assert {tuple(row) for row in stored["answers"]} == expected
    assert len(stored["answers"]) == PARTICIPANTS * QUESTIONS

    # The second process dies with its sockets open: after its silence, the first process
    # takes them off the count, and only the first process's phones are still connected.
    await asyncio.to_thread(second.kill)
    await until(lambda s: s["connected"] == PARTICIPANTS // 2, "le processus tué compte encore")
    for t in tokens:
        if home[t] is first:
            await phones[t].close()
    await until(lambda s: s["connected"] == 0, "des téléphones partis comptent encore")
    await projection.close()
    watcher.cancel()
