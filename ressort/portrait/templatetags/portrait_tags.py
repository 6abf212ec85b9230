"""Numbers as written in French documents: 48 834 ; 7,5 ; 0,12."""

from django import template

register = template.Library()


def french_number(value: float | int | None, decimals: int = 2) -> str:
    if value is None:
        return "—"
    text = f"{value:,.{decimals}f}" if decimals else f"{value:,.0f}"
    if decimals and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "\u202f").replace(".", ",")


@register.filter
def num(value: float | int | None, decimals: int = 2) -> str:
    return french_number(value, int(decimals))
