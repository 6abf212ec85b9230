"""Behaviour change pages: the target behaviours, each one's COM-B diagnosis with the
suggested intervention functions, the chosen interventions and the follow-up surveys."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ressort.approaches.models import Approach
from ressort.behaviour import services
from ressort.behaviour.forms import BehaviourForm, DeterminantForm, InterventionForm
from ressort.behaviour.models import (
    ActorGroup,
    Determinant,
    FollowUpSurvey,
    Intervention,
    TargetBehaviour,
)
from ressort.behaviour.wheel import read_wheel
from ressort.web import Right, demarche_view, get_scoped, link_to
from ressort.web.generic import Noun, add_view, delete_view, object_pages
from ressort.web.scoped import WRITE

_list_url = link_to("behaviour:list")


_detail_url = link_to("behaviour:detail", "pk")


_parent_url = link_to("behaviour:detail", "behaviour_id")


@demarche_view(Right.VIEW)
def behaviour_list(request: HttpRequest, approach: Approach) -> HttpResponse:
    behaviours = (
        TargetBehaviour.objects.filter(approach=approach)
        .annotate(
            barriers=Count("determinants", filter=Q(determinants__kind="frein"), distinct=True),
            levers=Count("determinants", filter=Q(determinants__kind="levier"), distinct=True),
            chosen=Count("interventions", distinct=True),
        )
        .prefetch_related("actions")
    )
    groups = [
        (label, [b for b in behaviours if b.group == code]) for code, label in ActorGroup.choices
    ]
    return render(
        request,
        "behaviour/list.html",
        {"groups": [(label, items) for label, items in groups if items], "count": len(behaviours)},
    )


@demarche_view(Right.VIEW)
def wheel(request: HttpRequest, approach: Approach) -> HttpResponse:
    data = read_wheel()
    rows = [
        {
            "component": data.components[c],
            "cells": [f in data.wheel.links[c] for f in data.functions],
        }
        for c in data.components
    ]
    return render(request, "behaviour/wheel.html", {"data": data, "rows": rows})


behaviour_edit, behaviour_delete = object_pages(
    TargetBehaviour,
    BehaviourForm,
    noun=Noun("le comportement visé", "title"),
    done=_detail_url,
    listing=_list_url,
    delete="behaviour:delete",
    consequence="son diagnostic, ses interventions et ses enquêtes de suivi partent avec lui",
)


def _render_detail(
    request: HttpRequest,
    approach: Approach,
    behaviour: TargetBehaviour,
    bound: dict[str, Any] | None = None,
) -> HttpResponse:
    bound = bound or {}
    data = read_wheel()
    result = services.diagnosis(behaviour)
    determinants = behaviour.determinants.prefetch_related("testimonies", "observations")
    components = [
        {
            "code": need.component,
            "info": data.components[need.component],
            "need": need,
            "barriers": [
                d for d in determinants if d.component == need.component and d.kind == "frein"
            ],
            "levers": [
                d for d in determinants if d.component == need.component and d.kind == "levier"
            ],
        }
        for need in result.needs
    ]
    chosen = {i.function for i in behaviour.interventions.all()}
    suggestions = [
        {
            "s": s,
            "info": data.functions[s.function],
            "because": [data.components[c]["label"] for c in s.because],
            "chosen": s.function in chosen,
        }
        for s in result.suggestions
    ]
    interventions = behaviour.interventions.select_related("action")
    questions = services.survey_questions(behaviour)
    return render(
        request,
        "behaviour/detail.html",
        {
            "behaviour": behaviour,
            "components": components,
            "suggestions": suggestions,
            "function_labels": {code: f["label"] for code, f in data.functions.items()},
            "interventions": interventions,
            "waves": services.survey_waves(behaviour),
            "questions": questions,
            "progress": services.actions_progress(behaviour),
            "wheel": data,
            "determinant_form": bound.get("determinant")
            or DeterminantForm(prefix="determinant", approach=approach),
            "intervention_form": bound.get("intervention")
            or InterventionForm(prefix="intervention", approach=approach),
        },
        status=400 if bound else 200,
    )


@demarche_view(Right.VIEW, objects={"pk": TargetBehaviour})
def behaviour_detail(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    return _render_detail(request, approach, get_scoped(TargetBehaviour, approach, pk=pk))


def _part_add(form_class: Any, part: str, saved: str, fragment: str) -> Any:
    """A determinant or an intervention added from the behaviour's page (`part`: the form's
    prefix and its key for `_render_detail`)."""
    return add_view(
        TargetBehaviour,
        form_class,
        parent="behaviour",
        prefix=part,
        page=lambda request, approach, b, form: _render_detail(request, approach, b, {part: form}),
        saved=saved,
        done=link_to("behaviour:detail", "behaviour_id", fragment=fragment),
    )


determinant_add = _part_add(
    DeterminantForm, "determinant", "Le frein ou levier est ajouté au diagnostic.", "diagnostic"
)
intervention_add = _part_add(
    InterventionForm, "intervention", "L'intervention est retenue.", "interventions"
)


@demarche_view(Right.CONTRIBUTE, WRITE, objects={"pk": TargetBehaviour})
def survey_start(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    behaviour = get_scoped(TargetBehaviour, approach, pk=pk)
    survey = services.start_survey(behaviour, request.user)
    messages.success(
        request,
        f"L'enquête de suivi n°\u00a0{survey.wave} est ouverte pour trois semaines "
        f"(code d'accès\u00a0: {survey.workshop.join_code}).",
    )
    return redirect(_detail_url(request, behaviour) + "#suivi")


determinant_edit, determinant_delete = object_pages(
    Determinant,
    DeterminantForm,
    noun=Noun("le constat", "statement", removed=True),
    done=_parent_url,
    delete="behaviour:determinant_delete",
)
intervention_edit, intervention_delete = object_pages(
    Intervention,
    InterventionForm,
    noun=Noun("l'intervention", "title", feminine=True, removed=True),
    done=_parent_url,
    delete="behaviour:intervention_delete",
)
survey_delete = delete_view(
    FollowUpSurvey,
    what=lambda s: f"L'enquête de suivi n°\u00a0{s.wave}",
    done=_parent_url,
    consequence="la consultation et ses réponses partent avec elle",
    perform=lambda request, s: s.workshop.delete(),
    gone="{what} est supprimée.",
)
