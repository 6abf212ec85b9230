"""French dates as typography wants them: « 1er mars 2027 », « 2 mars 2027 »."""

from datetime import date

from django import template
from django.utils.dateformat import format as date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def date_fr(value: date | None) -> SafeString | str:
    if not value:
        return ""
    rest = date_format(value, "F Y")
    if value.day == 1:
        return format_html("1<sup>er</sup>\u00a0{}", rest)
    return f"{value.day}\u00a0{rest}"
