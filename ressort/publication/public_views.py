"""The public page for inhabitants: no account, only what the team published.

A démarche whose page is not published, a part not chosen, a document of another démarche
or of a part not chosen: all are the same 404, as if they did not exist.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ressort.publication import content
from ressort.publication.models import Part, PublicPage


def _published(address: str) -> PublicPage:
    page = (
        PublicPage.objects.select_related("approach", "approach__territory")
        .filter(approach__slug=address, published=True)
        .first()
    )
    if page is None:
        raise Http404("Cette page n'existe pas ou n'est plus publiée.")
    return page


@require_GET
def page(request: HttpRequest, address: str) -> HttpResponse:
    public = _published(address)
    return render(
        request,
        "publication/public.html",
        {
            "public": public,
            "demarche": public.approach,
            "sections": content.sections(public),
            "Part": Part,
        },
    )


@require_GET
def document(request: HttpRequest, address: str, pk: int) -> HttpResponse:
    from ressort.documents.models import AdoptedVersion

    public = _published(address)
    if Part.DOCUMENTS not in content.shown_parts(public):
        raise Http404("Cette page n'existe pas ou n'est plus publiée.")
    version = AdoptedVersion.objects.filter(approach=public.approach, pk=pk).first()
    if version is None:
        raise Http404("Ce document n'existe pas.")
    response = HttpResponse(bytes(version.content), content_type=version.mime)
    response["Content-Disposition"] = f'attachment; filename="{version.filename}"'
    return response


@require_GET
def logo(request: HttpRequest, address: str) -> HttpResponse:
    """The authority's logo, shown on its published page (404 while it is not published)."""
    from ressort.approaches.logo_views import logo_response

    response = logo_response(_published(address).approach)
    response["Cache-Control"] = "public, max-age=86400"  # its URL changes with the logo
    return response
