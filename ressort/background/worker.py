"""The worker loop of `ressort taches travailleur`.

django-tasks-db's own Worker runs the queued tasks (claimed in a transaction, so two
workers never run the same task); around it this loop, between batches, beats the
heartbeat, enqueues the periodic tasks that are due (periodic.tick) and sweeps interrupted
tasks (sweep.sweep). Ctrl-C or SIGTERM stop it after the task under way (a second Ctrl-C
stops at once; the sweep then re-queues that task).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time

from django.db import close_old_connections, connections
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS
from django_tasks_db.management.commands.db_worker import Worker

from ressort.background import periodic
from ressort.background.models import WorkerHeartbeat
from ressort.background.sweep import HEARTBEAT, sweep
from ressort.documents import parts

logger = logging.getLogger(__name__)

SWEEP_EVERY = 30  # seconds


class Heartbeat(threading.Thread):
    """Marks the worker alive every HEARTBEAT seconds, with its own database connection."""

    def __init__(self, worker_id: str) -> None:
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.stopped = threading.Event()

    def beat(self) -> None:
        WorkerHeartbeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={
                "last_seen": timezone.now(),
                "hostname": socket.gethostname()[:200],
                "pid": os.getpid(),
            },
        )

    def run(self) -> None:
        try:
            while not self.stopped.wait(HEARTBEAT):
                try:
                    self.beat()
                except Exception:  # a locked database: try again at the next beat
                    logger.warning("Battement de cœur du processus de fond manqué", exc_info=True)
                finally:
                    close_old_connections()
        finally:
            connections.close_all()


def run(*, interval: float = 1.0, once: bool = False, worker_id: str | None = None) -> int:
    """Run tasks until stopped (or, with `once`, until none is ready); returns how many ran."""
    worker_id = worker_id or f"{socket.gethostname()[:20]}-{get_random_string(12)}"
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name=DEFAULT_TASK_BACKEND_ALIAS,
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    heartbeat = Heartbeat(worker_id)
    heartbeat.beat()
    if not once:
        # The long documents' layout processes, started now rather than during the first
        # export that needs them (about 2 s: ressort.documents.parts).
        parts.start_layout_processes()
        worker.configure_signals()
        heartbeat.start()
    logging.getLogger("django_tasks_db").setLevel(logging.WARNING)
    logger.info("Processus de fond %s démarré", worker_id)
    last_sweep = 0.0
    try:
        while worker.running:
            if time.monotonic() - last_sweep >= SWEEP_EVERY or once:
                report = sweep()
                if report.requeued or report.abandoned or report.documents_failed:
                    logger.warning("Balayage : %s", report.as_dict())
                last_sweep = time.monotonic()
            periodic.tick()
            worker.run()  # every ready task, then back here
            close_old_connections()
            if once:
                break
            time.sleep(interval)
    finally:
        heartbeat.stopped.set()
        WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()
        if not once:
            worker.reset_signals()
            parts.stop_layout_processes()
    return worker._run_tasks
