"""Prioritisation: criteria, values, four methods side by side, sensitivity; and the
majority-judgment vote (ballots entered, imported, exported; results with merit profiles)."""

from __future__ import annotations

from typing import Any

import numpy as np
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe

from ressort.actions import services
from ressort.actions.forms import (
    BallotForm,
    CriterionForm,
    CriterionValuesForm,
    TallyForm,
    VoteImportForm,
)
from ressort.actions.models import (
    Action,
    Ballot,
    Criterion,
    CriterionValue,
    Grade,
    PaperTally,
    TallyCount,
)
from ressort.analysis import disagreement, gaia, mcda
from ressort.analysis.majority_judgment import DEFAULT_GRADES
from ressort.analysis.typography import agree, number, percent, plural
from ressort.approaches.access import Right
from ressort.approaches.models import Approach
from ressort.web import link_to
from ressort.web.files import download
from ressort.web.generic import Noun, add_view, delete_view, object_pages
from ressort.web.scoped import READ, WRITE, demarche_view, scoped

GRADE_COLOURS = ("#7e0129", "#b3261e", "#e8a33d", "#f3d36b", "#a5d6a7", "#4caf50", "#1b5e20")
GRADE_TEXT = ("#fff", "#fff", "#000", "#000", "#000", "#000", "#fff")
METHOD_NOTES = {
    "somme-ponderee": "additionne les valeurs ramenées entre 0 et 1, pondérées : une forte "
    "avance sur un critère lourd compense des retards ailleurs.",
    "topsis": "mesure la proximité à un idéal et l'éloignement d'un anti-idéal : les valeurs "
    "extrêmes pèsent davantage.",
    "promethee2": "compare les actions deux à deux : avec la fonction usuelle, seul le sens d'un "
    "écart compte, pas sa taille ; avec la fonction linéaire, les écarts sous q ne comptent "
    "pas et ceux au-delà de p comptent pleinement.",
    "electre": "dit seulement qui surclasse qui (une majorité pondérée de critères sans retard "
    "rédhibitoire) ; des actions peuvent rester incomparables.",
}


def _explain(problem: mcda.Problem, comparison: mcda.Comparison) -> list[str]:
    texts = []
    for r in disagreement.reversals(comparison, limit=5):
        why = disagreement.pair_reasons(problem, r.ahead, r.behind)
        a_leads = ", ".join(f"« {lead.criterion} »" for lead in why.first_better) or "aucun"
        b_leads = ", ".join(f"« {lead.criterion} »" for lead in why.second_better) or "aucun"
        text = (
            f"« {r.ahead} » passe devant « {r.behind} » selon "
            f"{services.METHOD_LABELS[r.method_a]} mais derrière selon "
            f"{services.METHOD_LABELS[r.method_b]}. « {r.ahead} » est meilleure sur {a_leads} "
            f"(poids {percent(why.first_weight, ratio=True)}), « {r.behind} » sur {b_leads} "
            f"(poids {percent(why.second_weight, ratio=True)})."
        )
        text += " " + _why_methods(r, why)
        texts.append(text)
    return texts


def _why_methods(r: disagreement.Reversal, why: disagreement.PairReasons) -> str:
    """One sentence on why this pair of methods orders this pair of actions differently."""
    methods = {r.method_a, r.method_b}
    if "promethee2" not in methods:
        return (
            "La somme pondérée ramène chaque critère entre 0 et 1 (du pire au meilleur), "
            "TOPSIS le divise par sa norme et mesure des distances à l'idéal et à "
            "l'anti-idéal : un même écart n'y pèse pas autant."
        )
    other = services.METHOD_LABELS[(methods - {"promethee2"}).pop()]
    a_size = sum(lead.contribution for lead in why.first_better)
    b_size = sum(lead.contribution for lead in why.second_better)
    if (
        why.first_better
        and why.second_better
        and (a_size > b_size) != (why.first_weight > why.second_weight)
    ):
        big, many = (r.ahead, r.behind) if a_size > b_size else (r.behind, r.ahead)
        widest = (why.first_better if big == r.ahead else why.second_better)[0]
        return (
            f"« {big} » l'emporte par l'ampleur de ses avances (surtout sur "
            f"« {widest.criterion} »), « {many} » par le poids des critères où elle est "
            f"devant : {other} additionne les écarts, PROMETHEE II compte surtout leur sens "
            "(fonction usuelle) ou les écrête (seuils q et p)."
        )
    return (
        f"Les deux actions sont proches : {other} additionne les écarts normalisés, "
        "PROMETHEE II les compare deux à deux avec ses fonctions de préférence, et les "
        "autres actions comparées suffisent à inverser l'ordre."
    )


