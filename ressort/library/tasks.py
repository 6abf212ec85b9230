"""Background tasks of the watch: every active feed on the schedule RESSORT_WATCH_SCHEDULE
(ressort.background.periodic), one feed at a member's request."""

from __future__ import annotations

from django_tasks import task


@task()
def refresh_feeds(slot: str, attempt: int = 1) -> dict[str, int]:
    """Fetch every active feed (each failure is recorded on its feed, in French)."""
    from ressort.library import feeds

    return {str(k): v for k, v in feeds.refresh_all().items()}


@task()
def refresh_feed(feed_id: int) -> int:
    from ressort.library import feeds
    from ressort.library.models import Feed

    feed = Feed.objects.filter(pk=feed_id).first()
    return feeds.refresh(feed) if feed is not None else 0
