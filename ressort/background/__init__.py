"""Background work on a real queue: django-tasks with its database backend.

Why this library: `django-tasks` is the backport of the tasks framework that Django 6 ships
(`django.tasks`), so the code written against it moves to Django itself unchanged; its
database backend (`django-tasks-db`) keeps the queue in the application's own database, which
works on the embedded SQLite of `make run` as on PostgreSQL in production: no broker to run.
(Procrastinate needs PostgreSQL; Celery or RQ need a broker.)

What this app adds around it, for an operator:
- `worker.py` — the worker loop (`ressort taches travailleur`): it runs the queued tasks,
  beats a heartbeat, enqueues the periodic tasks that are due, and sweeps interrupted ones;
- `queue.py` — enqueue with a delay, and retries with backoff (`MAX_ATTEMPTS`);
- `periodic.py` — the schedule (digest of late actions, open-data refreshes), each slot
  enqueued once whatever the number of workers (a unique row per task and slot);
- `sweep.py` — a task left running by a worker that died is re-queued, or failed in French.
"""