def _vote_note(rows: list[dict[str, Any]], vote: Any) -> str:
    """A sentence when the vote's favourite is not the criteria's favourite."""
    voted = [r.candidate for r in vote.ranking if r.rank == 1]
    ranked = [r["name"] for r in rows if min(r["ranks"]) == 1]
    if not voted or not ranked or set(voted) & set(ranked):
        return ""
    return (
        f"Le vote place en tête {', '.join(f'« {v} »' for v in voted)}, les méthodes "
        f"multicritères {', '.join(f'« {n} »' for n in ranked)} : le vote exprime "
        "l'appréciation d'ensemble des participant·es, les méthodes appliquent les critères "
        "et les poids choisis par l'équipe. L'écart mérite d'être discuté : un critère "
        "manque-t-il, ou un poids est-il mal réglé ?"
    )


NORMALISATION_LABELS = {
    "min-max": "min–max : de 0 (le pire) à 1 (le meilleur)",
    "max": "rapport au meilleur (x / max, ou min / x)",
    "aucune": "aucune : les valeurs telles quelles",
    "vecteur": "vectorielle (TOPSIS d'origine)",
}


def normalisations(request: HttpRequest) -> dict[str, str]:
    """The normalisation chosen for each method that has one (?normalisation-<method>=…),
    each method's default when absent or unknown."""
    chosen = {}
    for method, allowed in mcda.NORMALISATIONS.items():
        value = request.GET.get(f"normalisation-{method}", "")
        chosen[method] = value if value in allowed else allowed[0]
    return chosen


def normalisation_choices(norms: dict[str, str]) -> list[dict[str, Any]]:
    return [
        {
            "method": m,
            "label": services.METHOD_LABELS[m],
            "options": [(n, NORMALISATION_LABELS[n]) for n in allowed],
            "chosen": norms[m],
        }
        for m, allowed in mcda.NORMALISATIONS.items()
    ]


def _comparison(problem: mcda.Problem, norms: dict[str, str]) -> mcda.Comparison:
    methods = tuple(mcda.METHODS)
    results = tuple(mcda.rank(problem, m, norms.get(m)) for m in methods)
    ranks = np.array([r.ranks for r in results], dtype=np.int64).reshape(len(results), -1)
    return mcda.Comparison(problem.alternatives, methods, ranks, results)


def _results(data: services.DecisionData, norms: dict[str, str] | None = None) -> dict[str, Any]:
    problem = data.problem
    if problem is None:
        return {}
    norms = norms or {m: allowed[0] for m, allowed in mcda.NORMALISATIONS.items()}
    comparison = _comparison(problem, norms)
    electre = mcda.electre_i(problem)
    names = problem.alternatives
    vote = None
    rows = []
    for i, name in enumerate(names):
        outranked_by = [names[a] for a in range(len(names)) if electre.outranks[a, i]]
        rows.append(
            {
                "name": name,
                "ranks": [int(comparison.ranks[m, i]) for m in range(len(comparison.methods))],
                "scores": [float(r.scores[i]) for r in comparison.results],
                "kernel": name in electre.kernel,
                "outranked_by": outranked_by,
            }
        )
    rows.sort(key=lambda r: (sum(r["ranks"]), r["name"]))
    gaia_plane = None
    if len(problem.criteria) >= 2 and len(names) >= 2:
        flows = comparison.results[comparison.methods.index("promethee2")]
        gaia_plane = gaia.gaia(
            names,
            problem.criterion_names,
            flows.criterion_flows,  # type: ignore[attr-defined]
            problem.weights,
        )
    return {
        "gaia_svg": mark_safe(gaia.gaia_svg(gaia_plane, "Plan GAIA des actions (PROMETHEE)"))
        if gaia_plane
        else "",
        "gaia_delta": round(100 * gaia_plane.delta) if gaia_plane else None,
        "gaia_rows": [
            {"name": n, "x": number(float(x)), "y": number(float(y))}
            for n, (x, y) in zip(names, gaia_plane.points, strict=True)
        ]
        if gaia_plane
        else [],
        "normalisation_choices": normalisation_choices(norms),
        "methods": [services.METHOD_LABELS[m] for m in comparison.methods],
        "method_notes": [(services.METHOD_LABELS[m], METHOD_NOTES[m]) for m in comparison.methods]
        + [
            (
                "ELECTRE I",
                METHOD_NOTES["electre"]
                + f" Seuils : concordance ≥ {number(electre.concordance_threshold)}, "
                f"discordance ≤ {number(electre.discordance_threshold)}.",
            )
        ],
        "result_rows": rows,
        "disagree": comparison.disagreements,
        "explanations": _explain(problem, comparison),
        "electre": electre,
        "vote": vote,
    }


