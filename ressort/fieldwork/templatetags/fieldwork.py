"""Template helpers of fieldwork."""

from django import template

from ressort.fieldwork import services

register = template.Library()


@register.simple_tag(takes_context=True)
def dimension_label(context: template.Context, code: str) -> str:
    """`{% dimension_label code %}` — the dimension's label (read once per request), or its code."""
    request = context.get("request")
    labels: dict[str, str] | None = getattr(request, "_dimension_labels", None)
    if labels is None:
        labels = services.dimension_labels()
        if request is not None:
            request._dimension_labels = labels
    return labels.get(code, code)
