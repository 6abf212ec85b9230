"""Actors' strategies (MACTOR): studies, their actors and objectives, the two matrices, the
results. The computation is `ressort.analysis.mactor`, called by the services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ressort.analysis.mactor import INFLUENCE_LABELS, MAX_INFLUENCE, MAX_POSITION, POSITION_LABELS
from ressort.approaches.models import Approach
from ressort.governance import services
from ressort.governance.forms import MatrixFormSet, ObjectiveForm, ParticipantsForm, StudyForm
from ressort.governance.models import MactorObjective, MactorStudy
from ressort.web import Right, demarche_url, demarche_view, get_scoped, link_to
from ressort.web.generic import Noun, add_view, object_pages
from ressort.web.scoped import WRITE, View


def _study_url(request: HttpRequest, study: MactorStudy, name: str = "study_detail") -> str:
    return demarche_url(request, f"governance:{name}", study.pk)


@demarche_view(Right.VIEW)
def study_list(request: HttpRequest, approach: Approach) -> HttpResponse:
    studies = MactorStudy.objects.filter(approach=approach).annotate(
        actor_count=Count("participants", distinct=True),
        objective_count=Count("objectives", distinct=True),
    )
    return render(request, "governance/study_list.html", {"studies": studies})


study_edit, study_delete = object_pages(
    MactorStudy,
    StudyForm,
    noun=Noun("l'analyse", "title", feminine=True, add="Nouvelle analyse des jeux d'acteurs"),
    done=link_to("governance:study_detail", "pk"),
    listing=link_to("governance:study_list"),
    delete="governance:study_delete",
    consequence="ses objectifs et ses matrices partent avec elle (les acteurs restent au registre)",
)


def _detail(
    request: HttpRequest,
    approach: Approach,
    study: MactorStudy,
    *,
    participants_form: ParticipantsForm | None = None,
    objective_form: ObjectiveForm | None = None,
) -> HttpResponse:
    participants = list(study.participants.select_related("actor"))
    objectives = list(study.objectives.all())
    return render(
        request,
        "governance/study_detail.html",
        {
            "study": study,
            "participants": participants,
            "objectives": objectives,
            "participants_form": participants_form
            or ParticipantsForm(
                approach=approach, initial={"actors": [p.actor_id for p in participants]}
            ),
            "objective_form": objective_form or ObjectiveForm(study=study),
            "ready": len(participants) >= 2 and bool(objectives),
        },
        status=400 if participants_form or objective_form else 200,
    )


@demarche_view(Right.VIEW, objects={"pk": MactorStudy})
def study_detail(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    return _detail(request, approach, get_scoped(MactorStudy, approach, pk=pk))


@demarche_view(Right.CONTRIBUTE, WRITE, objects={"pk": MactorStudy})
def study_actors(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    study = get_scoped(MactorStudy, approach, pk=pk)
    form = ParticipantsForm(request.POST, approach=approach)
    if not form.is_valid():
        return _detail(request, approach, study, participants_form=form)
    services.set_participants(study, list(form.cleaned_data["actors"]))
    messages.success(request, "Les acteurs de l'analyse sont enregistrés.")
    return redirect(_study_url(request, study))


objective_add = add_view(
    MactorStudy,
    ObjectiveForm,
    parent="study",
    form_kwargs=lambda request, approach, study: {"study": study},
    fill=lambda request, objective, form: setattr(
        objective, "order", services.next_objective_order(objective.study)
    ),
    page=lambda request, approach, study, form: _detail(
        request, approach, study, objective_form=form
    ),
    saved=lambda objective: f"L'objectif «\u00a0{objective.name}\u00a0» est ajouté.",
    done=link_to("governance:study_detail", "study_id", fragment="objectifs"),
)


objective_edit, objective_delete = object_pages(
    MactorObjective,
    ObjectiveForm,
    noun=Noun("l'objectif"),
    done=link_to("governance:study_detail", "study_id"),
    form_kwargs=lambda request, approach, objective: {"study": objective.study},
    delete="governance:objective_delete",
    consequence="les positions des acteurs sur cet objectif partent avec lui",
)


# --- The two matrices ------------------------------------------------------------------------


def _influence_formset(study: MactorStudy, data: Any = None) -> Any:
    matrices = services.matrices(study)
    people = matrices.participants
    values = {
        (people[i].pk, people[k].pk): matrices.influences[i][k]
        for i in range(len(people))
        for k in range(len(people))
    }
    return MatrixFormSet(
        data,
        prefix="mid",
        rows=[(p, p.actor.name) for p in people],
        columns=[(p.pk, p.actor.name) for p in people],
        values=values,
        low=0,
        high=MAX_INFLUENCE,
        skip_diagonal=True,
        cell_label="Influence de « {row} » sur « {column} »",
    )


def _position_formset(study: MactorStudy, data: Any = None) -> Any:
    matrices = services.matrices(study)
    people, objectives = matrices.participants, matrices.objectives
    values = {
        (people[i].pk, objectives[j].pk): matrices.positions[i][j]
        for i in range(len(people))
        for j in range(len(objectives))
    }
    return MatrixFormSet(
        data,
        prefix="mao",
        rows=[(p, p.actor.name) for p in people],
        columns=[(o.pk, o.name) for o in objectives],
        values=values,
        low=-MAX_POSITION,
        high=MAX_POSITION,
        skip_diagonal=False,
        cell_label="Position de « {row} » sur l’objectif « {column} »",
    )


MATRICES = {
    "influences": {
        "title": "Influences directes entre acteurs",
        "formset": _influence_formset,
        "save": services.save_influences,
        "scale": INFLUENCE_LABELS,
        "intro": (
            "Pour chaque acteur en ligne, notez son influence directe sur chaque acteur en "
            "colonne, de 0 à 4 : jusqu'où peut-il remettre en cause l'autre ?"
        ),
        "saved": "La matrice des influences est enregistrée.",
    },
    "positions": {
        "title": "Positions des acteurs sur les objectifs",
        "formset": _position_formset,
        "save": services.save_positions,
        "scale": POSITION_LABELS,
        "intro": (
            "Pour chaque acteur en ligne, notez sa position sur chaque objectif en colonne, "
            "de −4 à +4 : le signe dit s'il est pour (+) ou contre (−), la valeur ce que "
            "l'objectif met en jeu pour lui."
        ),
        "saved": "La matrice des positions est enregistrée.",
    },
}


def _matrix_page(
    request: HttpRequest, study: MactorStudy, kind: str, formset: Any, status: int = 200
) -> HttpResponse:
    spec = MATRICES[kind]
    return render(
        request,
        "governance/matrix.html",
        {
            "study": study,
            "kind": kind,
            "title": spec["title"],
            "intro": spec["intro"],
            "scale": sorted(spec["scale"].items()),  # type: ignore[attr-defined]
            "formset": formset,
            "faults": formset.faults() if formset.is_bound else [],
            "save_url": _study_url(request, study, f"{kind}_save"),
        },
        status=status,
    )


def _matrix_pages(kind: str) -> tuple[View, View]:
    """The page of one of the two matrices, and the POST that saves it."""
    spec = MATRICES[kind]

    @demarche_view(Right.VIEW, objects={"pk": MactorStudy})
    def page(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
        study = get_scoped(MactorStudy, approach, pk=pk)
        return _matrix_page(request, study, kind, spec["formset"](study))  # type: ignore[operator]

    @demarche_view(Right.CONTRIBUTE, WRITE, objects={"pk": MactorStudy})
    def save(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
        study = get_scoped(MactorStudy, approach, pk=pk)
        formset = spec["formset"](study, request.POST)  # type: ignore[operator]
        if not formset.is_valid():
            return _matrix_page(request, study, kind, formset, status=400)
        spec["save"](study, formset.values())  # type: ignore[operator]
        messages.success(request, str(spec["saved"]))
        return redirect(_study_url(request, study, kind))

    return page, save


influences, influences_save = _matrix_pages("influences")
positions, positions_save = _matrix_pages("positions")


@demarche_view(Right.VIEW, objects={"pk": MactorStudy})
def results(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    study = get_scoped(MactorStudy, approach, pk=pk)
    return render(
        request,
        "governance/study_results.html",
        {"study": study, "view": services.mactor_view(study)},
    )
