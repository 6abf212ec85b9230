"""Observations of the field and their photos."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ressort.analysis.typography import french, number
from ressort.approaches.access import Right
from ressort.approaches.models import Approach
from ressort.fieldwork import services, tags
from ressort.fieldwork.forms import ObservationForm, PhotoForm
from ressort.fieldwork.models import THEMES, Nature, Observation, Photo
from ressort.fieldwork.photos import ProcessedPhoto
from ressort.web import link_to
from ressort.web.files import private_file
from ressort.web.generic import delete_view, edit_view
from ressort.web.scoped import READ, WRITE, demarche_view, get_scoped, scoped

PER_PAGE = 50


_list_url = link_to("fieldwork:observation_list")


@demarche_view(Right.VIEW, READ)
def observation_list(request: HttpRequest, approach: Approach) -> HttpResponse:
    dimension = request.GET.get("dimension", "")
    theme = request.GET.get("theme", "")
    nature = request.GET.get("signale", "")
    qs = scoped(Observation, approach)
    if nature in Nature.values and nature:
        qs = qs.filter(nature=nature)
    if dimension or theme:
        # Tags are JSON lists: filtered in Python on two columns, then paged in SQL.
        keep = [
            pk
            for pk, dims, themes in qs.values_list("pk", "dimensions", "themes")
            if (not dimension or dimension in dims) and (not theme or theme in themes)
        ]
        qs = qs.filter(pk__in=keep)
    page = Paginator(
        qs.select_related("approach", "author")
        .annotate(photo_count=Count("photos"))
        .order_by("-observed_on", "-pk"),
        PER_PAGE,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "fieldwork/observation_list.html",
        {
            "observations": page,
            "page": page,
            "dimension_choices": services.dimension_choices(),
            "themes": THEMES,
            "natures": Nature.choices[1:],
            "selected": {"dimension": dimension, "theme": theme, "signale": nature},
        },
    )


def _save_photo(observation: Observation, processed: ProcessedPhoto, **fields: Any) -> Photo:
    photo = Photo(
        observation=observation,
        width=processed.width,
        height=processed.height,
        gps_latitude=processed.latitude,
        gps_longitude=processed.longitude,
        **fields,
    )
    photo.image.save("photo.jpg", ContentFile(processed.content), save=False)
    photo.save()
    return photo


def _place_from_photo(request: HttpRequest, observation: Observation, p: ProcessedPhoto) -> None:
    if not observation.has_point and p.latitude is not None and p.longitude is not None:
        observation.latitude, observation.longitude = p.latitude, p.longitude
        observation.save(update_fields=["latitude", "longitude"])
        messages.info(
            request,
            french(
                f"Le lieu a été repris de la position GPS de la photo (latitude "
                f"{number(p.latitude, 5)}, longitude {number(p.longitude, 5)}) ; modifiez "
                "l'observation s'il n'est pas juste."
            ),
        )


def _save_observation(request: HttpRequest, form: BaseForm) -> Observation:
    before = form.initial.get("dimensions") or ()
    observation: Observation = form.save()  # type: ignore[attr-defined]
    tags.record_chosen(observation, before, request.user)
    processed = getattr(form, "processed", None)
    if processed:
        _save_photo(
            observation,
            processed,
            description=form.cleaned_data["photo_description"],
            in_portrait=form.cleaned_data["photo_in_portrait"],
        )
        _place_from_photo(request, observation, processed)
    return observation


observation_edit = edit_view(
    Observation,
    ObservationForm,
    right=Right.CONTRIBUTE,
    title=lambda o: f"Modifier « {o.title} »" if o.pk else "Noter une observation",
    new=lambda request, approach: Observation(approach=approach, author=request.user),
    save=_save_observation,
    done=lambda request, o: o.get_absolute_url(),
    listing=_list_url,
    template="fieldwork/observation_form.html",
    saved="L'observation est enregistrée.",
)


def _delete_observation(request: HttpRequest, observation: Observation) -> None:
    for photo in observation.photos.all():
        photo.image.delete(save=False)
    observation.delete()


observation_delete = delete_view(
    Observation,
    right=Right.CONTRIBUTE,
    what=lambda o: f"L'observation « {o.title} »",
    consequence="ses photos le sont avec elle",
    perform=_delete_observation,
    done=_list_url,
    back=lambda request, o: o.get_absolute_url(),
)


@demarche_view(Right.VIEW, READ, objects={"pk": Observation})
def observation_detail(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    observation = get_scoped(Observation.objects.select_related("approach"), approach, pk=pk)
    return render(
        request,
        "fieldwork/observation_detail.html",
        {
            "observation": observation,
            "photos": observation.photos.all(),
            "photo_form": PhotoForm(),
            "vulnerabilities": observation.vulnerabilities.all(),
            "resources": observation.resources.all(),
        },
    )


@demarche_view(Right.CONTRIBUTE, WRITE, objects={"pk": Observation})
def photo_add(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    observation = get_scoped(Observation.objects.select_related("approach"), approach, pk=pk)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        with transaction.atomic():
            _save_photo(
                observation,
                form.processed,
                description=form.cleaned_data["description"],
                in_portrait=form.cleaned_data["in_portrait"],
            )
            _place_from_photo(request, observation, form.processed)
        messages.success(request, "La photo est ajoutée.")
    else:
        errors = " ".join(e for errs in form.errors.values() for e in errs)
        messages.error(request, f"Photo non ajoutée — {errors}")
    return redirect(observation.get_absolute_url() + "#photos")


PHOTO_OBJECTS: dict[str, Any] = {"pk": Photo, "obs_pk": "pk.observation_id"}


def _photo(approach: Approach, obs_pk: int, pk: int) -> Photo:
    return get_scoped(
        Photo.objects.select_related("observation__approach"),
        approach,
        pk=pk,
        observation_id=obs_pk,
    )


@demarche_view(Right.VIEW, READ, objects=PHOTO_OBJECTS)
def photo(request: HttpRequest, approach: Approach, obs_pk: int, pk: int) -> HttpResponse:
    """The photo file, to members only (never a public media URL)."""
    item = _photo(approach, obs_pk, pk)
    return private_file(item.image, "image/jpeg", missing="Photo introuvable.")


@demarche_view(Right.CONTRIBUTE, WRITE, objects=PHOTO_OBJECTS)
def photo_edit(request: HttpRequest, approach: Approach, obs_pk: int, pk: int) -> HttpResponse:
    item = _photo(approach, obs_pk, pk)
    item.description = request.POST.get("description", "").strip()[:300]
    item.in_portrait = request.POST.get("in_portrait") == "on"
    item.save(update_fields=["description", "in_portrait"])
    state = "visible dans le portrait" if item.in_portrait else "privée (membres seulement)"
    messages.success(request, f"La photo est enregistrée : {state}.")
    return redirect(item.observation.get_absolute_url() + "#photos")


@demarche_view(Right.CONTRIBUTE, WRITE, objects=PHOTO_OBJECTS)
def photo_delete(request: HttpRequest, approach: Approach, obs_pk: int, pk: int) -> HttpResponse:
    item = _photo(approach, obs_pk, pk)
    item.image.delete(save=False)
    item.delete()
    messages.success(request, "La photo est supprimée.")
    return redirect(item.observation.get_absolute_url() + "#photos")
