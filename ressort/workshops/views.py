"""Facilitator pages (démarche members) of the workshops.

Rights: every member reads workshops and their results (VIEW); preparing, driving,
moderating and sending results into the démarche needs CONTRIBUTE. Another démarche's
workshop is a 404.
"""

from __future__ import annotations

from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ressort.approaches.access import Right, get_approach_for_user
from ressort.approaches.models import Approach
from ressort.approaches.views import approach_context
from ressort.workshops import live, services
from ressort.workshops.forms import ActivityForm, WorkshopForm
from ressort.workshops.kinds import REGISTRY, DeliveryError, get_kind
from ressort.workshops.models import Activity, Answer, Workshop


def _workshop(approach: Approach, pk: int) -> Workshop:
    return get_object_or_404(Workshop.objects.select_related("approach"), pk=pk, approach=approach)


def _activity(workshop: Workshop, pk: int) -> Activity:
    activity = get_object_or_404(Activity, pk=pk, workshop=workshop)
    activity.workshop = workshop
    return activity


def join_url(request: HttpRequest, workshop: Workshop) -> str:
    return request.build_absolute_uri(reverse("atelier:enter", args=[workshop.join_code]))


@require_http_methods(["GET", "POST"])
@login_required
def workshop_list(request: HttpRequest, slug: str) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    form = WorkshopForm()
    if request.method == "POST":
        approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
        form = WorkshopForm(request.POST)
        if form.is_valid():
            workshop = form.save(commit=False)
            workshop.approach = approach
            workshop.created_by = request.user
            workshop.code_expires_at = workshop.default_expiry()
            workshop.save()
            messages.success(request, f"L'atelier « {workshop.title} » est créé.")
            return redirect("workshops:detail", approach.slug, workshop.pk)
    workshops = approach.workshops.all()
    return render(
        request,
        "workshops/list.html",
        approach_context(request, approach, workshops=workshops, form=form),
    )


