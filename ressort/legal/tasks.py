"""The purge of personal data past their retention, run by the background worker."""

from __future__ import annotations

from django_tasks import task

from ressort.legal.personal_data import purge


@task()
def purge_personal_data(slot: str, attempt: int = 1) -> list[str]:
    """Erase what is past its retention in every démarche (see personal_data.purge)."""
    return [
        f"{line.approach.slug}: {line.testimonies} témoignage(s), {line.photos} photo(s), "
        f"{line.participants} participation(s)"
        for line in purge(apply=True)
        if line.anything
    ]
