"""Démarche pages of the field work: observations, testimonies, inventory, map, hazards.

Rights: every member reads (VIEW); recording, editing and deleting need CONTRIBUTE
(facilitator, chef·fe de projet, élu·e référent·e, membre de l'équipe). Photos are served
only through `photo`, which checks membership like any page: they are never public files.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Model, Prefetch, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ressort.approaches.access import Right, get_approach_for_user
from ressort.approaches.models import Approach
from ressort.approaches.views import approach_context
from ressort.fieldwork import services, tags
from ressort.fieldwork.forms import (
    HazardForm,
    ObservationForm,
    PhotoForm,
    QuoteForm,
    ResourceForm,
    TestimonyForm,
    VulnerabilityForm,
)
from ressort.fieldwork.models import (
    THEMES,
    Hazard,
    Nature,
    Observation,
    Photo,
    Quote,
    Resource,
    SpeakerCategory,
    Testimony,
    Vulnerability,
)
from ressort.fieldwork.photos import ProcessedPhoto

PER_PAGE = 50
KINDS: dict[str, tuple[type[Vulnerability] | type[Resource], Any]] = {
    "vulnerabilite": (Vulnerability, VulnerabilityForm),
    "ressource": (Resource, ResourceForm),
}


def _ctx(request: HttpRequest, approach: Approach, **extra: object) -> dict[str, object]:
    return approach_context(
        request, approach, dimension_labels=services.dimension_labels(), **extra
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
            f"Le lieu a été repris de la position GPS de la photo ({p.latitude:.5f}, "
            f"{p.longitude:.5f}) ; modifiez l'observation s'il n'est pas juste.",
        )


def _delete_page(
    request: HttpRequest, approach: Approach, obj: Model, what: str, back: str, done: str
) -> HttpResponse:
    if request.method == "POST":
        obj.delete()
        messages.success(request, f"{what} est supprimé·e.")
        return redirect(done)
    return render(
        request,
        "fieldwork/confirm_delete.html",
        _ctx(request, approach, obj=obj, what=what, back=back),
    )


def _filter_dimension(items: list[Any], code: str) -> list[Any]:
    return [i for i in items if code in i.dimensions] if code else items


# --------------------------------------------------------------------------------------
# Observations
# --------------------------------------------------------------------------------------


def _observation(approach: Approach, pk: int) -> Observation:
    return get_object_or_404(
        Observation.objects.select_related("approach"), pk=pk, approach=approach
    )


@require_GET
@login_required
def observation_list(request: HttpRequest, slug: str) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    dimension = request.GET.get("dimension", "")
    theme = request.GET.get("theme", "")
    nature = request.GET.get("signale", "")
    qs = Observation.objects.filter(approach=approach)
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
        _ctx(
            request,
            approach,
            observations=page,
            page=page,
            dimension_choices=services.dimension_choices(),
            themes=THEMES,
            natures=Nature.choices[1:],
            selected={"dimension": dimension, "theme": theme, "signale": nature},
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
def observation_create(request: HttpRequest, slug: str) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    form = ObservationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            observation = form.save(commit=False)
            observation.approach = approach
            observation.author = request.user
            observation.save()
            tags.record_chosen(observation, (), request.user)
            if form.processed:
                _save_photo(
                    observation,
                    form.processed,
                    description=form.cleaned_data["photo_description"],
                    in_portrait=form.cleaned_data["photo_in_portrait"],
                )
                _place_from_photo(request, observation, form.processed)
        messages.success(request, f"L'observation « {observation.title} » est enregistrée.")
        return redirect(observation.get_absolute_url())
    return render(
        request,
        "fieldwork/observation_form.html",
        _ctx(request, approach, form=form, observation=None),
    )


@require_GET
@login_required
def observation_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    observation = _observation(approach, pk)
    return render(
        request,
        "fieldwork/observation_detail.html",
        _ctx(
            request,
            approach,
            observation=observation,
            photos=observation.photos.all(),
            photo_form=PhotoForm(),
            vulnerabilities=observation.vulnerabilities.all(),
            resources=observation.resources.all(),
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
def observation_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    observation = _observation(approach, pk)
    before = list(observation.dimensions)
    form = ObservationForm(request.POST or None, instance=observation)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            tags.record_chosen(observation, before, request.user)
        messages.success(request, f"L'observation « {observation.title} » est enregistrée.")
        return redirect(observation.get_absolute_url())
    return render(
        request,
        "fieldwork/observation_form.html",
        _ctx(request, approach, form=form, observation=observation),
    )


@require_http_methods(["GET", "POST"])
@login_required
def observation_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    observation = _observation(approach, pk)
    if request.method == "POST":
        for photo in observation.photos.all():
            photo.image.delete(save=False)
    return _delete_page(
        request,
        approach,
        observation,
        f"L'observation « {observation.title} »",
        observation.get_absolute_url(),
        reverse("fieldwork:observation_list", args=[approach.slug]),
    )


@require_POST
@login_required
def photo_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    observation = _observation(approach, pk)
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


def _photo(approach: Approach, obs_pk: int, pk: int) -> Photo:
    return get_object_or_404(
        Photo.objects.select_related("observation__approach"),
        pk=pk,
        observation_id=obs_pk,
        observation__approach=approach,
    )


@require_GET
@login_required
def photo(request: HttpRequest, slug: str, obs_pk: int, pk: int) -> HttpResponse:
    """The photo file, to members only (never a public media URL)."""
    approach = get_approach_for_user(request, slug)
    item = _photo(approach, obs_pk, pk)
    try:
        handle = item.image.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Photo introuvable.") from exc
    response = FileResponse(handle, content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@login_required
def photo_edit(request: HttpRequest, slug: str, obs_pk: int, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    item = _photo(approach, obs_pk, pk)
    item.description = request.POST.get("description", "").strip()[:300]
    item.in_portrait = request.POST.get("in_portrait") == "on"
    item.save(update_fields=["description", "in_portrait"])
    state = "visible dans le portrait" if item.in_portrait else "privée (membres seulement)"
    messages.success(request, f"La photo est enregistrée : {state}.")
    return redirect(item.observation.get_absolute_url() + "#photos")


@require_POST
@login_required
def photo_delete(request: HttpRequest, slug: str, obs_pk: int, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    item = _photo(approach, obs_pk, pk)
    item.image.delete(save=False)
    item.delete()
    messages.success(request, "La photo est supprimée.")
    return redirect(item.observation.get_absolute_url() + "#photos")


# --------------------------------------------------------------------------------------
# Tag suggestions (quotes and observations)
# --------------------------------------------------------------------------------------


def _tag_target(approach: Approach, what: str, pk: int) -> Quote | Observation:
    if what == "citation":
        return get_object_or_404(
            Quote.objects.select_related("testimony__approach"),
            pk=pk,
            testimony__approach=approach,
        )
    if what == "observation":
        return _observation(approach, pk)
    raise Http404


def _back_to(target: Quote | Observation) -> str:
    if isinstance(target, Quote):
        return target.get_absolute_url()
    return target.get_absolute_url() + "#etiquettes"


def _suggestions_response(
    request: HttpRequest, approach: Approach, what: str, target: Quote | Observation
) -> HttpResponse:
    context = _ctx(
        request,
        approach,
        what=what,
        target=target,
        suggestions=tags.suggest_for(target),
        back=_back_to(target),
    )
    template = (
        "fieldwork/_suggestions.html" if request.htmx else "fieldwork/suggestions_page.html"  # type: ignore[attr-defined]
    )
    return render(request, template, context)


@require_GET
@login_required
def suggestions(request: HttpRequest, slug: str, what: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    return _suggestions_response(request, approach, what, _tag_target(approach, what, pk))


@require_POST
@login_required
def tag_decide(request: HttpRequest, slug: str, what: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    target = _tag_target(approach, what, pk)
    code = request.POST.get("code", "")
    labels = services.dimension_labels()
    if code not in labels:
        messages.error(request, "Dimension inconnue : rien n'est enregistré.")
        return redirect(_back_to(target))
    accepted = request.POST.get("decision") == "confirmer"
    tags.decide(target, code, accepted, request.user)
    if request.htmx:  # type: ignore[attr-defined]
        return _suggestions_response(request, approach, what, target)
    verb = "ajoutée" if accepted else "écartée"
    messages.success(request, f"Dimension « {labels[code]} » {verb}.")
    return redirect(_back_to(target))


# --------------------------------------------------------------------------------------
# Testimonies and quotes
# --------------------------------------------------------------------------------------


def _testimony(approach: Approach, pk: int) -> Testimony:
    return get_object_or_404(Testimony.objects.select_related("approach"), pk=pk, approach=approach)


@require_GET
@login_required
def testimony_list(request: HttpRequest, slug: str) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    dimension = request.GET.get("dimension", "")
    category = request.GET.get("qui", "")
    qs = Testimony.objects.filter(approach=approach)
    if category in SpeakerCategory.values:
        qs = qs.filter(speaker_category=category)
    if dimension:
        keep = {
            tid
            for tid, dims in Quote.objects.filter(testimony__approach=approach).values_list(
                "testimony_id", "dimensions"
            )
            if dimension in dims
        }
        qs = qs.filter(pk__in=keep)
    page = Paginator(
        qs.select_related("approach")
        .prefetch_related(Prefetch("quotes", queryset=Quote.objects.order_by("order", "pk")))
        .order_by("-spoken_on", "-pk"),
        PER_PAGE,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "fieldwork/testimony_list.html",
        _ctx(
            request,
            approach,
            testimonies=page,
            page=page,
            dimension_choices=services.dimension_choices(),
            categories=SpeakerCategory.choices,
            selected={"dimension": dimension, "qui": category},
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
def testimony_create(request: HttpRequest, slug: str) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    form = TestimonyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        testimony = form.save(commit=False)
        testimony.approach = approach
        testimony.author = request.user
        testimony.save()
        messages.success(request, "Le témoignage est enregistré : ajoutez-y des citations.")
        return redirect(testimony.get_absolute_url() + "#citations")
    return render(
        request, "fieldwork/testimony_form.html", _ctx(request, approach, form=form, testimony=None)
    )


@require_GET
@login_required
def testimony_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    testimony = _testimony(approach, pk)
    return render(
        request,
        "fieldwork/testimony_detail.html",
        _ctx(
            request,
            approach,
            testimony=testimony,
            quotes=testimony.quotes.all(),
            quote_form=QuoteForm(),
            vulnerabilities=testimony.vulnerabilities.all(),
            resources=testimony.resources.all(),
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
def testimony_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    testimony = _testimony(approach, pk)
    form = TestimonyForm(request.POST or None, instance=testimony)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Le témoignage est enregistré.")
        return redirect(testimony.get_absolute_url())
    return render(
        request,
        "fieldwork/testimony_form.html",
        _ctx(request, approach, form=form, testimony=testimony),
    )


@require_http_methods(["GET", "POST"])
@login_required
def testimony_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    testimony = _testimony(approach, pk)
    return _delete_page(
        request,
        approach,
        testimony,
        f"Le témoignage « {testimony} »",
        testimony.get_absolute_url(),
        reverse("fieldwork:testimony_list", args=[approach.slug]),
    )


@require_POST
@login_required
def quote_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    testimony = _testimony(approach, pk)
    form = QuoteForm(request.POST)
    if form.is_valid():
        quote = form.save(commit=False)
        quote.testimony = testimony
        quote.order = testimony.quotes.count()
        with transaction.atomic():
            quote.save()
            tags.record_chosen(quote, (), request.user)
        messages.success(request, "La citation est ajoutée ; vérifiez les dimensions suggérées.")
        return redirect(quote.get_absolute_url())
    return render(
        request,
        "fieldwork/testimony_detail.html",
        _ctx(
            request,
            approach,
            testimony=testimony,
            quotes=testimony.quotes.all(),
            quote_form=form,
            vulnerabilities=testimony.vulnerabilities.all(),
            resources=testimony.resources.all(),
        ),
        status=400,
    )


def _quote(approach: Approach, pk: int) -> Quote:
    return get_object_or_404(
        Quote.objects.select_related("testimony__approach"), pk=pk, testimony__approach=approach
    )


@require_http_methods(["GET", "POST"])
@login_required
def quote_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    quote = _quote(approach, pk)
    before = list(quote.dimensions)
    form = QuoteForm(request.POST or None, instance=quote)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            tags.record_chosen(quote, before, request.user)
        messages.success(request, "La citation est enregistrée.")
        return redirect(quote.get_absolute_url())
    return render(
        request, "fieldwork/quote_form.html", _ctx(request, approach, form=form, quote=quote)
    )


@require_http_methods(["GET", "POST"])
@login_required
def quote_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    quote = _quote(approach, pk)
    return _delete_page(
        request,
        approach,
        quote,
        "La citation",
        quote.get_absolute_url(),
        quote.testimony.get_absolute_url() + "#citations",
    )


# --------------------------------------------------------------------------------------
# Vulnerabilities and resources
# --------------------------------------------------------------------------------------


def _kind(kind: str) -> tuple[type[Vulnerability] | type[Resource], Any]:
    if kind not in KINDS:
        raise Http404
    return KINDS[kind]


def _item(approach: Approach, kind: str, pk: int) -> Vulnerability | Resource:
    model, _ = _kind(kind)
    return get_object_or_404(model.objects.select_related("approach"), pk=pk, approach=approach)


@require_GET
@login_required
def inventory(request: HttpRequest, slug: str) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    dimension = request.GET.get("dimension", "")
    hazard = request.GET.get("alea", "")
    kind = request.GET.get("type", "")
    hazards = services.hazards_for(approach)
    groups = []
    for code, (model, _) in KINDS.items():
        if kind and kind != code:
            continue
        qs = model.objects.filter(approach=approach).select_related("approach")
        qs = qs.prefetch_related("hazards").annotate(
            evidence=Count("observations", distinct=True)
            + Count("testimonies", distinct=True)
            + Count("indicators", distinct=True)
        )
        if hazard:
            qs = qs.filter(hazards__code=hazard).filter(
                Q(hazards__approach=None) | Q(hazards__approach=approach)
            )
        order = "-severity" if model is Vulnerability else "-strength"
        items = _filter_dimension(list(qs.order_by(order, "title")), dimension)
        groups.append((code, model.kind_label, items))
    return render(
        request,
        "fieldwork/inventory.html",
        _ctx(
            request,
            approach,
            groups=groups,
            hazards=hazards,
            dimension_choices=services.dimension_choices(),
            kinds=[(k, m.kind_label) for k, (m, _) in KINDS.items()],
            selected={"dimension": dimension, "alea": hazard, "type": kind},
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
def item_create(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    model, form_class = _kind(kind)
    initial = {}
    if obs := request.GET.get("observation"):
        initial["observations"] = Observation.objects.filter(
            approach=approach, pk__in=[obs] if obs.isdigit() else []
        )
    form = form_class(request.POST or None, approach=approach, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            item = form.save(commit=False)
            item.approach = approach
            item.save()
            form.save_m2m()
        messages.success(request, f"{model.kind_label} « {item.title} » enregistrée.")
        return redirect(item.get_absolute_url())
    return render(
        request,
        "fieldwork/item_form.html",
        _ctx(request, approach, form=form, item=None, kind=kind, kind_label=model.kind_label),
    )


@require_GET
@login_required
def item_detail(request: HttpRequest, slug: str, kind: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    item = _item(approach, kind, pk)
    return render(
        request,
        "fieldwork/item_detail.html",
        _ctx(
            request,
            approach,
            item=item,
            kind=kind,
            hazards=item.hazards.all(),
            observations=item.observations.all(),
            testimonies=item.testimonies.all(),
            indicators=item.indicators.all(),
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
def item_edit(request: HttpRequest, slug: str, kind: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    item = _item(approach, kind, pk)
    _, form_class = _kind(kind)
    form = form_class(request.POST or None, instance=item, approach=approach)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"« {item.title} » est enregistrée.")
        return redirect(item.get_absolute_url())
    return render(
        request,
        "fieldwork/item_form.html",
        _ctx(request, approach, form=form, item=item, kind=kind, kind_label=item.kind_label),
    )


@require_http_methods(["GET", "POST"])
@login_required
def item_delete(request: HttpRequest, slug: str, kind: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    item = _item(approach, kind, pk)
    return _delete_page(
        request,
        approach,
        item,
        f"{item.kind_label} « {item.title} »",
        item.get_absolute_url(),
        reverse("fieldwork:inventory", args=[approach.slug]),
    )


# --------------------------------------------------------------------------------------
# Map and hazards
# --------------------------------------------------------------------------------------


@require_GET
@login_required
def field_map(request: HttpRequest, slug: str) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    features = services.map_features(approach)["features"]
    return render(
        request,
        "fieldwork/map.html",
        _ctx(request, approach, features=[f["properties"] for f in features]),
    )


@require_GET
@login_required
def field_map_geojson(request: HttpRequest, slug: str) -> JsonResponse:
    approach = get_approach_for_user(request, slug)
    return JsonResponse(services.map_features(approach))


@require_http_methods(["GET", "POST"])
@login_required
def hazard_list(request: HttpRequest, slug: str) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    form = HazardForm()
    if request.method == "POST":
        approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
        form = HazardForm(request.POST)
        if form.is_valid():
            from django.utils.text import slugify

            hazard = form.save(commit=False)
            hazard.approach = approach
            base = slugify(hazard.label)[:50] or "alea"
            code, n = base, 1
            while Hazard.objects.filter(approach=approach, code=code).exists():
                n += 1
                code = f"{base}-{n}"
            hazard.code = code
            hazard.order = 1000
            hazard.save()
            messages.success(request, f"L'aléa « {hazard.label} » est ajouté.")
            return redirect("fieldwork:hazard_list", approach.slug)
    hazards = Hazard.objects.filter(pk__in=[h.pk for h in services.hazards_for(approach)]).annotate(
        vuln_count=Count(
            "vulnerabilities", filter=Q(vulnerabilities__approach=approach), distinct=True
        ),
        res_count=Count("resources", filter=Q(resources__approach=approach), distinct=True),
    )
    return render(
        request, "fieldwork/hazard_list.html", _ctx(request, approach, hazards=hazards, form=form)
    )


@require_POST
@login_required
def hazard_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    hazard = get_object_or_404(Hazard, pk=pk, approach=approach)
    hazard.delete()
    messages.success(request, f"L'aléa « {hazard.label} » est retiré.")
    return redirect("fieldwork:hazard_list", approach.slug)
