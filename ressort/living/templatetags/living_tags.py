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


@register.inclusion_tag("living/_voices.html", takes_context=True)
def living_voices(context: Any, resource: Any = None) -> dict[str, Any]:
    """The voices of the living beside a vote's result (no `resource`) or a conflict of use's
    arbitrations: the spokespeople's positions and mentions, never counted with humans'."""
    from ressort.living import documents, services

    approach = context["approach"]
    active = services.is_active(approach)
    statements = documents.voices(approach) if active else []
    if resource is not None:
        statements = [s for s in statements if s.resource_id == resource.pk]
    else:
        statements = [s for s in statements if s.action_id]
    return {
        "active": active,
        "statements": statements,
        "on_resource": resource is not None,
        "approach": approach,
    }
