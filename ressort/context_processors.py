from django.conf import settings
from django.http import HttpRequest


def instance(request: HttpRequest) -> dict[str, str]:
    """Branding of this instance (name, operator, logo, accent colour)."""
    return {
        "instance_name": settings.RESSORT_INSTANCE_NAME,
        "instance_operator": settings.RESSORT_OPERATOR,
        "instance_logo_url": settings.RESSORT_LOGO_URL,
        "instance_accent": settings.RESSORT_ACCENT_COLOR,
        "tile_url": settings.RESSORT_TILE_URL,
        "accessibility_conformity": settings.RESSORT_ACCESSIBILITY_CONFORMITY,
        "source_url": settings.RESSORT_SOURCE_URL,
    }
