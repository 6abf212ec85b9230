"""Numbers as written in French documents: 48 834 ; 7,5 ; 0,12."""

from django import template

from ressort.documents.typography import number

register = template.Library()


def french_number(value: float | int | None, decimals: int = 2) -> str:
    """The documents' one rounding rule (ressort.documents.typography.number)."""
    return number(value, decimals)


@register.filter
def num(value: float | int | None, decimals: int = 2) -> str:
    return french_number(value, int(decimals))
