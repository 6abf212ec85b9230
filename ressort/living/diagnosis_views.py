"""The living in the diagnosis: milieux, species, protected areas, national open data."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ressort.approaches.models import Approach
from ressort.living import openobs, services
from ressort.living.forms import MilieuForm, OpenDataUploadForm, SpeciesForm
from ressort.living.models import Milieu, Species
from ressort.web import Right, demarche_url, demarche_view, link_to
from ressort.web.generic import Noun, object_pages
from ressort.web.scoped import FORM, WRITE

_overview = link_to("living:overview")


@demarche_view(Right.VIEW)
def overview(request: HttpRequest, approach: Approach) -> HttpResponse:
    return render(
        request,
        "living/overview.html",
        {
            "milieux": services.milieux_of(approach),
            "species": services.species_of(approach),
            "areas": services.areas_of(approach),
        },
    )


milieu_edit, milieu_delete = object_pages(
    Milieu,
    MilieuForm,
    noun=Noun("le milieu"),
    done=_overview,
    delete="living:milieu_delete",
    template="living/milieu_form.html",
    consequence="les effets des actions sur ce milieu partent avec lui",
)
species_edit, species_delete = object_pages(
    Species,
    SpeciesForm,
    noun=Noun("l'espèce", feminine=True),
    done=_overview,
    delete="living:species_delete",
)


def _opendata_page(
    request: HttpRequest, approach: Approach, form: OpenDataUploadForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "living/opendata.html",
        {
            "form": form,
            "communes": approach.communes.order_by("name"),
            "species_url": openobs.SPECIES_URL,
            "source": openobs.SOURCE,
        },
        status=status,
    )


@demarche_view(Right.VIEW)
def opendata(request: HttpRequest, approach: Approach) -> HttpResponse:
    return _opendata_page(request, approach, OpenDataUploadForm())


@demarche_view(Right.CONTRIBUTE, WRITE)
def opendata_fetch(request: HttpRequest, approach: Approach) -> HttpResponse:
    """Ask the national services, commune by commune (needs the server to be online)."""
    try:
        report = openobs.fetch_perimeter(approach)
    except openobs.OpenDataError as error:
        messages.error(request, f"Rien n'a été enregistré. {error}")
        return redirect(demarche_url(approach, "living:opendata"))
    messages.success(request, report.message())
    return redirect(_overview(request))


@demarche_view(Right.CONTRIBUTE, FORM)
def opendata_upload(request: HttpRequest, approach: Approach) -> HttpResponse:
    """Load answers saved from the services (when the server is offline, or to check)."""
    form = OpenDataUploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST":
        return _opendata_page(request, approach, form)
    if not form.is_valid():
        return _opendata_page(request, approach, form, status=400)
    species = form.cleaned_data.get("species")
    areas = form.cleaned_data.get("areas")
    try:
        report = openobs.load(
            approach,
            [species.read()] if species else [],
            [areas.read()] if areas else [],
        )
    except openobs.OpenDataError as error:
        form.add_error(None, f"Rien n'a été enregistré. {error}")
        return _opendata_page(request, approach, form, status=400)
    messages.success(request, report.message())
    return redirect(_overview(request))
