"""Template filters of French typography: `{{ text|typo }}`, `{{ value|nombre:1 }}`."""

from typing import Any

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

from ressort.documents.typography import french, french_html, number

register = template.Library()


@register.filter(is_safe=True)
def typo(value: Any) -> str:
    """French typography on a text; on already-safe HTML, on its text nodes only."""
    if value is None:
        return ""
    if isinstance(value, SafeData):
        return mark_safe(french_html(str(value)))
    return mark_safe(conditional_escape(french(str(value))))


@register.filter
def nombre(value: Any, decimals: int = 2) -> str:
    """A value the French way, rounded half up (the documents' rule)."""
    return number(value, int(decimals))
