"""Steering: meetings of the steering bodies, their decisions, the decision log.

Every member reads; members who contribute (CONTRIBUTE) record and edit meetings and
decisions; deleting a meeting and its decisions needs EDIT_FRAMING.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.forms import inlineformset_factory
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ressort.approaches.access import RIGHTS, Right, get_approach_for_user
from ressort.approaches.models import Approach
from ressort.approaches.views import approach_context
from ressort.monitoring.forms import DecisionForm, MeetingForm
from ressort.monitoring.models import Decision, DecisionKind, Meeting

DecisionFormSet = inlineformset_factory(
    Meeting, Decision, form=DecisionForm, extra=2, can_delete=True
)


def get_meeting_for_user(approach: Approach, pk: int) -> Meeting:
    return get_object_or_404(Meeting, approach=approach, pk=pk)


def _can(approach: Approach, right: Right) -> bool:
    return approach.current_role in RIGHTS[right]  # type: ignore[attr-defined]


@require_GET
@login_required
def meeting_list(request: HttpRequest, slug: str) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    meetings = Paginator(approach.meetings.all().prefetch_related("decisions"), 20).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "monitoring/meeting_list.html",
        approach_context(
            request,
            approach,
            page=meetings,
            may_contribute=_can(approach, Right.CONTRIBUTE),
        ),
    )


@require_GET
@login_required
def meeting_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    meeting = get_meeting_for_user(approach, pk)
    return render(
        request,
        "monitoring/meeting_detail.html",
        approach_context(
            request,
            approach,
            meeting=meeting,
            decisions=meeting.decisions.prefetch_related("actions"),
            may_contribute=_can(approach, Right.CONTRIBUTE),
            may_delete=_can(approach, Right.EDIT_FRAMING),
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
def meeting_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    meeting = (
        get_meeting_for_user(approach, pk)
        if pk is not None
        else Meeting(approach=approach, created_by=request.user)
    )
    initial = {}
    if pk is None:  # the steering committee's members set in the governance
        from ressort.approaches.models import GovernanceBody

        members = approach.governance.filter(body=GovernanceBody.STEERING)
        initial["attendees"] = "\n".join(
            ", ".join(p for p in (m.name, m.position, m.organisation) if p) for m in members
        )
    form = MeetingForm(request.POST or None, instance=meeting, prefix="reunion", initial=initial)
    formset = DecisionFormSet(
        request.POST or None,
        instance=meeting,
        prefix="decisions",
        form_kwargs={"approach": approach},
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        with transaction.atomic():
            meeting = form.save()
            for decision in formset.save(commit=False):
                decision.approach = approach
                decision.meeting = meeting
                decision.save()
            formset.save_m2m()
            for gone in formset.deleted_objects:
                gone.delete()
        messages.success(request, f"La réunion « {meeting.label} » est enregistrée.")
        return redirect("monitoring:meeting_detail", approach.slug, meeting.pk)
    return render(
        request,
        "monitoring/meeting_form.html",
        approach_context(request, approach, form=form, formset=formset, meeting=meeting),
    )


@require_POST
@login_required
def meeting_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.EDIT_FRAMING)
    meeting = get_meeting_for_user(approach, pk)
    label = meeting.label
    meeting.delete()
    messages.success(request, f"La réunion « {label} » et ses décisions sont supprimées.")
    return redirect("monitoring:meeting_list", approach.slug)


@require_GET
@login_required
def decision_log(request: HttpRequest, slug: str) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    decisions = (
        approach.decisions.select_related("meeting")
        .prefetch_related("actions")
        .order_by("-meeting__date", "pk")
    )
    kind = request.GET.get("nature", "")
    if kind in DecisionKind.values:
        decisions = decisions.filter(kind=kind)
    pending = request.GET.get("suite") == "a_faire"
    if pending:
        decisions = decisions.filter(done=False)
    page = Paginator(decisions, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "monitoring/decision_log.html",
        approach_context(
            request,
            approach,
            page=page,
            kinds=DecisionKind.choices,
            kind=kind,
            pending=pending,
            kept=urlencode([(k, v) for k, v in request.GET.items() if k != "page" and v]),
        ),
    )
