"""Pages of the portrait (phase 2): indicators and values, imports, scoring sessions, portrait.

Rights: every member reads. Defining indicators, entering or importing values, recording
scores and writing strengths and weaknesses need CONTRIBUTE (the team builds the portrait);
a partner reads only. Another démarche's object is a 404.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ressort import tables
from ressort.analysis import drawing
from ressort.approaches.access import Right, get_approach_for_user
from ressort.approaches.models import Approach
from ressort.approaches.views import approach_context
from ressort.documents import jobs
from ressort.documents import views as document_views
from ressort.frameworks.models import Dimension
from ressort.portrait import documents, imports, services
from ressort.portrait import portrait as pt
from ressort.portrait.focus import FOCUSES, filter_questions
from ressort.portrait.forms import ImportForm, IndicatorForm, ReadingForm, SessionForm, ValueForm
from ressort.portrait.models import (
    GridAnswer,
    Indicator,
    IndicatorValue,
    Reading,
    ScoringSession,
)


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
        "value": f"{value.value:g}".replace(".", ","),
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


# --- Question-grid scoring sessions ----------------------------------------------------------


def _session(approach: object, pk: int) -> ScoringSession:
    return get_object_or_404(
        ScoringSession.objects.select_related("version__framework"), approach=approach, pk=pk
    )


@require_http_methods(["GET", "POST"])
@login_required
def session_list(request: HttpRequest, slug: str) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    form = SessionForm(approach=approach)
    if request.method == "POST":
        approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
        form = SessionForm(request.POST, approach=approach)
        if form.is_valid():
            session = form.save(commit=False)
            session.approach = approach
            session.created_by = request.user
            session.save()
            messages.success(request, f"La séance « {session.title} » est créée.")
            return redirect("portrait:session", approach.slug, session.pk)
    sessions = approach.scoring_sessions.select_related("version__framework").annotate(
        participants=Count("answers__participant", distinct=True)
    )
    profile = services.boussole_profile(approach)
    return render(
        request,
        "portrait/session_list.html",
        approach_context(
            request,
            approach,
            sessions=sessions,
            form=form,
            focuses=FOCUSES,
            has_profile=any(v is not None for v in profile.values()),
        ),
    )


def _read_answers(
    request: HttpRequest, questions: list[Dimension]
) -> tuple[dict[str, tuple[int | None, str]], list[str]]:
    answers: dict[str, tuple[int | None, str]] = {}
    faults: list[str] = []
    for question in questions:
        raw = request.POST.get(f"q-{question.code}", "")
        comment = request.POST.get(f"c-{question.code}", "").strip()
        if raw == "":
            if comment:
                faults.append(f"Question {question.code} : un commentaire sans note ni « ? ».")
            continue
        if raw == "nsp":
            answers[question.code] = (None, comment)
        elif raw in {"0", "1", "2", "3", "4"}:
            answers[question.code] = (int(raw), comment)
        else:
            faults.append(f"Question {question.code} : note « {raw} » hors de l'échelle 0–4.")
    return answers, faults


@require_http_methods(["GET", "POST"])
@login_required
def session_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    session = _session(approach, pk)
    questions = filter_questions(services.grid_questions(session.version), session.focus)
    faults: list[str] = []
    participant = request.GET.get("participant", "")
    existing: dict[str, GridAnswer] = {}
    if request.method == "POST":
        approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
        participant = request.POST.get("participant", "").strip()
        answers, faults = _read_answers(request, questions)
        if not participant:
            faults.insert(0, "Participant·e : indiquez un nom, des initiales ou un numéro.")
        if not answers and not faults:
            faults.append("Aucune réponse : notez au moins une question (ou « je ne sais pas »).")
        if not faults:
            count = services.save_participant(session, participant, answers)
            messages.success(request, f"{count} réponses enregistrées pour « {participant} ».")
            return redirect("portrait:session", approach.slug, session.pk)
        existing = {
            code: GridAnswer(question_code=code, score=s, comment=c)
            for code, (s, c) in answers.items()
        }
    elif participant:
        existing = {a.question_code: a for a in session.answers.filter(participant=participant)}
    result = services.session_result(session)
    compass = ""
    principles = [(n, s) for n, s, depth in result.nodes if n.kind == "principe"]
    if len(principles) >= 3 and any(s.score is not None for _, s in principles):
        compass = drawing.compass_svg(
            [drawing.Segment(n.code, n.short_label or n.label, s.score) for n, s in principles],
            title=f"Profil de la séance « {session.title} »",
            ident=f"seance-{session.pk}",
        )
    rows = [(q, existing.get(q.code)) for q in questions]
    return render(
        request,
        "portrait/session_detail.html",
        approach_context(
            request,
            approach,
            session=session,
            rows=rows,
            levels=services.scale_levels(session.version),
            result=result,
            compass=mark_safe(compass),
            faults=faults,
            participant=participant,
            focus=FOCUSES.get(session.focus),
        ),
    )


@require_POST
@login_required
def session_participant_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    session = _session(approach, pk)
    participant = request.POST.get("participant", "")
    deleted, _ = session.answers.filter(participant=participant).delete()
    messages.success(request, f"Les {deleted} réponses de « {participant} » sont supprimées.")
    return redirect("portrait:session", approach.slug, session.pk)


@require_http_methods(["GET", "POST"])
@login_required
def session_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    session = _session(approach, pk)
    if request.method == "POST":
        session.delete()
        messages.success(request, f"La séance « {session.title} » est supprimée.")
        return redirect("portrait:sessions", approach.slug)
    return render(
        request,
        "portrait/confirm_delete.html",
        approach_context(
            request,
            approach,
            what=f"la séance « {session.title} » et ses {session.answers.count()} réponses",
            back=("portrait:session", session.pk),
        ),
    )


# --- The portrait -----------------------------------------------------------------------------


def _map_features(approach: Approach) -> dict[str, Any]:
    from ressort.fieldwork import services as fieldwork

    return fieldwork.map_features(approach)


@require_GET
@login_required
def portrait_page(request: HttpRequest, slug: str) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    p = pt.build(approach)
    features = _map_features(approach)
    context = approach_context(
        request,
        approach,
        reading_form=ReadingForm(approach=approach),
        tile_url=settings.RESSORT_BASEMAPS[0].url if settings.RESSORT_BASEMAPS else "",
        features_count=len(features.get("features", [])),
    )
    context.update(documents.context(approach, p))
    context.update(jobs.jobs_context(approach, documents.KIND))
    return render(request, "portrait/portrait.html", context)


@require_GET
@login_required
def map_features(request: HttpRequest, slug: str) -> JsonResponse:
    approach = get_approach_for_user(request, slug)
    return JsonResponse(_map_features(approach))


@require_POST
@login_required
def reading_add(request: HttpRequest, slug: str) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    form = ReadingForm(request.POST, approach=approach)
    if form.is_valid():
        reading = form.save(commit=False)
        reading.approach = approach
        reading.created_by = request.user
        reading.save()
        messages.success(request, f"{reading.get_kind_display()} ajoutée au portrait.")
        return redirect("portrait:portrait", approach.slug)
    return render(
        request,
        "portrait/reading_form.html",
        approach_context(request, approach, form=form, reading=None),
    )


@require_http_methods(["GET", "POST"])
@login_required
def reading_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    reading = get_object_or_404(Reading, approach=approach, pk=pk)
    if request.method == "POST" and request.POST.get("action") == "supprimer":
        reading.delete()
        messages.success(request, "Supprimée du portrait.")
        return redirect("portrait:portrait", approach.slug)
    form = ReadingForm(request.POST or None, instance=reading, approach=approach)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Modification enregistrée.")
        return redirect("portrait:portrait", approach.slug)
    return render(
        request,
        "portrait/reading_form.html",
        approach_context(request, approach, form=form, reading=reading),
    )


@require_POST
@login_required
def document_start(request: HttpRequest, slug: str) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    fmt = request.POST.get("format", "")
    if fmt not in documents.FORMATS:
        return HttpResponse("Format inconnu : pdf, docx ou odt.", status=400)
    documents.start_job(approach, fmt, request.user)
    if request.headers.get("HX-Request"):
        return document_views.jobs_fragment(request, approach, documents.KIND)
    messages.info(request, f"Le {fmt.upper()} est en préparation : il apparaîtra ci-dessous.")
    return redirect("portrait:portrait", approach.slug)
