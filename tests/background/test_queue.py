"""The production path of background work: the database queue (django-tasks-db) and the
worker loop run in-process; the sweep of interrupted tasks; periodic tasks sent once."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test.utils import override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from ressort.approaches.models import Approach
from ressort.background import periodic, queue, sweep, worker
from ressort.background.models import ScheduledRun, WorkerHeartbeat
from ressort.documents import jobs
from ressort.documents.models import DocumentJob
from ressort.monitoring.models import DigestDelivery
from tests.monitoring.factories import sheet

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
CALLS: list[int] = []


def flaky(job: DocumentJob, progress: jobs.Progress) -> bytes:
    CALLS.append(job.pk)
    if len(CALLS) == 1:
        raise OSError("réseau coupé")
    return b"%PDF-2"


def endless(job: DocumentJob, progress: jobs.Progress) -> bytes:
    raise AssertionError("never run: the test plays a worker that died")


@task()
def interrupt_me() -> str:
    """Ctrl-C arrives while this task runs: the worker finishes it, then stops."""
    os.kill(os.getpid(), signal.SIGINT)
    return "fini"


@pytest.fixture
def database_queue() -> Iterator[None]:
    CALLS.clear()
    with override_settings(TASKS=DATABASE_QUEUE):
        yield


def _start(approach: Approach, build: jobs.Builder, target: int | None = None) -> DocumentJob:
    return jobs.start_job(
        approach, "essai", "pdf", build, mime="application/pdf", filename="e.pdf", target=target
    )


@pytest.mark.django_db(transaction=True)
def test_retry_waits_its_backoff_on_the_database_queue(
    approach: Approach, database_queue: None
) -> None:
    job = _start(approach, flaky)
    assert job.state == DocumentJob.State.PENDING and CALLS == []  # nothing built in the request
    assert worker.run(once=True) == 1
    job.refresh_from_db()
    assert job.state == DocumentJob.State.PENDING
    assert job.step == f"Nouvel essai (2 sur {queue.MAX_ATTEMPTS}) après une erreur"
    retry = DBTaskResult.objects.get(pk=job.task_id)
    assert retry.args_kwargs["kwargs"] == {"attempt": 2}
    assert retry.run_after > timezone.now() + timedelta(seconds=queue.BACKOFF_SECONDS - 5)
    assert worker.run(once=True) == 0  # not before its time
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    assert worker.run(once=True) == 1
    job.refresh_from_db()
    assert job.state == DocumentJob.State.DONE and bytes(job.content or b"") == b"%PDF-2"
    assert not WorkerHeartbeat.objects.exists()  # a stopped worker leaves no heartbeat


@pytest.mark.django_db(transaction=True)
def test_sweep_requeues_then_fails_the_task_of_a_dead_worker(
    approach: Approach, database_queue: None
) -> None:
    job = _start(approach, endless)
    alive = _start(approach, endless, target=2)  # one active job per kind and target
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="vivant", last_seen=now)
    WorkerHeartbeat.objects.create(worker_id="mort", last_seen=now - timedelta(minutes=5))
    for document, owner in ((job, "mort"), (alive, "vivant")):
        DBTaskResult.objects.get(pk=document.task_id).claim(owner)
        DocumentJob.objects.filter(pk=document.pk).update(state=DocumentJob.State.RUNNING)

    out = StringIO()
    call_command("taches", "balayage", stdout=out)
    assert out.getvalue().strip() == (
        '{"taches_relancees": 1, "taches_abandonnees": 0, "documents_en_echec": 0}'
    )
    old = job.task_id
    job.refresh_from_db()
    assert DBTaskResult.objects.get(pk=old).status == TaskResultStatus.FAILED
    assert job.state == DocumentJob.State.PENDING and job.task_id != old
    assert job.step == "Reprise après l'arrêt du processus de fond"
    assert DBTaskResult.objects.get(pk=job.task_id).args_kwargs["kwargs"] == {"attempt": 2}
    assert DBTaskResult.objects.get(pk=alive.task_id).status == TaskResultStatus.RUNNING

    # The last attempt dies too: the job is failed, in French.
    last = DBTaskResult.objects.get(pk=job.task_id)
    last.args_kwargs = {"args": last.args_kwargs["args"], "kwargs": {"attempt": 3}}
    last.save()
    last.claim("mort")
    report = sweep.sweep()
    assert report.as_dict() == {
        "taches_relancees": 0,
        "taches_abandonnees": 1,
        "documents_en_echec": 1,
    }
    job.refresh_from_db()
    assert job.state == DocumentJob.State.FAILED and job.error == jobs.INTERRUPTED
    alive.refresh_from_db()
    assert alive.state == DocumentJob.State.RUNNING


@pytest.mark.django_db(transaction=True)
def test_a_job_from_before_the_queue_is_failed_not_left_running(approach: Approach) -> None:
    stuck = DocumentJob.objects.create(
        approach=approach, kind="portrait", format="pdf", state=DocumentJob.State.RUNNING
    )
    assert sweep.sweep().documents_failed == 1
    stuck.refresh_from_db()
    assert stuck.state == DocumentJob.State.FAILED and "interrompue" in stuck.error


@pytest.mark.django_db(transaction=True)
def test_sweep_never_reruns_a_task_not_written_for_it(database_queue: None) -> None:
    result = interrupt_me.enqueue()  # takes no `attempt`: running it twice is not safe
    DBTaskResult.objects.get(pk=result.id).claim("mort")
    report = sweep.sweep()
    assert report.abandoned == [str(result.id)] and report.requeued == []
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.FAILED
    assert not DBTaskResult.objects.ready().exists()


@pytest.mark.django_db(transaction=True)
def test_ctrl_c_stops_the_worker_after_the_task_under_way(database_queue: None) -> None:
    result = interrupt_me.enqueue()
    before = signal.getsignal(signal.SIGINT)
    assert worker.run(interval=0.01) == 1  # returned: stopped by the signal
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.SUCCESSFUL
    assert signal.getsignal(signal.SIGINT) is before or signal.getsignal(signal.SIGINT) in (
        signal.SIG_DFL,
        signal.default_int_handler,
    )


def test_schedules_read_in_french() -> None:
    monday = periodic.parse_schedule("lundi 07:00")
    assert monday == periodic.Schedule(0, datetime.strptime("07:00", "%H:%M").time())
    assert periodic.parse_schedule("tous-les-jours 6h30") is not None
    assert periodic.parse_schedule("non") is None
    with pytest.raises(ValueError, match="Horaire illisible « lunedi 07:00 »"):
        periodic.parse_schedule("lunedi 07:00")
    with pytest.raises(ValueError, match="Heure impossible"):
        periodic.parse_schedule("lundi 25:00")
    # Wednesday 2 December 2026, 10:00 in Paris: the latest Monday-07:00 slot is 30 November.
    wednesday = timezone.make_aware(datetime(2026, 12, 2, 10, 0))
    assert monday is not None
    assert timezone.localtime(monday.latest_slot(wednesday)) == timezone.make_aware(
        datetime(2026, 11, 30, 7, 0)
    )


def _late_plan(approach: Approach) -> None:
    sheet(approach, "Écoles", status="engagee", end_date=date(2026, 6, 30), pilot_email="a@x.fr")
    sheet(approach, "Haies", status="engagee", end_date=date(2026, 3, 1), pilot_email="b@x.fr")


@pytest.mark.django_db(transaction=True)
def test_digest_sent_once_per_slot_whatever_the_workers(
    approach: Approach, mailoutbox: list[Any], database_queue: None
) -> None:
    _late_plan(approach)
    monday = timezone.make_aware(datetime(2026, 11, 30, 7, 5))
    # Two workers tick at the same moment: one row, one queued task.
    with override_settings(RESSORT_DIGEST_SCHEDULE="lundi 07:00", RESSORT_WATCH_SCHEDULE="non"):
        first, second = periodic.tick(monday), periodic.tick(monday)
    assert [run.name for run in first] == ["recapitulatif"] and second == []
    assert worker.run(once=True, worker_id="un") == 1
    assert worker.run(once=True, worker_id="deux") == 0
    assert sorted(m.to[0] for m in mailoutbox) == ["a@x.fr", "b@x.fr"]
    sent = DigestDelivery.objects.order_by("recipient")
    assert [(d.recipient, d.day, d.actions) for d in sent] == [
        ("a@x.fr", date(2026, 11, 30), 1),
        ("b@x.fr", date(2026, 11, 30), 1),
    ]
    run = ScheduledRun.objects.get()
    assert DBTaskResult.objects.get(pk=run.task_id).status == TaskResultStatus.SUCCESSFUL
    # Too late to catch up (a worker started on Wednesday): nothing is sent.
    with override_settings(RESSORT_DIGEST_SCHEDULE="lundi 07:00", RESSORT_WATCH_SCHEDULE="non"):
        assert periodic.tick(monday + periodic.CATCH_UP + timedelta(hours=1)) == []
        assert periodic.tick(monday + timedelta(days=7)) != []  # the next Monday is sent


@pytest.mark.django_db
def test_digest_rerun_sends_only_what_is_missing(approach: Approach, mailoutbox: list[Any]) -> None:
    from ressort.monitoring import digest

    _late_plan(approach)
    day = date(2026, 11, 30)
    DigestDelivery.objects.create(
        approach=approach, day=day, recipient="a@x.fr", subject="déjà", actions=1
    )
    records = digest.send_once([approach], day)
    assert [r.recipient for r in records] == ["b@x.fr"] and len(mailoutbox) == 1
    assert digest.send_once([approach], day) == [] and len(mailoutbox) == 1


@pytest.mark.django_db
def test_the_page_says_when_no_worker_runs(approach: Approach) -> None:
    DocumentJob.objects.create(approach=approach, kind="essai", format="pdf")
    context = jobs.jobs_context(approach, "essai")
    assert context["polling"] and context["no_worker"]
    WorkerHeartbeat.objects.create(worker_id="vivant", last_seen=timezone.now())
    assert not jobs.jobs_context(approach, "essai")["no_worker"]
