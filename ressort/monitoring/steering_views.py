"""Steering: meetings of the steering bodies, their decisions, the decision log.

Every member reads; members who contribute (CONTRIBUTE) record and edit meetings and
decisions; deleting a meeting and its decisions needs EDIT_FRAMING.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.forms import inlineformset_factory
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ressort.approaches.access import Right
from ressort.approaches.models import Approach
from ressort.monitoring.forms import DecisionForm, MeetingForm
from ressort.monitoring.models import Decision, DecisionKind, Meeting
from ressort.web import link_to
from ressort.web.generic import delete_view
from ressort.web.scoped import FORM, READ, demarche_view, get_scoped

DecisionFormSet = inlineformset_factory(
    Meeting, Decision, form=DecisionForm, extra=2, can_delete=True
)


@demarche_view(Right.VIEW, READ)
def meeting_list(request: HttpRequest, approach: Approach) -> HttpResponse:
    meetings = Paginator(approach.meetings.all().prefetch_related("decisions"), 20).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "monitoring/meeting_list.html",
        {"page": meetings},
    )


@demarche_view(Right.VIEW, READ, objects={"pk": Meeting})
def meeting_detail(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    meeting = get_scoped(Meeting, approach, pk=pk)
    return render(
        request,
        "monitoring/meeting_detail.html",
        {
            "meeting": meeting,
            "decisions": meeting.decisions.prefetch_related("actions"),
        },
    )


@demarche_view(Right.CONTRIBUTE, FORM, objects={"pk": Meeting})
def meeting_edit(request: HttpRequest, approach: Approach, pk: int | None = None) -> HttpResponse:
    meeting = (
        get_scoped(Meeting, approach, pk=pk)
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
        {"form": form, "formset": formset, "meeting": meeting},
    )


meeting_delete = delete_view(
    Meeting,
    right=Right.EDIT_FRAMING,
    what=lambda meeting: f"La réunion « {meeting.label} »",
    consequence="ses décisions aussi",
    gone="{what} et ses décisions sont supprimées.",
    done=link_to("monitoring:meeting_list"),
    back=link_to("monitoring:meeting_detail", "pk"),
)


@demarche_view(Right.VIEW, READ)
def decision_log(request: HttpRequest, approach: Approach) -> HttpResponse:
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
        {
            "page": page,
            "kinds": DecisionKind.choices,
            "kind": kind,
            "pending": pending,
        },
    )
