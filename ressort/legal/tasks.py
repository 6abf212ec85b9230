"""The purge of personal data past their retention, run by the background worker."""

from __future__ import annotations

from django_tasks import task

from ressort.analysis.typography import plural
from ressort.legal.personal_data import purge


@task()
def purge_personal_data(slot: str, attempt: int = 1) -> list[str]:
    """Erase what is past its retention in every démarche (see personal_data.purge)."""
    return [
        f"{line.approach.slug}\u00a0: {plural(line.testimonies, 'témoignage')}, "
        f"{plural(line.photos, 'photo')}, {plural(line.participants, 'participation')}"
        for line in purge(apply=True)
        if line.anything
    ]
