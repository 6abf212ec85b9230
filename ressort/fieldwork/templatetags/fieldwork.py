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


@register.simple_tag
def field_scope(approach: object) -> str:
    """The démarche's field pages' common path (`/demarches/<slug>/terrain/`): the scope of the
    offline service worker and the prefix of its outbox's endpoints."""
    from ressort.fieldwork.views.offline import field_scope as scope

    return scope(approach)  # type: ignore[arg-type]