def _values_form(
    approach: Approach, data: services.DecisionData, post: Any = None
) -> CriterionValuesForm:
    actions = sorted(data.actions + [a for a, _ in data.incomplete], key=lambda a: (a.title, a.pk))
    initial = {
        f"v-{c_pk}-{a_pk}": format(value, "g")
        for (c_pk, a_pk), value in data.values.items()
        if value is not None
    }
    return CriterionValuesForm(post, initial=initial, criteria=data.criteria, actions=actions)


def _prioritisation_page(
    request: HttpRequest,
    approach: Approach,
    form: CriterionForm | None = None,
    values_form: CriterionValuesForm | None = None,
    status: int = 200,
) -> HttpResponse:
    data = services.decision_data(approach)
    form = form or CriterionForm(approach=approach)
    values_form = values_form or _values_form(approach, data)
    all_actions = data.actions + [a for a, _ in data.incomplete]
    all_actions.sort(key=lambda a: (a.title, a.pk))
    matrix = [
        {
            "action": a,
            "cells": [
                {
                    "criterion": c,
                    "value": data.values.get((c.pk, a.pk)),
                    "field": None if c.from_grid else values_form[f"v-{c.pk}-{a.pk}"],
                }
                for c in data.criteria
            ],
        }
        for a in all_actions
    ]
    vote = services.vote_result(approach)
    context = _results(data, normalisations(request))
    if vote is not None and context:
        by_name = {r.candidate: r for r in vote.ranking}
        for row in context["result_rows"]:
            row["vote"] = by_name.get(row["name"])
        context["vote_note"] = _vote_note(context["result_rows"], vote)
    return render(
        request,
        "actions/prioritisation.html",
        {
            "form": form,
            "data": data,
            "matrix": matrix,
            "values_errors": values_form.messages() if values_form.is_bound else [],
            "has_vote": vote is not None,
            **context,
        },
        status=status,
    )


@demarche_view(Right.VIEW, READ)
def prioritisation(request: HttpRequest, approach: Approach) -> HttpResponse:
    return _prioritisation_page(request, approach)


criterion_add = add_view(
    None,
    CriterionForm,
    fill=lambda request, criterion, form: setattr(
        criterion, "order", criterion.approach.criteria.count()
    ),
    page=lambda request, approach, _, form: _prioritisation_page(request, approach, form=form),
    saved=lambda criterion: f"Le critère « {criterion.name} » est ajouté.",
    done=link_to("actions:prioritisation"),
)


_prioritisation_url = link_to("actions:prioritisation")


criterion_edit, criterion_delete = object_pages(
    Criterion,
    CriterionForm,
    right=Right.CONTRIBUTE,
    noun=Noun("le critère"),
    done=_prioritisation_url,
    delete="actions:criterion_delete",
    consequence="Ses valeurs pour chaque action partent avec lui.",
)


@demarche_view(Right.CONTRIBUTE, WRITE)
def criterion_values(request: HttpRequest, approach: Approach) -> HttpResponse:
    """Save the whole table of values at once; any bad cell and nothing is saved (the page
    comes back with every typed value and the faults named)."""
    data = services.decision_data(approach)
    form = _values_form(approach, data, request.POST)
    if not form.is_valid():
        messages.error(request, "Rien n'est enregistré : corrigez les valeurs signalées.")
        return _prioritisation_page(request, approach, values_form=form)
    with transaction.atomic():
        for criterion, action, value in form.writes():
            if value is None:
                CriterionValue.objects.filter(criterion=criterion, action=action).delete()
            else:
                CriterionValue.objects.update_or_create(
                    criterion=criterion, action=action, defaults={"value": value}
                )
    messages.success(request, "Les valeurs sont enregistrées.")
    return redirect("actions:prioritisation", approach.slug)


