"""The authority's name and logo of a démarche (set in its settings; see ressort.branding)."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction

from ressort.approaches.models import Approach
from ressort.branding import Logo


def set_branding(approach: Approach, authority_name: str, logo: Logo | None) -> None:
    """The name (empty: the perimeter's) and, when given, a new logo; the old logo's file is
    removed once the change is committed (a failed save leaves both as they were)."""
    old = approach.authority_logo.name if logo is not None else ""
    storage = approach.authority_logo.storage
    with transaction.atomic():
        approach.authority_name = authority_name.strip()
        if logo is not None:
            approach.authority_logo.save("logo.png", ContentFile(logo.png), save=False)
        approach.save(update_fields=["authority_name", "authority_logo", "updated_at"])
        if old:
            transaction.on_commit(lambda: storage.delete(old))


def remove_logo(approach: Approach) -> None:
    old = approach.authority_logo.name
    if not old:
        return
    storage = approach.authority_logo.storage
    with transaction.atomic():
        approach.authority_logo = ""  # type: ignore[assignment]
        approach.save(update_fields=["authority_logo", "updated_at"])
        transaction.on_commit(lambda: storage.delete(old))
