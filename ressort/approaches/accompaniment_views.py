"""The facilitating team's follow-up of the accompaniment: sessions, days, deliverables."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ressort.approaches import accompaniment
from ressort.approaches.access import Right
from ressort.approaches.forms import AccompanimentSessionForm, ContractedDaysForm, HandoverForm
from ressort.approaches.models import AccompanimentSession, Approach, Handover
from ressort.web import link_to
from ressort.web.files import download
from ressort.web.generic import Noun, object_pages
from ressort.web.scoped import FORM, READ, demarche_view

_page = link_to("approaches:accompaniment")


@demarche_view(Right.CONTRIBUTE, FORM, post=Right.EDIT_FRAMING)
def overview(request: HttpRequest, approach: Approach) -> HttpResponse:
    rows = accompaniment.days_by_brique(approach)
    form = ContractedDaysForm(request.POST or None, rows=rows)
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():
                accompaniment.set_contracted(approach, form.days())
            messages.success(request, "Les jours contractés sont enregistrés.")
            return redirect("approaches:accompaniment", approach.slug)
        messages.error(request, "Les jours contractés n'ont pas été enregistrés\u00a0: corrigez.")
    sessions = approach.accompaniment_sessions.all()
    return render(
        request,
        "approaches/accompaniment.html",
        {
            "rows": rows,
            "form": form,
            "sessions": sessions,
            "handovers": approach.handovers.all(),
            "total_spent": sum(r.spent for r in rows),
            "total_contracted": sum(r.contracted or 0 for r in rows),
        },
    )


@demarche_view(Right.CONTRIBUTE, READ)
def export_csv(request: HttpRequest, approach: Approach) -> HttpResponse:
    return download(accompaniment.sessions_csv(approach), f"{approach.slug}-seances.csv")


@demarche_view(Right.CONTRIBUTE, READ)
def export_xlsx(request: HttpRequest, approach: Approach) -> HttpResponse:
    return download(accompaniment.workbook(approach), f"{approach.slug}-accompagnement.xlsx")


session_edit, session_delete = object_pages(
    AccompanimentSession,
    AccompanimentSessionForm,
    noun=Noun("la séance", attr="title", feminine=True, add="Ajouter une séance tenue"),
    done=_page,
    delete="approaches:session_delete",
)
handover_edit, handover_delete = object_pages(
    Handover,
    HandoverForm,
    noun=Noun("le livrable remis", attr="title", removed=True),
    done=_page,
    delete="approaches:handover_delete",
)