@demarche_view(Right.VIEW, READ)
def sensitivity(request: HttpRequest, approach: Approach) -> HttpResponse:
    data = services.decision_data(approach)
    method = request.GET.get("methode", "somme-ponderee")
    if method not in services.METHOD_LABELS:
        method = "somme-ponderee"
    norms = normalisations(request)
    criterion = next(
        (c for c in data.criteria if str(c.pk) == request.GET.get("critere", "")),
        data.criteria[0] if data.criteria else None,
    )
    result = None
    rows: list[dict[str, Any]] = []
    current = None
    if data.problem is not None and criterion is not None:
        result = mcda.weight_sensitivity(
            data.problem,
            method,
            criterion.name,
            list(np.linspace(0.0, 1.0, 11)),
            normalisation=norms.get(method),
        )
        k = data.problem.criterion_names.index(criterion.name)
        current = float(data.problem.weights[k])
        changes = set(result.changes)
        for t, value in enumerate(result.values):
            rows.append(
                {
                    "weight": float(value),
                    "ranks": [int(r) for r in result.ranks[t]],
                    "change": float(value) in changes,
                    "first": [
                        result.alternatives[i]
                        for i in range(len(result.alternatives))
                        if result.ranks[t][i] == 1
                    ],
                    # ELECTRE I at the same weights: which actions nothing outranks.
                    "kernel": mcda.electre_i(
                        mcda.with_weights(data.problem, result.weights[t].tolist())
                    ).kernel,
                }
            )
    return render(
        request,
        "actions/sensitivity.html",
        {
            "data": data,
            "method": method,
            "methods": services.METHOD_LABELS,
            "criterion": criterion,
            "result": result,
            "rows": rows,
            "current": current,
            "base_ranks": [int(r) for r in result.base_ranks] if result is not None else [],
            "normalisation_choices": normalisation_choices(norms),
        },
    )


# --- Majority-judgment vote -------------------------------------------------------------


def _profiles(result: Any) -> list[dict[str, Any]]:
    rows = []
    for r in result.ranking:
        total = sum(r.tally)
        segments = [
            {
                "label": DEFAULT_GRADES[g],
                "count": n,
                "width": 100 * n / total,
                "colour": GRADE_COLOURS[g],
                "text": GRADE_TEXT[g],
            }
            for g, n in enumerate(r.tally)
            if n
        ]
        rows.append({"result": r, "segments": segments})
    return rows


def _ties(result: Any) -> list[list[str]]:
    groups: dict[int, list[str]] = {}
    for r in result.ranking:
        groups.setdefault(r.rank, []).append(r.candidate)
    return [names for names in groups.values() if len(names) > 1]


def _vote_actions(approach: Approach) -> list[Action]:
    return list(scoped(Action, approach).filter(kind=Action.Kind.ACTION).order_by("title", "pk"))


def _ballot_form(actions: list[Action], data: Any = None) -> BallotForm:
    return BallotForm(data, actions=actions, grades=list(DEFAULT_GRADES))


@demarche_view(Right.VIEW, READ)
def vote(request: HttpRequest, approach: Approach) -> HttpResponse:
    absence = request.GET.get("absence", "")
    return _vote_page(request, approach, _vote_actions(approach), absence=absence)


def _vote_page(
    request: HttpRequest, approach: Approach, actions: list[Action], status: int = 200, **extra: Any
) -> HttpResponse:
    """The vote's page; `extra` replaces one of its forms by the one just posted."""
    context = _vote_context(approach, actions, **extra)
    return render(request, "actions/vote.html", context, status=status)


@demarche_view(Right.CONTRIBUTE, WRITE)
def ballot_add(request: HttpRequest, approach: Approach) -> HttpResponse:
    actions = _vote_actions(approach)
    form = _ballot_form(actions, request.POST)
    if not form.is_valid():
        return _vote_page(request, approach, actions, ballot_form=form)
    with transaction.atomic():
        row = Ballot.objects.create(
            approach=approach, voter=form.cleaned_data["votant"].strip(), source="saisie"
        )
        Grade.objects.bulk_create(
            Grade(ballot=row, action_id=pk, grade=g) for pk, g in form.grades_of().items()
        )
    messages.success(request, "Le bulletin est enregistré.")
    return redirect("actions:vote", approach.slug)


ABSENCE_CHOICES = [
    ("plus-basse", f"comptée comme la mention la plus basse (« {DEFAULT_GRADES[0]} »)"),
    ("exclure", "laissée de côté (l'action est jugée sur les mentions reçues)"),
    *[(g, f"comptée comme « {g} »") for g in DEFAULT_GRADES[1:]],
]


