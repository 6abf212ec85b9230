"""Template filters of monitoring."""

from typing import Any

from django import template

from ressort.documents.typography import number

register = template.Library()


@register.filter
def num(value: Any, digits: int = 2) -> str:
    """A number the French way with at most `digits` decimals, trailing zeros dropped."""
    return number(value, int(digits))
