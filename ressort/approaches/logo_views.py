"""The authority's logo: set and removed in the démarche's settings, served to its members."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ressort.approaches import logo
from ressort.approaches.access import Right
from ressort.approaches.forms import BrandingForm
from ressort.approaches.models import Approach
from ressort.approaches.views import perimeter_form
from ressort.web.scoped import READ, WRITE, demarche_view


def logo_response(approach: Approach) -> HttpResponse:
    """The stored logo (a PNG written by ressort.branding), or 404."""
    if not approach.authority_logo:
        raise Http404("Cette démarche n'a pas de logo.")
    try:  # a few hundred kilobytes at most: read at once, no file left open
        with approach.authority_logo.open("rb") as handle:
            data = handle.read()
    except (FileNotFoundError, OSError) as exc:
        raise Http404("Logo introuvable.") from exc
    response = HttpResponse(data, content_type="image/png")
    response["Cache-Control"] = "private, max-age=86400"  # its URL changes with the logo
    response["X-Content-Type-Options"] = "nosniff"
    return response


@demarche_view(Right.VIEW, READ)
def authority_logo(request: HttpRequest, approach: Approach) -> HttpResponse:
    return logo_response(approach)


@demarche_view(Right.EDIT_FRAMING, WRITE)
def logo_save(request: HttpRequest, approach: Approach) -> HttpResponse:
    form = BrandingForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Le nom et le logo de la collectivité n'ont pas été enregistrés.")
        context = {"form": perimeter_form(approach), "branding_form": form}
        return render(request, "approaches/settings.html", context, status=400)
    logo.set_branding(approach, form.cleaned_data["authority_name"], form.cleaned_data["logo"])
    messages.success(request, "Le nom et le logo de la collectivité sont enregistrés.")
    return redirect("approaches:settings", approach.slug)


@demarche_view(Right.EDIT_FRAMING, WRITE)
def logo_remove(request: HttpRequest, approach: Approach) -> HttpResponse:
    logo.remove_logo(approach)
    messages.success(request, "Le logo de la collectivité est retiré.")
    return redirect("approaches:settings", approach.slug)