def _vote_context(
    approach: Approach, actions: list[Action], absence: str = "plus-basse", **extra: Any
) -> dict[str, Any]:
    if absence not in dict(ABSENCE_CHOICES):
        absence = "plus-basse"
    counted = services.vote_counts(approach)
    result = services.vote_result(approach, absence, counted)
    ballots = list(Ballot.objects.filter(approach=approach).prefetch_related("grades"))
    lowest = DEFAULT_GRADES[0]
    table = []
    for b in ballots:
        by_action = {g.action_id: DEFAULT_GRADES[g.grade] for g in b.grades.all()}
        table.append({"ballot": b, "cells": [by_action.get(a.pk, lowest) for a in actions]})
    extra.setdefault("import_form", VoteImportForm())
    extra.setdefault("ballot_form", BallotForm(actions=actions, grades=list(DEFAULT_GRADES)))
    extra.setdefault("tally_form", TallyForm(actions=actions, grades=list(DEFAULT_GRADES)))
    return {
        "counted": counted,
        "tallies": _tallies(approach, actions),
        "actions": actions,
        "grades": list(enumerate(DEFAULT_GRADES)),
        "result": result,
        "profiles": _profiles(result) if result else [],
        "ties": _ties(result) if result else [],
        "ballot_table": table,
        "absence": absence,
        "absence_choices": ABSENCE_CHOICES,
        "legend": list(zip(DEFAULT_GRADES, GRADE_COLOURS, GRADE_TEXT, strict=True)),
        **extra,
    }


def _tallies(approach: Approach, actions: list[Action]) -> list[dict[str, Any]]:
    """Each paper count with its grid: one row per action it counts, one cell per grade."""
    result = []
    for tally in PaperTally.objects.filter(approach=approach).prefetch_related("counts"):
        cells: dict[int, list[int]] = {}
        for row in tally.counts.all():
            cells.setdefault(row.action_id, [0] * len(DEFAULT_GRADES))[row.grade] = row.count
        rows = [
            {"action": a, "counts": cells[a.pk], "absent": tally.voters - sum(cells[a.pk])}
            for a in actions
            if a.pk in cells
        ]
        result.append({"tally": tally, "rows": rows})
    return result


@demarche_view(Right.CONTRIBUTE, WRITE)
def vote_tally_add(request: HttpRequest, approach: Approach) -> HttpResponse:
    """A paper vote's count, typed from the counting sheet; all of it or nothing."""
    actions = _vote_actions(approach)
    form = TallyForm(request.POST, actions=actions, grades=list(DEFAULT_GRADES))
    if not form.is_valid():
        return _vote_page(request, approach, actions, 400, tally_form=form)
    with transaction.atomic():
        tally = PaperTally.objects.create(
            approach=approach,
            label=form.cleaned_data["label"].strip(),
            voters=form.cleaned_data["voters"],
            created_by=request.user,
        )
        TallyCount.objects.bulk_create(
            TallyCount(tally=tally, action_id=action, grade=grade, count=count)
            for (action, grade), count in form.counts_of().items()
        )
    messages.success(
        request,
        f"Le dépouillement « {tally.label} » ({tally.voters} bulletins) compte dans le résultat.",
    )
    return redirect("actions:vote", approach.slug)


@demarche_view(Right.CONTRIBUTE, WRITE)
def vote_import(request: HttpRequest, approach: Approach) -> HttpResponse:
    form = VoteImportForm(request.POST, request.FILES)
    faults: list[str] = []
    if form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            faults = ["Le fichier dépasse 5 Mo."]
        else:
            source = form.cleaned_data["source"] or f"import {upload.name}"
            stored, faults = services.import_ballots(
                approach, upload.read(), upload.name, source=source
            )
            if not faults:
                messages.success(
                    request,
                    f"{plural(stored, 'bulletin')} {agree(stored, 'importé')} de {upload.name}.",
                )
                return redirect("actions:vote", approach.slug)
    else:
        faults = [f"{_field} : {' '.join(errors)}" for _field, errors in form.errors.items()]
        faults = [f.replace("file : ", "Fichier : ") for f in faults]
    actions = _vote_actions(approach)
    return _vote_page(request, approach, actions, 400, import_form=form, import_faults=faults)


@demarche_view(Right.VIEW, READ)
def vote_export(request: HttpRequest, approach: Approach) -> HttpResponse:
    return download(services.export_ballots(approach), f"{approach.slug}-bulletins.csv")


_vote_url = link_to("actions:vote")


ballot_delete = delete_view(
    Ballot,
    right=Right.CONTRIBUTE,
    what=lambda ballot: f"Le bulletin {ballot.voter or ballot.pk}".strip(),
    done=_vote_url,
    consequence="Ses mentions ne comptent plus dans le résultat.",
)


tally_delete = delete_view(
    PaperTally,
    right=Right.CONTRIBUTE,
    noun=Noun("le dépouillement", attr="label"),
    done=_vote_url,
    consequence="Ses mentions ne comptent plus dans le résultat.",
)
