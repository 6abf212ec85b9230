"""The register of the territory's actors, their links, and the actor map."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ressort.approaches.models import Approach
from ressort.governance import services
from ressort.governance.forms import (
    ActorForm,
    ActorLinkForm,
    DiagnosisForm,
    DocumentSectionsForm,
    RaciForm,
)
from ressort.governance.models import Actor, ActorLink, DocumentSections
from ressort.web import Right, demarche_url, demarche_view, link_to
from ressort.web.generic import Noun, object_pages
from ressort.web.scoped import FORM, WRITE

_register = link_to("governance:actor_list")


@demarche_view(Right.VIEW)
def actor_list(request: HttpRequest, approach: Approach) -> HttpResponse:
    return render(
        request,
        "governance/actor_list.html",
        {"register": services.register(approach), "base_url": _register(request)},
    )


@demarche_view(Right.VIEW)
def actor_map(request: HttpRequest, approach: Approach) -> HttpResponse:
    drawn = services.actor_map(approach)
    return render(
        request,
        "governance/actor_map.html",
        {
            "map": drawn,
            "grid": services.interest_grid(drawn.actors),
            "agreements": services.agreements_of(approach),
        },
    )


@demarche_view(Right.EDIT_FRAMING, FORM)
def actor_documents(request: HttpRequest, approach: Approach) -> HttpResponse:
    """Which parts of the brique go into the portrait and into the strategy documents: the
    team's choice, kept per démarche (« where the team chooses »)."""
    sections = DocumentSections.of(approach)
    form = DocumentSectionsForm(request.POST or None, instance=sections)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Le choix des parties de la gouvernance est enregistré.")
        return redirect("governance:actor_documents", approach.slug)
    return render(
        request,
        "governance/actor_documents.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


actor_edit, actor_delete = object_pages(
    Actor,
    ActorForm,
    noun=Noun("l'acteur"),
    done=_register,
    delete="governance:actor_delete",
    consequence="ses liens et sa place dans les analyses des jeux d'acteurs partent avec lui",
)
link_edit, link_delete = object_pages(
    ActorLink,
    ActorLinkForm,
    noun=Noun("le lien", "pk"),
    title=lambda link: "Modifier un lien entre acteurs" if link.pk else "Relier deux acteurs",
    what=lambda link: f"Le lien «\u00a0{link}\u00a0»",
    done=_register,
    delete="governance:link_delete",
)


def _raci_page(request: HttpRequest, approach: Approach, form: RaciForm) -> HttpResponse:
    return render(
        request,
        "governance/raci.html",
        {"form": form, "steps": services.STEP_CHOICES},
        status=400 if form.is_bound else 200,
    )


def _raci_form(approach: Approach, data: Any = None) -> RaciForm:
    return RaciForm(
        data,
        actors=list(services.actors_of(approach)),
        steps=services.STEP_CHOICES,
        current=services.raci_current(approach),
    )


@demarche_view(Right.VIEW)
def raci(request: HttpRequest, approach: Approach) -> HttpResponse:
    return _raci_page(request, approach, _raci_form(approach))


@demarche_view(Right.CONTRIBUTE, WRITE)
def raci_save(request: HttpRequest, approach: Approach) -> HttpResponse:
    form = _raci_form(approach, request.POST)
    if not form.is_valid():
        return _raci_page(request, approach, form)
    services.save_raci(approach, form.cells())
    messages.success(request, "La répartition des rôles est enregistrée.")
    return redirect(demarche_url(approach, "governance:raci"))


def _diagnosis_page(
    request: HttpRequest, approach: Approach, forms: list[DiagnosisForm], status: int = 200
) -> HttpResponse:
    return render(
        request,
        "governance/diagnosis.html",
        {"forms": [(form, form.instance.get_criterion_display()) for form in forms]},
        status=status,
    )


def _diagnosis_forms(approach: Approach, data: Any = None) -> list[DiagnosisForm]:
    return [
        DiagnosisForm(data, instance=row, prefix=row.criterion)
        for row in services.diagnosis_rows(approach)
    ]


@demarche_view(Right.VIEW)
def diagnosis(request: HttpRequest, approach: Approach) -> HttpResponse:
    return _diagnosis_page(request, approach, _diagnosis_forms(approach))


@demarche_view(Right.CONTRIBUTE, WRITE)
def diagnosis_save(request: HttpRequest, approach: Approach) -> HttpResponse:
    forms = _diagnosis_forms(approach, request.POST)
    valid = [form.is_valid() for form in forms]  # every form, so that every fault shows
    if not all(valid):
        return _diagnosis_page(request, approach, forms, status=400)
    with transaction.atomic():
        for form in forms:
            form.save()
    messages.success(request, "Le diagnostic est enregistré.")
    return redirect(demarche_url(approach, "governance:diagnosis"))
