"""The production serving model: `ressort servir` runs uvicorn's processes, and the ASGI
entry point sends pages through a bounded pool of WSGI threads when asked to."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parents[2]


def test_servir_runs_processes_with_a_few_page_threads_each(monkeypatch: Any) -> None:
    seen: dict[str, Any] = {}
    monkeypatch.setattr(os, "execv", lambda exe, argv: seen.update(exe=exe, argv=argv))
    monkeypatch.setenv("RESSORT_HTTP_THREADS", "")  # restored after the test
    call_command(
        "servir", "--processus", "3", "--fils", "5", "--port", "9000", stderr=io.StringIO()
    )
    argv = seen["argv"]
    assert seen["exe"] == sys.executable
    assert argv[1:4] == ["-m", "uvicorn", "ressort.asgi:application"]
    assert argv[argv.index("--workers") + 1] == "3" and argv[argv.index("--port") + 1] == "9000"
    assert "--no-proxy-headers" in argv
    assert argv[argv.index("--ws-per-message-deflate") + 1] == "false"
    assert os.environ["RESSORT_HTTP_THREADS"] == "5"
    with pytest.raises(CommandError, match="1 au moins"):
        call_command("servir", "--fils", "0", stderr=io.StringIO())


def test_servir_says_live_workshops_need_redis_across_processes(monkeypatch: Any) -> None:
    monkeypatch.setattr(os, "execv", lambda exe, argv: None)
    monkeypatch.setenv("RESSORT_HTTP_THREADS", "")
    err = io.StringIO()
    call_command("servir", "--processus", "2", stderr=err)
    assert "REDIS_URL" in err.getvalue()
    err = io.StringIO()
    call_command("servir", "--processus", "1", stderr=err)
    assert err.getvalue() == ""


def test_asgi_pages_through_a_bounded_thread_pool() -> None:
    """Read in a child process: the entry point is built once per process."""
    script = """
import json
from django.conf import settings
from ressort import asgi
http = asgi.application.application_mapping["http"]
pool = getattr(http, "executor", None)
age = settings.DATABASES["default"]["CONN_MAX_AGE"]
print(json.dumps([type(http).__name__, getattr(pool, "_max_workers", None), age]))
"""
    base = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)}
    base.update(PYTHONPATH=str(ROOT), DJANGO_SETTINGS_MODULE="ressort.settings", DEBUG="1")
    facts = {}
    for threads in ("", "4"):
        done = subprocess.run(
            [sys.executable, "-c", script],
            env={**base, "RESSORT_HTTP_THREADS": threads},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        facts[threads] = json.loads(done.stdout.strip().splitlines()[-1])
    assert facts[""] == ["ASGIHandler", None, 0]  # runserver, daphne: Django's ASGI handler
    assert facts["4"] == ["WSGIMiddleware", 4, 60]  # threads that keep their connection
