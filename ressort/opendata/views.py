"""Pages of open data: the indicator catalogue, the sources and their refresh, past shocks.

Rights: every member reads; adding the catalogue, refreshing and editing the timeline need
CONTRIBUTE (the team builds the portrait). Another démarche's object is a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ressort.analysis.typography import agree, plural
from ressort.approaches.access import Right
from ressort.approaches.models import Approach
from ressort.background import queue
from ressort.frameworks.models import FrameworkVersion
from ressort.opendata import shocks, tasks
from ressort.opendata.catalogue import CatalogueError, add_to_approach, load_catalogue
from ressort.opendata.connectors import REGISTRY
from ressort.opendata.forms import PastShockForm
from ressort.opendata.models import FetchRecord, PastShock
from ressort.opendata.refresh import connectors_of
from ressort.web import link_to
from ressort.web.generic import Noun, object_pages
from ressort.web.scoped import READ, WRITE, demarche_view

BOUSSOLE_FALLBACK = {f"P{n}": f"Principe {n}" for n in range(1, 7)}


def _groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """(framework, [(dimension code, label)]): the Doughnut's 21, the Boussole's principles."""
    from ressort.portrait import services

    boussole = dict(BOUSSOLE_FALLBACK)
    version = FrameworkVersion.objects.filter(
        framework__code="boussole", framework__approach=None, is_current=True
    ).first()
    if version is not None:
        for code, label in version.dimensions.filter(kind="principe").values_list("code", "label"):
            boussole[code] = f"{code} {label}"
    return [
        ("Donut", [(code, label) for code, label, _ in services.doughnut_dimensions()]),
        ("Boussole de la résilience", list(boussole.items())),
    ]


@demarche_view(Right.CONTRIBUTE, WRITE)
def catalogue_add(request: HttpRequest, approach: Approach) -> HttpResponse:
    """Add the whole catalogue (« tout ») or the entries of the checked dimensions."""
    catalogue = load_catalogue()
    if request.POST.get("tout"):
        codes = None
    else:
        chosen = set(request.POST.getlist("dimension"))
        codes = [e.code for e in catalogue.for_dimensions(chosen)]
        if not codes:
            messages.error(
                request,
                "Aucune dimension choisie : cochez au moins une dimension, ou ajoutez tout "
                "le catalogue.",
            )
            return redirect("opendata:catalogue", approach.slug)
    try:
        result = add_to_approach(approach, codes, user=request.user)
    except CatalogueError as error:
        messages.error(request, str(error))
        return redirect("opendata:catalogue", approach.slug)
    made, kept = len(result.created), len(result.kept)
    text = f"{plural(made, 'indicateur')} {agree(made, 'ajouté')}"
    if kept:
        text += (
            f", {kept} déjà {agree(kept, 'présent')} ({agree(kept, 'conservé')} "
            f"{agree(kept, 'tel')} que vous les avez adaptés)"
        )
    messages.success(request, text + ". Récupérez maintenant les données ouvertes.")
    return redirect("opendata:sources", approach.slug)


@demarche_view(Right.VIEW, READ)
def catalogue_page(request: HttpRequest, approach: Approach) -> HttpResponse:
    catalogue = load_catalogue()
    have = set(
        approach.indicators.exclude(catalogue_code="").values_list("catalogue_code", flat=True)
    )
    groups = [
        (
            framework,
            [
                (
                    code,
                    label,
                    [
                        (e, REGISTRY[e.connector].label if e.connector in REGISTRY else "")
                        for e in catalogue.for_dimensions({code})
                    ],
                )
                for code, label in dimensions
            ],
        )
        for framework, dimensions in _groups()
    ]
    return render(
        request,
        "opendata/catalogue.html",
        {
            "catalogue": catalogue,
            "groups": groups,
            "have": have,
        },
    )


@demarche_view(Right.VIEW, READ)
def sources_page(request: HttpRequest, approach: Approach) -> HttpResponse:
    used = connectors_of(approach)
    latest: dict[str, FetchRecord] = {}
    for record in approach.fetches.all()[:200]:
        latest.setdefault(record.connector, record)
    rows = [
        {
            "name": name,
            "label": REGISTRY[name].label,
            "indicators": [indicator for _, indicator in pairs],
            "record": latest.get(name),
        }
        for name, pairs in sorted(used.items(), key=lambda kv: REGISTRY[kv[0]].label)
    ]
    return render(
        request,
        "opendata/sources.html",
        {
            "rows": rows,
            "history": approach.fetches.all()[:30],
            "labels": {name: c.label for name, c in REGISTRY.items()},
            "has_catalogue": approach.indicators.exclude(catalogue_code="").exists(),
        },
    )


@demarche_view(Right.CONTRIBUTE, WRITE)
def refresh_start(request: HttpRequest, approach: Approach) -> HttpResponse:
    used = connectors_of(approach)
    name = request.POST.get("source", "")
    if name and name not in used:
        messages.error(request, "Source inconnue ou sans indicateur dans cette démarche.")
        return redirect("opendata:sources", approach.slug)
    if not used:
        messages.error(
            request,
            "Aucun indicateur du catalogue n'a de source ouverte : ajoutez d'abord le catalogue.",
        )
        return redirect("opendata:sources", approach.slug)
    names = [name] if name else sorted(used)
    queue.enqueue(tasks.refresh_approach, approach.pk, names, request.user.pk)
    messages.info(
        request,
        "La récupération est lancée"
        + (f" ({REGISTRY[name].label})" if name else f" ({len(names)} sources)")
        + "\u00a0: son compte rendu apparaîtra ci-dessous.",
    )
    return redirect("opendata:sources", approach.slug)


# --- Past shocks ------------------------------------------------------------------------------


@demarche_view(Right.VIEW, READ)
def shock_list(request: HttpRequest, approach: Approach) -> HttpResponse:
    return render(
        request,
        "opendata/shock_list.html",
        {
            "years": shocks.timeline(approach),
            "catnat_used": "georisques_catnat" in connectors_of(approach),
        },
    )


@demarche_view(Right.CONTRIBUTE, WRITE)
def shock_seed(request: HttpRequest, approach: Approach) -> HttpResponse:
    if "georisques_catnat" not in connectors_of(approach):
        add_to_approach(approach, ["arretes-catnat"], user=request.user)
    queue.enqueue(tasks.refresh_approach, approach.pk, ["georisques_catnat"], request.user.pk)
    messages.info(
        request,
        "La lecture des arrêtés de catastrophe naturelle (Géorisques) est lancée\u00a0; son compte "
        "rendu est sur la page «\u00a0Données ouvertes\u00a0».",
    )
    return redirect("opendata:shocks", approach.slug)


_shocks_url = link_to("opendata:shocks")


shock_edit, shock_delete = object_pages(
    PastShock,
    PastShockForm,
    noun=Noun("le choc", attr="title", add="Ajouter un choc vécu"),
    new=lambda request, approach: PastShock(approach=approach, created_by=request.user),
    done=_shocks_url,
    delete="opendata:shock_delete",
    saved="Le choc est enregistré dans la frise.",
    gone="{what} est retiré de la frise.",
)