@require_GET
@login_required
def workshop_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    workshop = _workshop(approach, pk)
    activities = list(workshop.activities.all())
    counts = dict(
        Answer.objects.filter(activity__workshop=workshop, hidden=False)
        .values_list("activity")
        .annotate(n=Count("participant", distinct=True))
        .order_by()
    )
    for a in activities:
        a.workshop = workshop
        a.respondents = counts.get(a.pk, 0)  # type: ignore[attr-defined]
        a.kind_label = REGISTRY[a.kind].label if a.kind in REGISTRY else a.kind  # type: ignore[attr-defined]
    return render(
        request,
        "workshops/detail.html",
        approach_context(
            request,
            approach,
            workshop=workshop,
            activities=activities,
            kinds=REGISTRY.values(),
            join_url=join_url(request, workshop),
            participants=workshop.participants.count(),
            code_valid=workshop.code_is_valid(),
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
def workshop_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    workshop = _workshop(approach, pk)
    form = WorkshopForm(request.POST or None, instance=workshop)
    if request.method == "POST" and form.is_valid():
        workshop = form.save()
        messages.success(request, "L'atelier est enregistré.")
        return redirect("workshops:detail", approach.slug, workshop.pk)
    return render(
        request,
        "workshops/edit.html",
        approach_context(request, approach, workshop=workshop, form=form),
    )


@require_http_methods(["GET", "POST"])
@login_required
def workshop_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    workshop = _workshop(approach, pk)
    if request.method == "POST":
        title = workshop.title
        workshop.delete()
        messages.success(request, f"L'atelier « {title} » et ses réponses sont supprimés.")
        return redirect("workshops:list", approach.slug)
    return render(
        request,
        "workshops/delete.html",
        approach_context(
            request,
            approach,
            workshop=workshop,
            answers=Answer.objects.filter(activity__workshop=workshop).count(),
        ),
    )


@require_POST
@login_required
def workshop_code(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    workshop = _workshop(approach, pk)
    workshop.regenerate_code()
    workshop.save(update_fields=["join_code", "code_expires_at"])
    messages.success(
        request, f"Nouveau code : {workshop.join_code}. L'ancien ne permet plus de rejoindre."
    )
    return redirect("workshops:detail", approach.slug, workshop.pk)


@require_GET
@login_required
def workshop_qr(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    workshop = _workshop(approach, pk)
    link = f"{join_url(request, workshop)}?cle={services.qr_key(workshop)}"
    qr = segno.make(link, error="m")
    svg = qr.svg_inline(scale=6, title=f"Code QR pour rejoindre l'atelier {workshop.title}")
    return HttpResponse(svg, content_type="image/svg+xml")


# --------------------------------------------------------------------------------------
# Activities
# --------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def activity_edit(request: HttpRequest, slug: str, pk: int, apk: int | None = None) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    workshop = _workshop(approach, pk)
    activity = _activity(workshop, apk) if apk else None
    code = activity.kind if activity else request.GET.get("type", request.POST.get("type", ""))
    try:
        kind = get_kind(code)
    except LookupError:
        raise Http404("Type d'activité inconnu.") from None
    if activity and activity.state != Activity.State.DRAFT:
        messages.error(
            request, "Une activité déjà ouverte ne se modifie plus : ses réponses en dépendent."
        )
        return redirect("workshops:detail", approach.slug, workshop.pk)
    initial = {"title": activity.title, **kind.initial(activity.config)} if activity else {}
    form = ActivityForm(request.POST or None, kind=kind, approach=approach, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            if activity is None:
                last = workshop.activities.order_by("-order").first()
                activity = Activity(
                    workshop=workshop, kind=kind.code, order=(last.order + 1) if last else 1
                )
            activity.title = form.cleaned_data["title"]
            activity.config = form.config
            activity.save()
        messages.success(request, f"L'activité « {activity.title} » est enregistrée.")
        return redirect("workshops:detail", approach.slug, workshop.pk)
    return render(
        request,
        "workshops/activity_edit.html",
        approach_context(
            request, approach, workshop=workshop, activity=activity, kind=kind, form=form
        ),
    )


@require_POST
@login_required
def activity_delete(request: HttpRequest, slug: str, pk: int, apk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    workshop = _workshop(approach, pk)
    activity = _activity(workshop, apk)
    activity.delete()
    live.notify_workshop(workshop.pk)
    messages.success(request, f"L'activité « {activity.title} » est supprimée.")
    return redirect("workshops:detail", approach.slug, workshop.pk)


@require_POST
@login_required
def activity_move(request: HttpRequest, slug: str, pk: int, apk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    workshop = _workshop(approach, pk)
    activity = _activity(workshop, apk)
    siblings = list(workshop.activities.all())
    i = siblings.index(activity)
    j = i - 1 if request.POST.get("sens") == "haut" else i + 1
    if 0 <= j < len(siblings):
        siblings[i], siblings[j] = siblings[j], siblings[i]
        for n, act in enumerate(siblings, start=1):
            act.order = n
        Activity.objects.bulk_update(siblings, ["order"])
    return redirect("workshops:detail", approach.slug, workshop.pk)


@require_POST
@login_required
def activity_state(request: HttpRequest, slug: str, pk: int, apk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    workshop = _workshop(approach, pk)
    activity = _activity(workshop, apk)
    state = request.POST.get("state", "")
    if state not in Activity.State.values:
        messages.error(request, "État inconnu.")
    else:
        services.set_state(activity, state)
        live.notify_workshop(workshop.pk)
        verb = {"ouverte": "ouverte", "close": "close", "brouillon": "remise en préparation"}[state]
        messages.success(request, f"L'activité « {activity.title} » est {verb}.")
    back = request.POST.get("retour")
    if back == "projection":
        return redirect("workshops:projection", approach.slug, workshop.pk)
    if back == "resultats":
        return redirect("workshops:activity", approach.slug, workshop.pk, activity.pk)
    return redirect("workshops:detail", approach.slug, workshop.pk)


def _results_context(activity: Activity) -> dict[str, Any]:
    kind = get_kind(activity.kind)
    return {
        "activity": activity,
        "kind": kind,
        "results": services.results(activity),
        "participation": services.participation(activity),
        "projection_template": kind.projection_template,
    }


@require_GET
@login_required
def activity_results(request: HttpRequest, slug: str, pk: int, apk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    workshop = _workshop(approach, pk)
    activity = _activity(workshop, apk)
    answers = list(activity.answers.select_related("participant").order_by("created_at", "pk"))
    return render(
        request,
        "workshops/activity.html",
        approach_context(
            request,
            approach,
            workshop=workshop,
            answers=answers,
            **_results_context(activity),
        ),
    )


@require_POST
@login_required
def answer_hide(request: HttpRequest, slug: str, pk: int, apk: int, answer: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    workshop = _workshop(approach, pk)
    activity = _activity(workshop, apk)
    target = get_object_or_404(Answer, pk=answer, activity=activity)
    target.hidden = request.POST.get("hidden") == "1"
    target.save(update_fields=["hidden"])
    live.notify_projection(workshop.pk, activity.pk)
    messages.success(
        request,
        "La contribution est masquée."
        if target.hidden
        else "La contribution est de nouveau visible.",
    )
    if request.POST.get("retour") == "projection":
        return redirect("workshops:projection", approach.slug, workshop.pk)
    return redirect("workshops:activity", approach.slug, workshop.pk, activity.pk)


@require_POST
@login_required
def activity_deliver(request: HttpRequest, slug: str, pk: int, apk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    workshop = _workshop(approach, pk)
    activity = _activity(workshop, apk)
    try:
        report = services.deliver(activity)
    except DeliveryError as error:
        messages.error(request, f"Résultats non envoyés : {error}")
    else:
        messages.success(request, f"Résultats envoyés dans la démarche : {report}")
    return redirect("workshops:activity", approach.slug, workshop.pk, activity.pk)


# --------------------------------------------------------------------------------------
# Projection
# --------------------------------------------------------------------------------------


def _projection_context(workshop: Workshop, activity_pk: str | None) -> dict[str, Any]:
    activities = list(workshop.activities.all())
    current = None
    if activity_pk and activity_pk.isdigit():
        current = next((a for a in activities if a.pk == int(activity_pk)), None)
    if current is None:
        current = next((a for a in activities if a.is_open), None)
    if current is None:
        closed = [a for a in activities if a.state == Activity.State.CLOSED]
        current = closed[-1] if closed else None
    ctx: dict[str, Any] = {"workshop": workshop, "activities": activities, "current": current}
    if current is not None:
        current.workshop = workshop
        ctx.update(_results_context(current))
    return ctx


@require_GET
@login_required
def projection(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    workshop = _workshop(approach, pk)
    return render(
        request,
        "workshops/projection.html",
        approach_context(
            request,
            approach,
            join_url=join_url(request, workshop),
            **_projection_context(workshop, request.GET.get("activite")),
        ),
    )


@require_GET
@login_required
def projection_fragment(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    workshop = _workshop(approach, pk)
    return render(
        request,
        "workshops/_projection_body.html",
        approach_context(
            request, approach, **_projection_context(workshop, request.GET.get("activite"))
        ),
    )
