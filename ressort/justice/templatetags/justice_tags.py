"""Shares and full dates as written in French (« 42 % », « 1er décembre 2026 »)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template
from django.utils.dateformat import format as date_format

from ressort.documents.typography import number

register = template.Library()


@register.filter
def percent(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{number(value * 100, 0)}\u00a0%"


@register.filter
def day_fr(value: date | None) -> str:
    if not value:
        return ""
    rest = date_format(value, "F Y")
    return f"{'1er' if value.day == 1 else value.day}\u00a0{rest}"


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
