"""The digest of late actions as a periodic task (ressort.background.periodic)."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django_tasks import task

from ressort.approaches.models import Approach
from ressort.background import queue
from ressort.monitoring import digest


@task()
def send_digest(slot: str, attempt: int = 1) -> int:
    """Send the digests of the slot's day to every démarche's pilots; returns how many were
    sent now. An error queues the task again later: what was sent is not sent twice."""
    day = timezone.localdate(datetime.fromisoformat(slot))
    try:
        return len(digest.send_once(Approach.objects.order_by("name"), day))
    except Exception:
        queue.retry(send_digest, slot=slot, attempt=attempt)
        raise
