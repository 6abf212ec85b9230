"""Cooperation agreements with neighbouring authorities and actors."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ressort.approaches.models import Approach
from ressort.governance import services
from ressort.governance.forms import AgreementForm
from ressort.governance.models import Agreement
from ressort.web import Right, demarche_view, link_to
from ressort.web.generic import Noun, object_pages

_list_url = link_to("governance:agreement_list")


@demarche_view(Right.VIEW)
def agreement_list(request: HttpRequest, approach: Approach) -> HttpResponse:
    return render(
        request,
        "governance/agreement_list.html",
        {"agreements": services.agreements_of(approach)},
    )


agreement_edit, agreement_delete = object_pages(
    Agreement,
    AgreementForm,
    noun=Noun("l'accord", "title", add="Enregistrer un accord de coopération"),
    done=_list_url,
    delete="governance:agreement_delete",
)
