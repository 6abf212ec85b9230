"""Tasks that belong to no single app: the open-data refresh hook."""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string
from django_tasks import task

from ressort.background import queue


@task()
def refresh_open_data(slot: str, attempt: int = 1) -> list[str]:
    """Run each function named in RESSORT_OPEN_DATA_REFRESHERS (dotted paths; none yet: the
    official figures and territories are refreshed by commands today). After an error the
    whole refresh is queued again later (the refreshers are idempotent), then the error is
    raised so that the failed attempt is recorded with its traceback."""
    done = []
    try:
        for path in settings.RESSORT_OPEN_DATA_REFRESHERS:
            import_string(path)()
            done.append(path)
    except Exception:
        queue.retry(refresh_open_data, slot=slot, attempt=attempt)
        raise
    return done
