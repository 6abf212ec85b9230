"""Adopted versions of the deliverables: the list (every member), adopting (the leads of
the démarche), downloading the frozen document and its deliberation. Another démarche's
version is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ressort.approaches.models import Approach
from ressort.documents import adoption
from ressort.documents.forms import AdoptionForm
from ressort.documents.models import AdoptedVersion
from ressort.web import Right, demarche_view, get_scoped
from ressort.web.files import download
from ressort.web.scoped import READ, WRITE


def _page(
    request: HttpRequest, approach: Approach, form: AdoptionForm, status: int = 200
) -> HttpResponse:
    versions = (
        AdoptedVersion.objects.filter(approach=approach)
        .defer("content", "deliberation_content")
        .order_by("kind", "target", "-number")
    )
    return render(
        request,
        "documents/adoptions.html",
        {"versions": versions, "form": form},
        status=status,
    )


@demarche_view(Right.VIEW, READ)
def adoption_list(request: HttpRequest, approach: Approach) -> HttpResponse:
    return _page(request, approach, AdoptionForm(approach=approach))


@demarche_view(Right.EDIT_FRAMING, WRITE)
def adoption_add(request: HttpRequest, approach: Approach) -> HttpResponse:
    form = AdoptionForm(request.POST, request.FILES, approach=approach)
    if not form.is_valid():
        return _page(request, approach, form, status=400)
    data = form.cleaned_data
    version = adoption.adopt(
        approach,
        data["deliverable"],
        deliberation_date=data["deliberation_date"],
        deliberation_number=data["deliberation_number"],
        assembly=data["assembly"],
        deliberation=data["deliberation"],
        user=request.user,
    )
    messages.success(
        request,
        f"« {version.title} » est figé en version {version.number} adoptée. Les modifications "
        "suivantes feront de nouvelles versions projet.",
    )
    return redirect("documents:adoption_list", approach.slug)


@demarche_view(Right.VIEW, READ, objects={"pk": AdoptedVersion})
def adoption_download(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    version = get_scoped(AdoptedVersion, approach, pk=pk)
    return download(bytes(version.content), version.filename, version.mime)


@demarche_view(Right.VIEW, READ, objects={"pk": AdoptedVersion})
def adoption_deliberation(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    version = get_scoped(AdoptedVersion, approach, pk=pk)
    if not version.deliberation_content:
        raise Http404("Aucune délibération jointe à cette version.")
    deliberation = bytes(version.deliberation_content)
    return download(deliberation, version.deliberation_filename, "application/pdf")
