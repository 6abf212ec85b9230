"""The on-demand refresh, run by the background queue (ressort.background): one démarche's
connectors can take minutes (one request per commune and source)."""

from __future__ import annotations

from django_tasks import task


@task()
def refresh_approach(approach_pk: int, names: list[str], user_pk: int | None = None) -> list[str]:
    from django.contrib.auth import get_user_model

    from ressort.approaches.models import Approach
    from ressort.opendata import refresh

    approach = Approach.objects.filter(pk=approach_pk).first()
    if approach is None:
        return []
    user = get_user_model().objects.filter(pk=user_pk).first() if user_pk else None
    records = refresh.refresh(approach, names or None, user=user)
    return [f"{r.connector}: {r.status}" for r in records]
