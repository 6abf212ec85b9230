"""Pages of the portrait (phase 2): indicators and values, imports, scoring sessions, portrait.

Rights: every member reads. Defining indicators, entering or importing values, recording
scores and writing strengths and weaknesses need CONTRIBUTE (the team builds the portrait);
a partner reads only. Another démarche's object is a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ressort import tables
from ressort.approaches.access import Right, get_approach_for_user
from ressort.approaches.views import approach_context
from ressort.portrait import imports, services
from ressort.portrait.forms import ImportForm, IndicatorForm, ValueForm
from ressort.portrait.models import Indicator, IndicatorValue


def _indicator(approach: object, pk: int) -> Indicator:
    return get_object_or_404(Indicator, approach=approach, pk=pk)


@require_GET
@login_required
def indicator_list(request: HttpRequest, slug: str) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    indicators = list(approach.indicators.all())
    return render(
        request,
        "portrait/indicator_list.html",
        approach_context(
            request,
            approach,
            rows=services.comparisons(approach, indicators),
            places=[t.name for t in services.comparison_territories(approach)] + ["France"],
        ),
    )


@require_POST
@login_required
def indicator_official(request: HttpRequest, slug: str) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    made = services.sync_official_indicators(approach)
    messages.success(
        request,
        f"{len(made)} indicateurs calculés depuis les données officielles "
        "(population, densité, nombre de communes, superficie).",
    )
    return redirect("portrait:indicators", approach.slug)


@require_http_methods(["GET", "POST"])
@login_required
def indicator_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    indicator = _indicator(approach, pk) if pk else None
    form = IndicatorForm(request.POST or None, instance=indicator, approach=approach)
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        obj.approach = approach
        if indicator is None:
            obj.created_by = request.user
        obj.save()
        messages.success(request, f"L'indicateur « {obj.name} » est enregistré.")
        return redirect("portrait:indicator", approach.slug, obj.pk)
    return render(
        request,
        "portrait/indicator_form.html",
        approach_context(request, approach, form=form, indicator=indicator),
    )


@require_http_methods(["GET", "POST"])
@login_required
def indicator_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    indicator = _indicator(approach, pk)
    if request.method == "POST":
        name = indicator.name
        indicator.delete()
        messages.success(request, f"L'indicateur « {name} » et ses valeurs sont supprimés.")
        return redirect("portrait:indicators", approach.slug)
    return render(
        request,
        "portrait/confirm_delete.html",
        approach_context(
            request,
            approach,
            what=f"l'indicateur « {indicator.name} » et ses {indicator.values.count()} valeurs",
            back=("portrait:indicator", indicator.pk),
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
def indicator_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    indicator = _indicator(approach, pk)
    form = ValueForm(approach=approach, indicator=indicator)
    if request.method == "POST":
        approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
        form = ValueForm(request.POST, approach=approach, indicator=indicator)
        if form.is_valid():
            with transaction.atomic():
                value = form.save()
            messages.success(request, f"Valeur enregistrée : {value.place}, {value.year}.")
            return redirect("portrait:indicator", approach.slug, indicator.pk)
    values = indicator.values.select_related("territory").order_by("scope", "territory", "-year")
    return render(
        request,
        "portrait/indicator_detail.html",
        approach_context(request, approach, indicator=indicator, values=values, form=form),
    )


def _value(approach: object, pk: int, value_pk: int) -> tuple[Indicator, IndicatorValue]:
    indicator = _indicator(approach, pk)
    return indicator, get_object_or_404(IndicatorValue, indicator=indicator, pk=value_pk)


@require_http_methods(["GET", "POST"])
@login_required
def value_edit(request: HttpRequest, slug: str, pk: int, value_pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    indicator, value = _value(approach, pk, value_pk)
    initial = {
        "place": "perimetre"
        if value.scope == "perimetre"
        else "france"
        if value.scope == "france"
        else "autre",
        "insee": value.territory.code if value.territory else "",
        "year": value.year,
        "value": value.value,
        "source_note": value.source_note,
    }
    form = ValueForm(request.POST or None, initial=initial, approach=approach, indicator=indicator)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        clash = IndicatorValue.objects.filter(
            indicator=indicator, scope=data["scope"], territory=data["territory"], year=data["year"]
        ).exclude(pk=value.pk)
        if clash.exists():
            form.add_error("year", "Une valeur existe déjà pour ce lieu et cette année.")
        else:
            form.save(instance=value)
            messages.success(request, "La valeur est modifiée.")
            return redirect("portrait:indicator", approach.slug, indicator.pk)
    return render(
        request,
        "portrait/value_form.html",
        approach_context(request, approach, indicator=indicator, value=value, form=form),
    )


@require_POST
@login_required
def value_delete(request: HttpRequest, slug: str, pk: int, value_pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    indicator, value = _value(approach, pk, value_pk)
    value.delete()
    messages.success(request, f"La valeur {value.year} ({value.place}) est supprimée.")
    return redirect("portrait:indicator", approach.slug, indicator.pk)


@require_http_methods(["GET", "POST"])
@login_required
def import_values(request: HttpRequest, slug: str) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    form = ImportForm(request.POST or None, request.FILES or None)
    faults: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = imports.import_values(approach, upload.read(), upload.name)
        except tables.TableError as error:
            faults = [str(f) for f in error.faults]
        else:
            messages.success(
                request,
                f"Import terminé : {result.created} valeurs ajoutées, {result.updated} remplacées.",
            )
            return redirect("portrait:indicators", approach.slug)
    return render(
        request,
        "portrait/import.html",
        approach_context(request, approach, form=form, faults=faults, schema=imports.SCHEMA),
    )


@require_GET
@login_required
def import_template(request: HttpRequest, slug: str) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    response = HttpResponse(imports.template_csv(approach), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="valeurs-{approach.slug}.csv"'
    return response
