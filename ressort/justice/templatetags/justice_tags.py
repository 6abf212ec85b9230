"""Template tags of the justice brique (shares and dates: the built-in `percent` and
`day_fr` of ressort/documents/templatetags/typography.py)."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("justice/_portrait_section.html", takes_context=True)
def justice_portrait(context: Any) -> dict[str, Any]:
    """The portrait's « Qui vit ici » section (brique « transition-juste »)."""
    from ressort.justice import services

    approach = context["approach"]
    return {
        "active": services.MODULE in (approach.modules or []),
        "groups": services.groups_of(approach),
        "approach": approach,
    }
