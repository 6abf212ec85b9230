"""Training paths: co-built ordered sequences of modules per audience, with a proposal."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.db.models import F, Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ressort.approaches.models import Approach
from ressort.training import services
from ressort.training.forms import PathForm, StepForm
from ressort.training.models import PathStep, TrainingPath
from ressort.web import Right, demarche_view, get_scoped, link_to
from ressort.web.generic import Noun, add_view, delete_view, object_pages
from ressort.web.scoped import WRITE

_overview_url = link_to("training:overview")


_path_url = link_to("training:path", "pk")


def _save_path(request: HttpRequest, form: Any) -> TrainingPath:
    path: TrainingPath = form.save()
    if form.cleaned_data.get("propose"):
        services.apply_proposal(path)
    return path


path_edit, path_delete = object_pages(
    TrainingPath,
    PathForm,
    noun=Noun("le parcours", "title", add="Créer un parcours de formation"),
    done=_path_url,
    listing=_overview_url,
    delete="training:path_delete",
    save=_save_path,
    consequence="ses sessions restent, hors parcours",
)


def _render_path(
    request: HttpRequest, approach: Approach, path: TrainingPath, form: StepForm | None = None
) -> HttpResponse:
    return render(
        request,
        "training/path.html",
        {
            "path": path,
            "steps": path.steps.select_related("module"),
            "proposal": services.proposal(approach, path.audience, path.trade),
            "needs": services.needs_for(approach, path.audience, path.trade),
            "phase": services.current_phase(approach),
            "step_form": form or StepForm(approach=approach),
            "sessions": path.sessions.select_related("module"),
        },
        status=400 if form else 200,
    )


@demarche_view(Right.VIEW, objects={"pk": TrainingPath})
def path_detail(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    return _render_path(request, approach, get_scoped(TrainingPath, approach, pk=pk))


step_add = add_view(
    TrainingPath,
    StepForm,
    parent="path",
    fill=lambda request, step, form: setattr(
        step, "order", (step.path.steps.aggregate(m=Max("order"))["m"] or 0) + 1
    ),
    page=lambda request, approach, path, form: _render_path(request, approach, path, form),
    saved="Le module est ajouté au parcours.",
    done=link_to("training:path", "path_id"),
)


@demarche_view(Right.CONTRIBUTE, WRITE, objects={"pk": TrainingPath})
def path_propose(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    path = get_scoped(TrainingPath, approach, pk=pk)
    count = services.apply_proposal(path)
    messages.success(request, f"Le parcours reprend la proposition ({count} modules).")
    return redirect(_path_url(request, path))


@demarche_view(Right.CONTRIBUTE, WRITE, objects={"pk": PathStep})
def step_up(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    step = get_scoped(PathStep.objects.select_related("path"), approach, pk=pk)
    previous = step.path.steps.filter(order__lt=step.order).order_by("-order").first()
    if previous:
        with transaction.atomic():
            previous.order, step.order = step.order, previous.order
            previous.save(update_fields=["order"])
            step.save(update_fields=["order"])
    return redirect(_path_url(request, step.path))


def _step_removed(request: HttpRequest, step: PathStep) -> None:
    step.path.steps.filter(order__gt=step.order).update(order=F("order") - 1)
    step.delete()


step_delete = delete_view(
    PathStep,
    what=lambda s: f"L'étape «\u00a0{s.module.title}\u00a0»",
    done=lambda request, s: _path_url(request, s.path),
    perform=_step_removed,
    gone="{what} est retirée du parcours.",
)
