from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from ressort import branding
from ressort.basemaps import as_json


def instance(request: HttpRequest) -> dict[str, object]:
    """Branding of this instance (name, operator, logo, accent colour)."""
    return {
        "instance_name": settings.RESSORT_INSTANCE_NAME,
        "instance_operator": settings.RESSORT_OPERATOR,
        "instance_logo_url": _logo_url(),
        "instance_accent": branding.accent(),  # `#rrggbb` only: it goes into CSS
        "tile_url": settings.RESSORT_BASEMAPS[0].url if settings.RESSORT_BASEMAPS else "",
        "basemaps": as_json(settings.RESSORT_BASEMAPS),
        "basemap_attribution": " ; ".join(
            dict.fromkeys(b.attribution for b in settings.RESSORT_BASEMAPS)
        ),
        "accessibility_conformity": settings.RESSORT_ACCESSIBILITY_CONFORMITY,
        "source_url": settings.RESSORT_SOURCE_URL,
        "proconnect_enabled": bool(settings.OIDC_RP_CLIENT_ID),
    }


def _logo_url() -> str:
    if settings.RESSORT_LOGO_URL:
        return str(settings.RESSORT_LOGO_URL)
    return reverse("operator_logo") if branding.operator_logo() is not None else ""
