"""Pages of the brique « Transition écologique juste »."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ressort.analysis.typography import agree, plural
from ressort.approaches.models import Approach
from ressort.justice import insee, services
from ressort.justice.catalogue import load as catalogue
from ressort.justice.forms import (
    AcceptabilityForm,
    EffectForm,
    GroupForm,
    InseeUploadForm,
    ParticipationForm,
    RemedyForm,
    SizesForm,
)
from ressort.justice.models import DistributiveEffect, GroupSize, PopulationGroup, Remedy
from ressort.tables import TableError
from ressort.web import Right, demarche_url, demarche_view, get_scoped, link_to
from ressort.web.generic import Noun, delete_view, object_pages
from ressort.web.scoped import FORM, WRITE, View

_groups = link_to("justice:groups")
_portfolio = link_to("justice:portfolio")


# --- Population groups ----------------------------------------------------------------------


def _groups_page(
    request: HttpRequest, approach: Approach, form: InseeUploadForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "justice/groups.html",
        {
            "groups": services.groups_of(approach),
            "population": approach.key_figures()["population"],
            "form": form,
        },
        status=status,
    )


@demarche_view(Right.VIEW)
def groups(request: HttpRequest, approach: Approach) -> HttpResponse:
    return _groups_page(request, approach, InseeUploadForm())


@demarche_view(Right.CONTRIBUTE, WRITE)
def insee_upload(request: HttpRequest, approach: Approach) -> HttpResponse:
    form = InseeUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _groups_page(request, approach, form, status=400)
    upload = form.cleaned_data["file"]
    try:
        report = insee.load_file(approach, upload.read(), upload.name)
    except TableError as error:
        for fault in error.faults:
            form.add_error("file", str(fault))
        form.add_error(None, "Rien n'a été enregistré\u00a0: corrigez le fichier et recommencez.")
        return _groups_page(request, approach, form, status=400)
    messages.success(request, report.message())
    return redirect(_groups(request))


group_edit, group_delete = object_pages(
    PopulationGroup,
    GroupForm,
    noun=Noun("le groupe"),
    done=_groups,
    delete="justice:group_delete",
    consequence="ses effectifs, ses effets distributifs et ses remèdes partent avec lui",
)


@demarche_view(Right.CONTRIBUTE, FORM, objects={"pk": PopulationGroup})
def sizes(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    group = get_scoped(PopulationGroup, approach, pk=pk)
    communes = list(approach.communes.order_by("name"))
    current = {s.commune_id: s.count for s in group.sizes.all()}
    form = SizesForm(request.POST or None, communes=communes, current=current)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            for commune, count in form.counts().items():
                if count is None:
                    GroupSize.objects.filter(group=group, commune=commune).delete()
                else:
                    GroupSize.objects.update_or_create(
                        group=group,
                        commune=commune,
                        defaults={"count": count, "year": form.cleaned_data.get("year")},
                    )
        messages.success(request, "Les effectifs sont enregistrés.")
        return redirect(_groups(request))
    return render(
        request,
        "web/edit.html",
        {
            "title": f"Effectifs du groupe «\u00a0{group.name}\u00a0» par commune",
            "form": form,
            "cancel_url": _groups(request),
        },
        status=400 if form.is_bound else 200,
    )


# --- The plan's justice view ----------------------------------------------------------------


@demarche_view(Right.VIEW)
def portfolio(request: HttpRequest, approach: Approach) -> HttpResponse:
    view = services.justice_view(approach)
    return render(
        request,
        "justice/portfolio.html",
        {"view": view, "remedies": catalogue().remedies, "source": catalogue().source},
    )


effect_edit, effect_delete = object_pages(
    DistributiveEffect,
    EffectForm,
    title=lambda e: (
        f"Modifier l'effet de «\u00a0{e.action}\u00a0» sur «\u00a0{e.group}\u00a0»"
        if e.pk
        else "Décrire l'effet d'une action sur un groupe"
    ),
    done=_portfolio,
    new=lambda request, approach: DistributiveEffect(),
    delete="justice:effect_delete",
    saved="L'effet distributif est enregistré.",
    what=lambda e: f"L'effet de «\u00a0{e.action}\u00a0» sur «\u00a0{e.group}\u00a0»",
    gone="{what} est supprimé.",
)


@demarche_view(Right.CONTRIBUTE, WRITE)
def remedy_adopt(request: HttpRequest, approach: Approach) -> HttpResponse:
    form = RemedyForm(request.POST, approach=approach)
    if not form.is_valid():
        problems = " ".join(str(e) for errors in form.errors.values() for e in errors)
        messages.error(request, f"Le remède n'est pas adopté\u00a0: {problems}")
        return redirect(_portfolio(request))
    remedy = form.save()
    messages.success(request, f"Remède adopté pour «\u00a0{remedy.action}\u00a0».")
    return redirect(_portfolio(request))


remedy_delete = delete_view(
    Remedy,
    what=lambda r: f"Le remède «\u00a0{r.kind_label()}\u00a0» de «\u00a0{r.action}\u00a0»",
    done=_portfolio,
    gone="{what} est retiré.",
)


# --- Who took part; acceptability -----------------------------------------------------------


def _added(count: int, noun: str, participle: str) -> str:
    """« 1 participation enregistrée. », « 3 réponses enregistrées. »"""
    return f"{plural(count, noun)} {agree(count, participle)}."


def _counted_rows(
    template: str,
    form_class: type[ParticipationForm] | type[AcceptabilityForm],
    view_of: Callable[[Approach], Any],
    add: Callable[[Approach, Any], int],
    added: tuple[str, str],
    name: str,
) -> tuple[View, View]:
    """A page of counts with its form, and the POST that adds the typed row to the counts
    (merged with a row alike); on a fault the page again, with the typed values."""

    def page(request: HttpRequest, approach: Approach, form: Any, status: int = 200) -> Any:
        context = {"view": view_of(approach), "form": form}
        return render(request, template, context, status=status)

    @demarche_view(Right.VIEW)
    def read(request: HttpRequest, approach: Approach) -> HttpResponse:
        return page(request, approach, form_class(approach=approach))

    @demarche_view(Right.CONTRIBUTE, WRITE)
    def write(request: HttpRequest, approach: Approach) -> HttpResponse:
        form = form_class(request.POST, approach=approach)
        if not form.is_valid():
            return page(request, approach, form, status=400)
        messages.success(request, _added(add(approach, form.save(commit=False)), *added))
        return redirect(demarche_url(request, name))

    return read, write


participation, participation_add = _counted_rows(
    "justice/participation.html",
    ParticipationForm,
    services.participation_view,
    services.add_participations,
    ("participation", "enregistrée"),
    "justice:participation",
)
acceptability, acceptability_add = _counted_rows(
    "justice/acceptability.html",
    AcceptabilityForm,
    services.justice_view,
    services.add_answers,
    ("réponse", "enregistrée"),
    "justice:acceptability",
)
