"""The team's side of the public page: publish it and choose its parts."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ressort.approaches.models import Approach
from ressort.publication import content
from ressort.publication.forms import PublicPageForm
from ressort.web import Right, demarche_view
from ressort.web.scoped import FORM


@demarche_view(Right.VIEW, FORM, post=Right.EDIT_FRAMING)
def settings(request: HttpRequest, approach: Approach) -> HttpResponse:
    page = content.page_of(approach)
    choices = content.available_parts(approach)
    form = PublicPageForm(request.POST or None, instance=page, choices=choices)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            page = form.save(commit=False)
            page.updated_by = request.user
            page.save()
        messages.success(
            request,
            "La page publique est en ligne."
            if page.published
            else "La page publique n'est pas (ou plus) en ligne.",
        )
        return redirect("publication:settings", approach.slug)
    return render(
        request,
        "publication/settings.html",
        {
            "form": form,
            "page": page,
            "shown": content.shown_parts(page) if page.pk else [],
        },
        status=400 if request.method == "POST" else 200,
    )
