"""Pages of the portrait (phase 2): indicators and values, imports, scoring sessions, portrait.

Rights: every member reads. Defining indicators, entering or importing values, recording
scores and writing strengths and weaknesses need CONTRIBUTE (the team builds the portrait);
a partner reads only. Another démarche's object is a 404.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from ressort import tables
from ressort.analysis import drawing
from ressort.approaches.access import Right
from ressort.approaches.models import Approach
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
from ressort.web import freshness, link_to
from ressort.web.files import download
from ressort.web.generic import (
    Noun,
    add_view,
    delete_view,
    edit_view,
    object_pages,
    with_approach,
)
from ressort.web.scoped import FORM, READ, WRITE, demarche_view, get_scoped


@demarche_view(Right.VIEW, READ)
def indicator_list(request: HttpRequest, approach: Approach) -> HttpResponse:
    indicators = list(approach.indicators.all())
    return render(
        request,
        "portrait/indicator_list.html",
        {
            "rows": services.comparisons(approach, indicators),
            "places": [t.name for t in services.comparison_territories(approach)] + ["France"],
        },
    )


@demarche_view(Right.CONTRIBUTE, WRITE)
def indicator_official(request: HttpRequest, approach: Approach) -> HttpResponse:
    made = services.sync_official_indicators(approach)
    messages.success(
        request,
        f"{len(made)} indicateurs calculés depuis les données officielles "
        "(population, densité, nombre de communes, superficie).",
    )
    return redirect("portrait:indicators", approach.slug)


_indicator_url = link_to("portrait:indicator", "pk")


_indicators_url = link_to("portrait:indicators")


indicator_edit, indicator_delete = object_pages(
    Indicator,
    IndicatorForm,
    right=Right.CONTRIBUTE,
    noun=Noun("l'indicateur", add="Nouvel indicateur"),
    new=lambda request, approach: Indicator(approach=approach, created_by=request.user),
    done=_indicator_url,
    listing=_indicators_url,
    delete="portrait:indicator_delete",
    template="portrait/indicator_form.html",
    consequence="ses valeurs le sont avec lui",
)


def _indicator_page(
    request: HttpRequest, approach: Approach, indicator: Indicator, form: ValueForm | None = None
) -> HttpResponse:
    values = indicator.values.select_related("territory").order_by("scope", "territory", "-year")
    return render(
        request,
        "portrait/indicator_detail.html",
        {
            "indicator": indicator,
            "values": values,
            "supports": [*indicator.vulnerabilities.all(), *indicator.resources.all()],
            "form": form or ValueForm(approach=approach, indicator=indicator),
        },
    )


@demarche_view(Right.VIEW, READ, objects={"pk": Indicator})
def indicator_detail(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    return _indicator_page(request, approach, get_scoped(Indicator, approach, pk=pk))


@demarche_view(Right.CONTRIBUTE, WRITE, objects={"pk": Indicator})
def value_add(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    indicator = get_scoped(Indicator, approach, pk=pk)
    form = ValueForm(request.POST, approach=approach, indicator=indicator)
    if not form.is_valid():
        return _indicator_page(request, approach, indicator, form)
    with transaction.atomic():
        value = form.save()
    messages.success(request, f"Valeur enregistrée : {value.place}, {value.year}.")
    return redirect("portrait:indicator", approach.slug, indicator.pk)


value_edit = edit_view(
    IndicatorValue,
    ValueForm,
    title=lambda value: f"Modifier une valeur de « {value.indicator.name} »",
    form_kwargs=lambda request, approach, value: {
        "approach": approach,
        "indicator": value.indicator,
    },
    done=link_to("portrait:indicator", "indicator_id"),
    saved="La valeur est modifiée.",
    item="value_pk",  # …/indicateurs/<pk>/valeurs/<value_pk>/
    parent="indicator",
)
value_delete = delete_view(
    IndicatorValue,
    item="value_pk",
    parent="indicator",
    what=lambda value: f"La valeur {value.year} ({value.place})",
    gone="{what} est supprimée.",
    done=link_to("portrait:indicator", "indicator_id"),
)


@demarche_view(Right.CONTRIBUTE, FORM)
def import_values(request: HttpRequest, approach: Approach) -> HttpResponse:
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
        {"form": form, "faults": faults, "schema": imports.SCHEMA},
    )


@demarche_view(Right.VIEW, READ)
def import_template(request: HttpRequest, approach: Approach) -> HttpResponse:
    return download(imports.template_csv(approach), f"valeurs-{approach.slug}.csv")


# --- Question-grid scoring sessions ----------------------------------------------------------


def _session(approach: Approach, pk: int) -> ScoringSession:
    return get_scoped(ScoringSession.objects.select_related("version__framework"), approach, pk=pk)


def _sessions_page(
    request: HttpRequest, approach: Approach, form: SessionForm | None = None
) -> HttpResponse:
    sessions = approach.scoring_sessions.select_related("version__framework").annotate(
        participants=Count("answers__participant", distinct=True)
    )
    profile = services.boussole_profile(approach)
    return render(
        request,
        "portrait/session_list.html",
        {
            "sessions": sessions,
            "form": form or SessionForm(approach=approach),
            "focuses": FOCUSES,
            "has_profile": any(v is not None for v in profile.values()),
        },
    )


@demarche_view(Right.VIEW, READ)
def session_list(request: HttpRequest, approach: Approach) -> HttpResponse:
    return _sessions_page(request, approach)


session_add = add_view(
    None,
    SessionForm,
    form_kwargs=with_approach,
    fill=lambda request, session, form: setattr(session, "created_by", request.user),
    page=lambda request, approach, _, form: _sessions_page(request, approach, form),
    saved=lambda session: f"La séance « {session.title} » est créée.",
    done=link_to("portrait:session", "pk"),
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


def _questions(session: ScoringSession) -> list[Dimension]:
    return filter_questions(services.grid_questions(session.version), session.focus)


def _session_page(
    request: HttpRequest,
    session: ScoringSession,
    questions: list[Dimension],
    participant: str,
    existing: dict[str, GridAnswer],
    faults: list[str] | None = None,
) -> HttpResponse:
    faults = faults or []
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
        {
            "session": session,
            "rows": rows,
            "levels": services.scale_levels(session.version),
            "result": result,
            "compass": mark_safe(compass),
            "faults": faults,
            "participant": participant,
            "focus": FOCUSES.get(session.focus),
        },
    )


@demarche_view(Right.VIEW, READ, objects={"pk": ScoringSession})
def session_detail(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    session = _session(approach, pk)
    participant = request.GET.get("participant", "")
    existing: dict[str, GridAnswer] = {}
    if participant:
        existing = {a.question_code: a for a in session.answers.filter(participant=participant)}
    return _session_page(request, session, _questions(session), participant, existing)


@demarche_view(Right.CONTRIBUTE, WRITE, objects={"pk": ScoringSession})
def session_answers(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    session = _session(approach, pk)
    questions = _questions(session)
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
        code: GridAnswer(question_code=code, score=s, comment=c) for code, (s, c) in answers.items()
    }
    return _session_page(request, session, questions, participant, existing, faults)


@demarche_view(Right.CONTRIBUTE, WRITE, objects={"pk": ScoringSession})
def session_participant_delete(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    session = _session(approach, pk)
    participant = request.POST.get("participant", "")
    deleted, _ = session.answers.filter(participant=participant).delete()
    messages.success(request, f"Les {deleted} réponses de « {participant} » sont supprimées.")
    return redirect("portrait:session", approach.slug, session.pk)


session_delete = delete_view(
    ScoringSession,
    right=Right.CONTRIBUTE,
    noun=Noun("la séance", attr="title", feminine=True),
    consequence="ses réponses le sont avec elle",
    done=link_to("portrait:sessions"),
    back=link_to("portrait:session", "pk"),
)


# --- The portrait -----------------------------------------------------------------------------


def _map_features(approach: Approach) -> dict[str, Any]:
    from ressort.fieldwork import services as fieldwork

    return fieldwork.map_features(approach)


@demarche_view(Right.VIEW, READ, kept=True)
def portrait_page(request: HttpRequest, approach: Approach) -> HttpResponse:
    def computed() -> tuple[str, str]:
        context = documents.context(approach, pt.build(approach))
        context["tile_url"] = settings.RESSORT_BASEMAPS[0].url if settings.RESSORT_BASEMAPS else ""
        context["features_count"] = len(_map_features(approach).get("features", []))
        # The empty form's fields (its dimension choices cost seven queries), not its token.
        form = render_to_string(
            "portrait/_reading_fields.html", {"form": ReadingForm(approach=approach)}
        )
        return render_to_string("portrait/_computed.html", context, request=request), form

    # The role changes the links (« modifier ») drawn in the computed part.
    part, form = freshness.cached(approach, "portrait", computed, approach.current_role)  # type: ignore[attr-defined]
    context = {
        "computed": mark_safe(part),  # our own templates' output
        "reading_fields": mark_safe(form),
        "document_jobs": jobs.jobs_part(request, approach, documents.KIND),
    }
    return render(request, "portrait/portrait.html", context)


@demarche_view(Right.VIEW, READ)
def map_features(request: HttpRequest, approach: Approach) -> JsonResponse:
    return JsonResponse(_map_features(approach))


_portrait_url = link_to("portrait:portrait")


reading_edit, reading_delete = object_pages(
    Reading,
    ReadingForm,
    right=Right.CONTRIBUTE,
    title=lambda r: (
        "Modifier une force ou une faiblesse" if r.pk else "Ajouter une force ou une faiblesse"
    ),
    new=lambda request, approach: Reading(approach=approach, created_by=request.user),
    done=_portrait_url,
    delete="portrait:reading_delete",
    saved="Le portrait est enregistré.",
    what=lambda r: f"La {r.get_kind_display().lower()} « {Truncator(r.text).chars(60)} »",
)


document_start = document_views.start_view(documents, "portrait:portrait")
