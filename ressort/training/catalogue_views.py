"""The training overview, the module catalogue and the needs self-assessments."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ressort.approaches.models import Approach
from ressort.training import services
from ressort.training.catalogue import modules_for, read_catalogue
from ressort.training.forms import ModuleForm
from ressort.training.models import Format, Module, NeedsSurvey, Session, TrainingPath
from ressort.web import Right, demarche_view, get_scoped, link_to
from ressort.web.generic import Noun, object_pages
from ressort.web.scoped import WRITE

_catalogue_url = link_to("training:catalogue")


_module_url = link_to("training:module", "pk")


@demarche_view(Right.VIEW)
def overview(request: HttpRequest, approach: Approach) -> HttpResponse:
    return render(
        request,
        "training/overview.html",
        {
            "paths": TrainingPath.objects.filter(approach=approach).prefetch_related(
                "steps__module"
            ),
            "sessions": Session.objects.filter(approach=approach).select_related("module"),
            "surveys": NeedsSurvey.objects.filter(approach=approach).select_related("workshop"),
            "coverage": services.coverage(approach),
            "phase": services.current_phase(approach),
        },
    )


@demarche_view(Right.VIEW)
def catalogue(request: HttpRequest, approach: Approach) -> HttpResponse:
    modules = modules_for(approach).prefetch_related("prerequisites")
    data = read_catalogue()
    return render(
        request,
        "training/catalogue.html",
        {
            "shipped": [m for m in modules if m.approach_id is None],
            "own": [m for m in modules if m.approach_id is not None],
            "catalogue": data,
            "formats": Format.choices,
        },
    )


@demarche_view(Right.VIEW, objects={"pk": Module})
def module(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    item = modules_for(approach).prefetch_related("prerequisites").filter(pk=pk).first()
    if item is None:
        from django.http import Http404

        raise Http404
    labels = read_catalogue().topics
    return render(
        request,
        "training/module.html",
        {"module": item, "topics": [labels.get(t, t) for t in item.topics]},
    )


module_edit, module_delete = object_pages(
    Module,
    ModuleForm,
    noun=Noun("le module", "title", add="Ajouter un module propre à la démarche"),
    done=_module_url,
    listing=_catalogue_url,
    delete="training:module_delete",
    consequence="les sessions passées restent, sans module\u00a0; les parcours le perdent",
)


@demarche_view(Right.VIEW, objects={"pk": NeedsSurvey})
def needs(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    survey = get_scoped(NeedsSurvey.objects.select_related("workshop"), approach, pk=pk)
    return render(
        request,
        "training/needs.html",
        {"survey": survey, "groups": services.needs_by_group([survey])},
    )


@demarche_view(Right.CONTRIBUTE, WRITE)
def needs_start(request: HttpRequest, approach: Approach) -> HttpResponse:
    survey = services.start_needs_survey(approach, request.user)
    messages.success(
        request,
        "Le questionnaire des besoins est ouvert pour trente jours "
        f"(code d'accès\u00a0: {survey.workshop.join_code}).",
    )
    return redirect("training:needs", approach.slug, survey.pk)
