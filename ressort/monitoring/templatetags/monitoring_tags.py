"""Template filters of monitoring."""

from typing import Any

from django import template

register = template.Library()


@register.filter
def num(value: Any, digits: int = 2) -> str:
    """A number the French way with at most `digits` decimals, trailing zeros dropped."""
    if value is None or value == "":
        return "—"
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    text = f"{number:,.{int(digits)}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "\u202f").replace(".", ",")
