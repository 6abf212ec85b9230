"""Template helpers of fieldwork."""

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict[str, Any] | None, key: str) -> Any:
    """`labels|get_item:code` — the value, or the key itself when absent."""
    if not mapping:
        return key
    return mapping.get(key, key)
