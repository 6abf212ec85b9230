"""Template filters of French typography, built into every template (settings.TEMPLATES):
`{{ text|typo }}`, and the one formatter of values (ressort/analysis/typography.py):
`{{ value|nombre:1 }}`, `{{ share|percent }}`, `{{ amount|euros }}`, `{{ day|day_fr }}`,
`{{ count|pluriel }}` (Django's `pluralize` with the French rule: 0 and 1 singular).
Numbers written into a style or an SVG attribute take `|coordonnee`, with a dot."""

from datetime import date
from typing import Any

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

from ressort.analysis import typography

register = template.Library()


@register.filter(is_safe=True)
def typo(value: Any) -> str:
    """French typography on a text; on already-safe HTML, on its text nodes only."""
    if value is None:
        return ""
    if isinstance(value, SafeData):
        return mark_safe(typography.french_html(str(value)))
    return mark_safe(conditional_escape(typography.french(str(value))))


@register.filter
def nombre(value: Any, decimals: int = 2) -> str:
    """A value the French way, rounded half up (the documents' rule): « 1 234,5 »."""
    return typography.number(value, int(decimals))


@register.filter
def percent(value: Any, decimals: int = 0) -> str:
    """A fraction of one as a share: 0.42 → « 42 % »."""
    return typography.percent(value, int(decimals), ratio=True)


@register.filter
def pourcentage(value: Any, decimals: int = 0) -> str:
    """A value already in percent: 42 → « 42 % »."""
    return typography.percent(value, int(decimals))


@register.filter
def euros(value: Any, decimals: int = 0) -> str:
    """An amount: « 480 000 € »."""
    return typography.euros(value, int(decimals))


@register.filter(expects_localtime=True)
def day_fr(value: date | None, form: str = "") -> str:
    """A full date: « 1er décembre 2026 »; `day_fr:"long"`: « mardi 1er décembre 2026 »."""
    if not isinstance(value, date):
        return ""
    return typography.day(value, weekday=form == "long")


@register.filter
def coordonnee(value: Any, decimals: int = 1) -> str:
    """A number for a style or SVG attribute, never for reading: always a dot."""
    return typography.coordinate(float(value), int(decimals))


@register.filter
def pluriel(value: Any, suffixes: str = "s") -> str:
    """Django's `pluralize` with the French rule, 0 and 1 singular: « idée{{ n|pluriel }} »,
    « {{ n|pluriel:"x" }} », « journ{{ n|pluriel:"al,aux" }} », « {{ n|pluriel:"a,ont" }} ».
    A list or any sized value counts its items; a value that is no number gives ""."""
    if "," in suffixes:
        singular, _, plural_suffix = suffixes.partition(",")
        if "," in plural_suffix:
            return ""
    else:
        singular, plural_suffix = "", suffixes
    try:
        count = float(value)
    except (TypeError, ValueError):
        try:
            count = len(value)
        except TypeError:
            return ""
    return typography.agree(count, singular, plural_suffix)
