"""`{% cited_passages obj %}`: the library's passages cited on an object of another app (a
vulnerability, an impact chain, an action, or a dimension code), as a small block; and
`{% plan_consistency action %}`: the action's standing against the plans in force."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("library/_cited_passages.html", takes_context=True)
def cited_passages(context: Any, obj: Any) -> dict[str, Any]:
    from ressort.library import services

    approach = context.get("approach")
    citations = services.citations_on(approach, obj) if approach is not None else []
    return {"citations": citations, "approach": approach}


@register.inclusion_tag("library/_plan_consistency.html", takes_context=True)
def plan_consistency(context: Any, action: Any) -> dict[str, Any]:
    from ressort.library import services

    approach = context.get("approach")
    rows = services.consistency_of(approach, action) if approach is not None else []
    return {
        "rows": [r for r in rows if r["check"] is not None],
        "unchecked": sum(1 for r in rows if r["check"] is None),
        "action": action,
        "approach": approach,
        "can": context.get("can", ()),
    }
