"""Links to démarche pages, written once: every démarche URL starts with the démarche's slug.

    demarche_url(request, "portrait:indicator", indicator.pk)   # in a view
    demarche_url(approach, "strategy:overview", fragment="axes")

The generic views (`ressort.web.generic`) take where to go after as a function of the
request and the object; `link_to` declares it in one line:

    done=link_to("behaviour:detail", "pk")             # the object's own page
    done=link_to("behaviour:detail", "behaviour_id")   # its parent's page
    done=link_to("behaviour:list")                     # a page of the démarche
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse


def demarche_url(where: Any, name: str, *args: Any, fragment: str = "") -> str:
    """The URL of the page `name` of a démarche, with its further arguments.

    `where` is the démarche, the request of a démarche page (`demarche_view` sets
    `request.approach`), or any object of the démarche (it has an `approach`).
    """
    approach = getattr(where, "approach", where)
    url = reverse(name, args=[approach.slug, *args])
    return f"{url}#{fragment}" if fragment else url


def link_to(name: str, *attrs: str, fragment: str = "") -> Callable[..., str]:
    """A `done`/`back`/`cancel` for the generic views: the page `name`, with the ids read
    from the object's attributes `attrs` (none for a page of the whole démarche)."""

    def url(request: Any, obj: Any = None) -> str:
        return demarche_url(request, name, *(getattr(obj, a) for a in attrs), fragment=fragment)

    return url
