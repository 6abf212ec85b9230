"""Facilitator pages (démarche members) of the workshops.

Rights: every member reads workshops and their results (VIEW); preparing, driving,
moderating and sending results into the démarche needs CONTRIBUTE. Another démarche's
workshop, activity or answer is a 404 (`ressort.web.get_scoped`).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from ressort.approaches.access import Right
from ressort.approaches.models import Approach
from ressort.web import link_to
from ressort.web.generic import Noun, add_view, delete_view, object_pages
from ressort.web.scoped import FORM, READ, WRITE, demarche_view, get_scoped
from ressort.workshops import live, services
from ressort.workshops.forms import ActivityForm, WorkshopForm
from ressort.workshops.kinds import REGISTRY, DeliveryError, UnknownKind, get_kind
from ressort.workshops.models import Activity, Answer, Workshop
from ressort.workshops.qr import qr_svg

# An activity's URL carries its workshop's id and its own (…/ateliers/<pk>/activites/<apk>/).
ACTIVITY = {"apk": Activity, "pk": "apk.workshop_id"}


def _workshop(approach: Approach, pk: int) -> Workshop:
    return get_scoped(Workshop.objects.select_related("approach"), approach, pk=pk)


def _activity(approach: Approach, pk: int, apk: int) -> tuple[Workshop, Activity]:
    """The workshop `pk` and its activity `apk` (another workshop's activity is a 404)."""
    workshop = _workshop(approach, pk)
    activity = get_scoped(Activity, approach, pk=apk, workshop=workshop)
    activity.workshop = workshop
    return workshop, activity


def join_url(request: HttpRequest, workshop: Workshop) -> str:
    return request.build_absolute_uri(reverse("atelier:enter", args=[workshop.join_code]))


_detail_url = link_to("workshops:detail", "pk")


def _list_page(
    request: HttpRequest, approach: Approach, form: WorkshopForm | None = None
) -> HttpResponse:
    return render(
        request,
        "workshops/list.html",
        {"workshops": approach.workshops.all(), "form": form or WorkshopForm()},
    )


@demarche_view(Right.VIEW, READ)
def workshop_list(request: HttpRequest, approach: Approach) -> HttpResponse:
    return _list_page(request, approach)


def _new_workshop(request: HttpRequest, workshop: Workshop, form: WorkshopForm) -> None:
    workshop.created_by = request.user
    workshop.code_expires_at = workshop.default_expiry()


workshop_add = add_view(
    None,
    WorkshopForm,
    fill=_new_workshop,
    page=lambda request, approach, _, form: _list_page(request, approach, form),
    saved=lambda workshop: f"L'atelier « {workshop.title} » est créé.",
    done=link_to("workshops:detail", "pk"),
)


@demarche_view(Right.VIEW, READ, objects={"pk": Workshop})
def workshop_detail(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
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
        a.kind_label = get_kind(a.kind).label  # type: ignore[attr-defined]
    return render(
        request,
        "workshops/detail.html",
        {
            "workshop": workshop,
            "activities": activities,
            "kinds": REGISTRY.values(),
            "join_url": join_url(request, workshop),
            "participants": workshop.participants.count(),
            "code_valid": workshop.code_is_valid(),
        },
    )


workshop_edit, workshop_delete = object_pages(
    Workshop,
    WorkshopForm,
    right=Right.CONTRIBUTE,
    noun=Noun("l'atelier", attr="title"),
    done=_detail_url,
    delete="workshops:delete",
    deleted=link_to("workshops:list"),
    consequence="ses activités et leurs réponses aussi (les résultats déjà envoyés dans la "
    "démarche y restent)",
    gone="{what} et ses réponses sont supprimés.",
)


@demarche_view(Right.CONTRIBUTE, WRITE, objects={"pk": Workshop})
def workshop_code(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    workshop = _workshop(approach, pk)
    workshop.regenerate_code()
    workshop.save(update_fields=["join_code", "code_expires_at"])
    messages.success(
        request, f"Nouveau code : {workshop.join_code}. L'ancien ne permet plus de rejoindre."
    )
    return redirect("workshops:detail", approach.slug, workshop.pk)


def qr_link(request: HttpRequest, workshop: Workshop) -> str:
    """The join address with its signed key: the QR code always gets in (join limits)."""
    return f"{join_url(request, workshop)}?cle={services.qr_key(workshop)}"


@demarche_view(Right.VIEW, READ, objects={"pk": Workshop})
def workshop_qr(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    workshop = _workshop(approach, pk)
    svg = qr_svg(qr_link(request, workshop), f"Code QR pour rejoindre « {workshop.title} »")
    return HttpResponse(svg, content_type="image/svg+xml")


@demarche_view(Right.VIEW, READ, objects={"pk": Workshop})
def workshop_invitation(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    """A printable sheet for the tables: the address, the code and the QR code, four times."""
    workshop = _workshop(approach, pk)
    return render(
        request,
        "workshops/invitation.html",
        {"workshop": workshop, "join_url": join_url(request, workshop), "cards": range(4)},
    )


# --------------------------------------------------------------------------------------
# Activities
# --------------------------------------------------------------------------------------


@demarche_view(Right.CONTRIBUTE, FORM, objects={"pk": Workshop})
def activity_new(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    workshop = _workshop(approach, pk)
    if not request.GET.get("type", request.POST.get("type")):  # the kinds are listed there
        return redirect(_detail_url(request, workshop) + "#ajouter")
    return _activity_form(request, approach, workshop, None)


@demarche_view(Right.CONTRIBUTE, FORM, objects=ACTIVITY)
def activity_edit(request: HttpRequest, approach: Approach, pk: int, apk: int) -> HttpResponse:
    workshop, activity = _activity(approach, pk, apk)
    return _activity_form(request, approach, workshop, activity)


def _activity_form(
    request: HttpRequest, approach: Approach, workshop: Workshop, activity: Activity | None
) -> HttpResponse:
    code = activity.kind if activity else request.GET.get("type", request.POST.get("type", ""))
    try:
        kind = get_kind(code)
    except UnknownKind:
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
        {"workshop": workshop, "activity": activity, "kind": kind, "form": form},
    )


def _delete_activity(request: HttpRequest, activity: Activity) -> None:
    workshop = activity.workshop_id
    activity.delete()
    transaction.on_commit(lambda: live.notify_workshop(workshop))  # participants refresh


activity_delete = delete_view(
    Activity,
    item="apk",
    parent="workshop",
    what=lambda activity: f"L'activité « {activity.title} »",
    consequence="ses réponses aussi",
    gone="{what} est supprimée.",
    done=link_to("workshops:detail", "workshop_id"),
    perform=_delete_activity,
)


@demarche_view(Right.CONTRIBUTE, WRITE, objects=ACTIVITY)
def activity_move(request: HttpRequest, approach: Approach, pk: int, apk: int) -> HttpResponse:
    workshop, activity = _activity(approach, pk, apk)
    siblings = list(workshop.activities.all())
    i = siblings.index(activity)
    j = i - 1 if request.POST.get("sens") == "haut" else i + 1
    if 0 <= j < len(siblings):
        siblings[i], siblings[j] = siblings[j], siblings[i]
        for n, act in enumerate(siblings, start=1):
            act.order = n
        Activity.objects.bulk_update(siblings, ["order"])
    return redirect("workshops:detail", approach.slug, workshop.pk)


@demarche_view(Right.CONTRIBUTE, WRITE, objects=ACTIVITY)
def activity_state(request: HttpRequest, approach: Approach, pk: int, apk: int) -> HttpResponse:
    workshop, activity = _activity(approach, pk, apk)
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


@demarche_view(Right.VIEW, READ, objects=ACTIVITY)
def activity_results(request: HttpRequest, approach: Approach, pk: int, apk: int) -> HttpResponse:
    workshop, activity = _activity(approach, pk, apk)
    answers = list(activity.answers.select_related("participant").order_by("created_at", "pk"))
    kind = get_kind(activity.kind)
    for a in answers:
        a.summary = kind.describe(activity.config, a.payload)  # type: ignore[attr-defined]
    return render(
        request,
        "workshops/activity.html",
        {"workshop": workshop, "answers": answers, **_results_context(activity)},
    )


@demarche_view(Right.CONTRIBUTE, WRITE, objects={"answer": Answer})
def answer_hide(request: HttpRequest, approach: Approach, answer: int) -> HttpResponse:
    target = get_scoped(Answer.objects.select_related("activity__workshop"), approach, pk=answer)
    activity = target.activity
    workshop = activity.workshop
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


@demarche_view(Right.CONTRIBUTE, WRITE, objects=ACTIVITY)
def activity_deliver(request: HttpRequest, approach: Approach, pk: int, apk: int) -> HttpResponse:
    workshop, activity = _activity(approach, pk, apk)
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
    following = activities[activities.index(current) + 1 :] if current else activities
    ctx: dict[str, Any] = {
        "workshop": workshop,
        "activities": activities,
        "current": current,
        "next_activity": following[0] if following else None,
    }
    if current is not None:
        current.workshop = workshop
        ctx.update(_results_context(current))
    return ctx


@demarche_view(Right.VIEW, READ, objects={"pk": Workshop})
def projection(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    workshop = _workshop(approach, pk)
    return render(
        request,
        "workshops/projection.html",
        {
            "join_url": join_url(request, workshop),
            "full_screen": request.GET.get("plein-ecran") == "1",
            "dark": request.GET.get("theme") == "sombre",
            **_projection_context(workshop, request.GET.get("activite")),
        },
    )


@demarche_view(Right.VIEW, READ, objects={"pk": Workshop})
def projection_fragment(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    workshop = _workshop(approach, pk)
    return render(
        request,
        "workshops/_projection_body.html",
        _projection_context(workshop, request.GET.get("activite")),
    )
