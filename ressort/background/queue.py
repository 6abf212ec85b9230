"""Enqueue a task, later if asked, and retry a failed one with backoff.

Every task of Ressort takes an `attempt` keyword (1 for the first run): a retry is a new
queued task with `attempt + 1`, so a retry survives a restart like any queued task, and the
sweep (sweep.py) re-queues an interrupted task the same way (a task without that keyword is
not run twice: it is left failed).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone
from django_tasks import TaskResult
from django_tasks.base import Task

MAX_ATTEMPTS = 3
BACKOFF_SECONDS = 30  # before the 2nd attempt; ×4 before each next one


def backoff(attempt: int) -> int:
    """Seconds to wait before running attempt number `attempt` (2, 3, …)."""
    return BACKOFF_SECONDS * 4 ** max(attempt - 2, 0)


def enqueue(task: Task[Any, Any], *args: Any, delay: float = 0, **kwargs: Any) -> TaskResult[Any]:
    """Queue `task`; with a delay when the backend can defer (the database backend can; the
    immediate backend of the tests runs it now)."""
    if delay and task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + timedelta(seconds=delay))
    return task.enqueue(*args, **kwargs)


def retry(task: Task[Any, Any], *args: Any, attempt: int, **kwargs: Any) -> TaskResult[Any] | None:
    """Queue attempt `attempt + 1` after a backoff; None when the attempts are used up."""
    if attempt >= MAX_ATTEMPTS:
        return None
    return enqueue(task, *args, delay=backoff(attempt + 1), attempt=attempt + 1, **kwargs)
