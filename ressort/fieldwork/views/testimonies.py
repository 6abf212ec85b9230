"""Testimonies (interviews, meetings) and the quotes taken from them."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ressort.approaches.access import Right
from ressort.approaches.models import Approach
from ressort.fieldwork import services, tags
from ressort.fieldwork.forms import QuoteForm, TestimonyForm
from ressort.fieldwork.models import Quote, SpeakerCategory, Testimony
from ressort.fieldwork.views.observations import PER_PAGE
from ressort.web import link_to
from ressort.web.generic import object_pages
from ressort.web.scoped import READ, WRITE, demarche_view, get_scoped, scoped

_list_url = link_to("fieldwork:testimony_list")


@demarche_view(Right.VIEW, READ)
def testimony_list(request: HttpRequest, approach: Approach) -> HttpResponse:
    dimension = request.GET.get("dimension", "")
    category = request.GET.get("qui", "")
    qs = scoped(Testimony, approach)
    if category in SpeakerCategory.values:
        qs = qs.filter(speaker_category=category)
    if dimension:
        keep = {
            tid
            for tid, dims in scoped(Quote, approach).values_list("testimony_id", "dimensions")
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
        {
            "testimonies": page,
            "page": page,
            "dimension_choices": services.dimension_choices(),
            "categories": SpeakerCategory.choices,
            "selected": {"dimension": dimension, "qui": category},
        },
    )


testimony_edit, testimony_delete = object_pages(
    Testimony,
    TestimonyForm,
    right=Right.CONTRIBUTE,
    title=lambda t: "Modifier le témoignage" if t.pk else "Noter un témoignage",
    new=lambda request, approach: Testimony(approach=approach, author=request.user),
    done=lambda request, t: t.get_absolute_url() + "#citations",
    listing=_list_url,
    template="fieldwork/testimony_form.html",
    saved="Le témoignage est enregistré ; ses citations se notent sur sa page.",
    what=lambda t: f"Le témoignage « {t} »",
    back=lambda request, t: t.get_absolute_url(),
    consequence="ses citations le sont avec lui",
)


def _testimony_page(
    request: HttpRequest, testimony: Testimony, quote_form: QuoteForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "fieldwork/testimony_detail.html",
        {
            "testimony": testimony,
            "quotes": testimony.quotes.all(),
            "quote_form": quote_form,
            "vulnerabilities": testimony.vulnerabilities.all(),
            "resources": testimony.resources.all(),
        },
        status=status,
    )


@demarche_view(Right.VIEW, READ, objects={"pk": Testimony})
def testimony_detail(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    testimony = get_scoped(Testimony.objects.select_related("approach"), approach, pk=pk)
    return _testimony_page(request, testimony, QuoteForm())


@demarche_view(Right.CONTRIBUTE, WRITE, objects={"pk": Testimony})
def quote_add(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    testimony = get_scoped(Testimony.objects.select_related("approach"), approach, pk=pk)
    form = QuoteForm(request.POST)
    if not form.is_valid():
        return _testimony_page(request, testimony, form, status=400)
    quote = form.save(commit=False)
    quote.testimony = testimony
    quote.order = testimony.quotes.count()
    with transaction.atomic():
        quote.save()
        tags.record_chosen(quote, (), request.user)
    messages.success(request, "La citation est ajoutée ; vérifiez les dimensions suggérées.")
    return redirect(quote.get_absolute_url())


def _save_quote(request: HttpRequest, form: BaseForm) -> Quote:
    before = form.initial.get("dimensions") or ()
    quote: Quote = form.save()  # type: ignore[attr-defined]
    tags.record_chosen(quote, before, request.user)
    return quote


quote_edit, quote_delete = object_pages(
    Quote,
    QuoteForm,
    right=Right.CONTRIBUTE,
    title=lambda q: "Modifier la citation",
    save=_save_quote,
    done=lambda request, q: q.get_absolute_url(),
    template="fieldwork/quote_form.html",
    saved="La citation est enregistrée.",
    what=lambda q: f"La citation « {q} »",
    deleted=lambda request, q: q.testimony.get_absolute_url() + "#citations",
)
