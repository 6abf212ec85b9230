"""Training sessions: participants and their scores, the attendance import, the
formation-action commitments, and the attendance sheet and certificates as PDF."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify

from ressort.analysis.typography import plural
from ressort.approaches.models import Approach
from ressort.tables import TableError
from ressort.training import services
from ressort.training.forms import (
    AttendanceImportForm,
    AttendeeForm,
    CommitmentForm,
    ScoresForm,
    SessionForm,
)
from ressort.training.models import Attendee, Commitment, Session
from ressort.web import Right, demarche_view, get_scoped, link_to
from ressort.web.files import download
from ressort.web.generic import Noun, add_view, delete_view, object_pages
from ressort.web.scoped import WRITE

_overview_url = link_to("training:overview")


_session_url = link_to("training:session", "pk")


_parent_url = link_to("training:session", "session_id")


session_edit, session_delete = object_pages(
    Session,
    SessionForm,
    title=lambda s: (
        f"Modifier la session du {s.held_on:%d/%m/%Y}" if s.pk else "Programmer une session"
    ),
    done=_session_url,
    listing=_overview_url,
    delete="training:session_delete",
    saved="La session est enregistrée.",
    what=lambda s: f"La session du {s.held_on:%d/%m/%Y}",
    consequence="ses participant·es et leurs notes partent avec elle\u00a0; les idées et actions "
    "nées de ses engagements restent",
    gone="{what} est supprimée.",
)
attendee_edit, attendee_delete = object_pages(
    Attendee,
    ScoresForm,
    title=lambda a: f"Présence et notes de {a.name}",
    done=_parent_url,
    delete="training:attendee_delete",
    what=lambda a: f"L'inscription de {a.name}",
    gone="{what} est retirée.",
)


def _render_session(
    request: HttpRequest, approach: Approach, session: Session, bound: dict[str, Any] | None = None
) -> HttpResponse:
    bound = bound or {}
    return render(
        request,
        "training/session.html",
        {
            "session": session,
            "attendees": session.attendees.select_related("member"),
            "commitments": session.commitments.select_related("attendee", "idea", "action"),
            "attendee_form": bound.get("attendee")
            or AttendeeForm(prefix="attendee", approach=approach, session=session),
            "import_form": bound.get("import") or AttendanceImportForm(prefix="import"),
            "import_faults": bound.get("faults", []),
            "commitment_form": bound.get("commitment")
            or CommitmentForm(prefix="commitment", session=session),
        },
        status=400 if bound else 200,
    )


@demarche_view(Right.VIEW, objects={"pk": Session})
def session_detail(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    session = get_scoped(Session.objects.select_related("module", "path"), approach, pk=pk)
    return _render_session(request, approach, session)


attendee_add = add_view(
    Session,
    AttendeeForm,
    parent="session",
    prefix="attendee",
    form_kwargs=lambda request, approach, session: {"approach": approach, "session": session},
    fill=lambda request, attendee, form: setattr(attendee, "name", form.cleaned_data["name"]),
    page=lambda request, approach, session, form: _render_session(
        request, approach, session, {"attendee": form}
    ),
    saved=lambda attendee: f"{attendee.name} est inscrit·e.",
    done=link_to("training:session", "session_id", fragment="participants"),
)


@demarche_view(Right.CONTRIBUTE, WRITE, objects={"pk": Session})
def attendance_import(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    session = get_scoped(Session, approach, pk=pk)
    form = AttendanceImportForm(request.POST, request.FILES, prefix="import")
    if not form.is_valid():
        return _render_session(request, approach, session, {"import": form})
    upload = form.cleaned_data["file"]
    try:
        count = services.import_attendance(session, upload.read(), upload.name)
    except TableError as error:
        return _render_session(
            request, approach, session, {"import": form, "faults": [str(f) for f in error.faults]}
        )
    messages.success(
        request, f"La présence et les notes de {plural(count, 'personne')} sont à jour."
    )
    return redirect(_session_url(request, session) + "#participants")


commitment_add = add_view(
    Session,
    CommitmentForm,
    parent="session",
    prefix="commitment",
    form_kwargs=lambda request, approach, session: {"session": session},
    page=lambda request, approach, session, form: _render_session(
        request, approach, session, {"commitment": form}
    ),
    saved="L'engagement est noté.",
    done=link_to("training:session", "session_id", fragment="engagements"),
)


@demarche_view(Right.CONTRIBUTE, WRITE, objects={"pk": Commitment})
def commitment_idea(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    commitment = get_scoped(Commitment.objects.select_related("session"), approach, pk=pk)
    services.commitment_to_idea(commitment)
    messages.success(request, "L'engagement est devenu une idée d'action, son origine gardée.")
    return redirect(_session_url(request, commitment.session) + "#engagements")


@demarche_view(Right.CONTRIBUTE, WRITE, objects={"pk": Commitment})
def commitment_action(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    commitment = get_scoped(Commitment.objects.select_related("session"), approach, pk=pk)
    services.commitment_to_action(commitment, request.user)
    messages.success(
        request, "L'engagement est devenu une action de la démarche, son origine gardée."
    )
    return redirect(_session_url(request, commitment.session) + "#engagements")


commitment_delete = delete_view(
    Commitment,
    noun=Noun("l'engagement", None, removed=True),
    done=_parent_url,
    consequence="l'idée ou l'action qui en est née reste",
)


def _pdf(
    approach: Approach, template: str, context: dict[str, Any], filename: str, **frame: Any
) -> HttpResponse:
    """A sheet in the frame of every document: branding, A4, French, tagged."""
    from ressort.documents import sheets

    return download(sheets.write_pdf(approach, template, context, **frame), filename)


@demarche_view(Right.VIEW, objects={"pk": Session})
def attendance_sheet(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    session = get_scoped(Session.objects.select_related("module"), approach, pk=pk)
    return _pdf(
        approach,
        "training/attendance_sheet.pdf.html",
        {"session": session, "attendees": session.attendees.all()},
        f"emargement-{session.held_on:%Y-%m-%d}.pdf",
        title="Feuille d'émargement",
    )


@demarche_view(Right.VIEW, objects={"pk": Attendee})
def certificate(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    attendee = get_scoped(Attendee.objects.select_related("session__module"), approach, pk=pk)
    if not attendee.present:
        messages.error(request, f"{attendee.name} n'est pas noté·e présent·e : pas d'attestation.")
        return redirect(_session_url(request, attendee.session) + "#participants")
    return _pdf(
        approach,
        "training/certificate.pdf.html",
        {"attendee": attendee, "session": attendee.session},
        f"attestation-{slugify(attendee.name) or attendee.pk}.pdf",
        title="Attestation de formation",
        numbered=False,  # one page
    )
