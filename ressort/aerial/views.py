"""The photo-interpretation page: imagery then and now, the team's drawings and images."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render

from ressort.aerial.forms import AnnotationForm, GeoImageForm
from ressort.aerial.models import Annotation, GeoImage
from ressort.approaches.access import Right
from ressort.approaches.models import Approach
from ressort.web import link_to
from ressort.web.files import private_file
from ressort.web.generic import Noun, delete_view, object_pages
from ressort.web.scoped import FORM, READ, WRITE, demarche_view, get_scoped, scoped

_map_url = link_to("aerial:map")


def layers_config(approach: Approach) -> dict[str, Any]:
    """What the page's script draws: the configured imagery and the team's own images."""
    return {
        "couches": [
            {
                "nom": a.name,
                "url": a.url,
                "attribution": a.attribution,
                "periode": a.period,
                "zoom_max": a.max_zoom,
            }
            for a in settings.RESSORT_AERIAL_LAYERS
        ],
        "images": [
            {
                "nom": f"{i.title} (image de l'équipe)",
                "url": i.get_absolute_url(),
                "periode": i.period,
                "limites": [[i.south, i.west], [i.north, i.east]],
            }
            for i in scoped(GeoImage, approach)
        ],
    }


def _page(
    request: HttpRequest, approach: Approach, form: AnnotationForm, status: int = 200
) -> HttpResponse:
    annotations = (
        scoped(Annotation, approach)
        .prefetch_related("hazards", "observations", "vulnerabilities")
        .order_by("-created_at", "-pk")
    )
    return render(
        request,
        "aerial/map.html",
        {
            "form": form,
            "annotations": annotations,
            "images": scoped(GeoImage, approach),
            "aerial_config": layers_config(approach),
        },
        status=status,
    )


@demarche_view(Right.VIEW, READ)
def aerial_map(request: HttpRequest, approach: Approach) -> HttpResponse:
    return _page(request, approach, AnnotationForm(approach=approach))


@demarche_view(Right.CONTRIBUTE, WRITE)
def annotation_create(request: HttpRequest, approach: Approach) -> HttpResponse:
    form = AnnotationForm(
        request.POST,
        instance=Annotation(approach=approach, author=request.user),
        approach=approach,
    )
    if not form.is_valid():
        return _page(request, approach, form, status=400)
    with transaction.atomic():
        annotation = form.save()
    messages.success(request, f"L'annotation «\u00a0{annotation.title}\u00a0» est enregistrée.")
    return redirect(annotation.get_absolute_url())


@demarche_view(Right.VIEW, READ)
def annotations_geojson(request: HttpRequest, approach: Approach) -> JsonResponse:
    features = [
        {
            "type": "Feature",
            "geometry": a.geometry,
            "properties": {
                "id": a.pk,
                "title": a.title,
                "shape": a.shape,
                "then": a.then_period,
                "now": a.now_period,
                "area_m2": a.area_m2,
                "length_m": a.length_m,
            },
        }
        for a in scoped(Annotation, approach)
    ]
    return JsonResponse({"type": "FeatureCollection", "features": features})


annotation_edit, annotation_delete = object_pages(
    Annotation,
    AnnotationForm,
    right=Right.CONTRIBUTE,
    noun=Noun("l'annotation", attr="title", feminine=True),
    done=lambda request, a: a.get_absolute_url(),
    template="aerial/annotation_form.html",
    deleted=_map_url,
    back=_map_url,
)


@demarche_view(Right.CONTRIBUTE, FORM)
def image_add(request: HttpRequest, approach: Approach) -> HttpResponse:
    form = GeoImageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        placed = form.placed
        with transaction.atomic():
            image = form.save(commit=False)
            image.approach = approach
            image.author = request.user
            image.width, image.height = placed.width, placed.height
            image.source_epsg = placed.epsg
            image.west, image.south = placed.west, placed.south
            image.east, image.north = placed.east, placed.north
            image.image.save("image.png", ContentFile(placed.png), save=False)
            image.save()
        messages.success(request, f"L'image «\u00a0{image.title}\u00a0» est placée sur la carte.")
        return redirect(_map_url(request))
    return render(
        request,
        "aerial/image_form.html",
        {"form": form, "title": "Ajouter une image géoréférencée", "cancel_url": _map_url(request)},
        status=400 if form.errors else 200,
    )


@demarche_view(Right.VIEW, READ, objects={"pk": GeoImage})
def image_file(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    """The image, to members only (never a public media URL)."""
    item = get_scoped(GeoImage, approach, pk=pk)
    return private_file(item.image, "image/png", missing="Image introuvable.")


def _delete_image(request: HttpRequest, image: GeoImage) -> None:
    image.image.delete(save=False)
    image.delete()


image_delete = delete_view(
    GeoImage,
    right=Right.CONTRIBUTE,
    noun=Noun("l'image", attr="title", feminine=True),
    perform=_delete_image,
    done=_map_url,
    back=_map_url,
)
