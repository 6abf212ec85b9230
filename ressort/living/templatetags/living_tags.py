"""The portrait's « Le vivant du territoire » section, drawn by this app (brique « vivant »)."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("living/_portrait_section.html", takes_context=True)
def living_portrait(context: Any) -> dict[str, Any]:
    from ressort.living import services

    approach = context["approach"]
    return {
        **services.portrait_section(approach),
        "approach": approach,
        "can": context.get("can", ()),
    }
