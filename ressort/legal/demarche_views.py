"""The démarche's personal-data page (issue 16): the retention period, a person's data
found, exported (access right) and erased (erasure right), consent records. For the
démarche's leads only: the page shows personal data."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify

from ressort.approaches.models import Approach
from ressort.legal import personal_data
from ressort.legal.forms import ConsentForm, RetentionForm
from ressort.legal.models import ConsentRecord, RetentionPolicy, RightsRequest
from ressort.web import Right, demarche_url, demarche_view, link_to
from ressort.web.files import download
from ressort.web.generic import add_view
from ressort.web.scoped import READ, WRITE

LEADS = Right.EDIT_FRAMING  # the facilitator and the project lead


def _page(
    request: HttpRequest,
    approach: Approach,
    retention_form: RetentionForm | None = None,
    consent_form: ConsentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    policy = RetentionPolicy.objects.filter(approach=approach).first()
    query = request.GET.get("q", "").strip()
    found = personal_data.find(approach, query) if query else None
    return render(
        request,
        "legal/demarche_personal_data.html",
        {
            "retention_form": retention_form
            or RetentionForm(instance=policy or RetentionPolicy(approach=approach)),
            "months": personal_data.retention_months(approach),
            "cutoff": personal_data.cutoff(personal_data.retention_months(approach)),
            "consent_form": consent_form or ConsentForm(),
            "consents": ConsentRecord.objects.filter(approach=approach),
            "requests": RightsRequest.objects.filter(approach=approach)[:20],
            "query": query,
            "found": found,
        },
        status=status,
    )


@demarche_view(LEADS)
def page(request: HttpRequest, approach: Approach) -> HttpResponse:
    return _page(request, approach)


@demarche_view(LEADS, WRITE)
def retention_save(request: HttpRequest, approach: Approach) -> HttpResponse:
    policy = RetentionPolicy.objects.filter(approach=approach).first()
    form = RetentionForm(request.POST, instance=policy or RetentionPolicy(approach=approach))
    if not form.is_valid():
        return _page(request, approach, retention_form=form, status=400)
    form.save()
    messages.success(request, f"Durée de conservation\u00a0: {form.instance.months} mois.")
    return redirect("personal_data:page", approach.slug)


consent_add = add_view(
    None,
    ConsentForm,
    right=LEADS,
    page=lambda request, approach, _, form: _page(request, approach, consent_form=form, status=400),
    fill=lambda request, record, form: setattr(record, "created_by", request.user),
    saved=lambda record: f"L'accord de «\u00a0{record.person}\u00a0» est consigné.",
    done=link_to("personal_data:page"),
)


@demarche_view(LEADS, READ)
def export(request: HttpRequest, approach: Approach) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    found = personal_data.find(approach, query)
    if len(query) < 2:
        messages.error(request, "Saisissez au moins deux caractères du nom ou du pseudonyme.")
        return redirect("personal_data:page", approach.slug)
    personal_data.record_access(approach, found, request.user)
    body = json.dumps(personal_data.export(found), ensure_ascii=False, indent=2)
    name = slugify(query) or "personne"
    return download(body, f"donnees-{name}.json")


@demarche_view(LEADS, WRITE)
def erase(request: HttpRequest, approach: Approach) -> HttpResponse:
    query = request.POST.get("q", "").strip()
    back = demarche_url(approach, "personal_data:page")
    if request.POST.get("confirm") != "oui":
        messages.error(request, "Cochez la case de confirmation\u00a0: rien n'est effacé.")
        return redirect(f"{back}?{urlencode({'q': query})}")
    found = personal_data.find(approach, query)
    if found.empty:
        messages.error(request, "Aucune donnée à ce nom\u00a0: rien n'est effacé.")
        return redirect(back)
    with transaction.atomic():
        summary = personal_data.erase(approach, found, request.user)
    messages.success(request, f"Effacement fait\u00a0: {summary}")
    return redirect(back)
