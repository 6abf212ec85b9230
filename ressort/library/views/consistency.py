"""Consistency with the plans in force: each plan's objectives recorded once, each action of
the strategy checked against them (compatible, neutral, in tension, with a justification)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ressort.actions.models import Action
from ressort.approaches.models import Approach
from ressort.library import services
from ressort.library.models import (
    REGULATORY_KINDS,
    ConsistencyCheck,
    Document,
    PlanObjective,
    Verdict,
)
from ressort.web import Right, demarche_url, demarche_view, get_scoped
from ressort.web.generic import delete_view
from ressort.web.scoped import READ, WRITE


@demarche_view(Right.VIEW)
def plans(request: HttpRequest, approach: Approach) -> HttpResponse:
    """The plans in force, their objectives, and the actions' checks against them."""
    documents = (
        Document.objects.filter(approach=approach, kind__in=REGULATORY_KINDS)
        .defer("text", "search_vector")
        .prefetch_related("objectives")
    )
    actions = list(Action.objects.filter(approach=approach).order_by("title", "pk"))
    checks = ConsistencyCheck.objects.filter(action__approach=approach)
    summary: dict[int, dict[str, int]] = {}
    for check in checks:
        counts = summary.setdefault(check.action_id, dict.fromkeys(Verdict.values, 0))
        counts[check.verdict] += 1
    rows = [{"action": a, "counts": summary.get(a.pk)} for a in actions]
    return render(
        request,
        "library/plans.html",
        {"documents": documents, "rows": rows, "verdicts": Verdict.choices},
    )


objective_delete = delete_view(
    PlanObjective,
    what=lambda o: f"L'objectif «\u00a0{o.code or o.text[:40]}\u00a0»",
    done=lambda request, o: o.document.get_absolute_url() + "#objectifs",
    consequence="Les vérifications de cohérence des actions avec cet objectif partent avec lui.",
    gone="{what} est supprimé.",
)


def _consistency_page(
    request: HttpRequest, action: Action, rows: list[dict[str, Any]], posted: bool = False
) -> HttpResponse:
    """The action's page; after a refused POST, with what was typed."""
    shown = []
    for row in rows:
        objective, check = row["objective"], row["check"]
        if posted:
            verdict = request.POST.get(f"verdict-{objective.pk}", "")
            justification = request.POST.get(f"justification-{objective.pk}", "")
        else:
            verdict = check.verdict if check else ""
            justification = check.justification if check else ""
        shown.append({"objective": objective, "verdict": verdict, "justification": justification})
    return render(
        request,
        "library/action_consistency.html",
        {"action": action, "rows": shown, "verdicts": Verdict.choices},
    )


@demarche_view(Right.VIEW, READ, objects={"pk": Action})
def action_consistency(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    action = get_scoped(Action, approach, pk=pk)
    return _consistency_page(request, action, services.consistency_of(approach, action))


@demarche_view(Right.CONTRIBUTE, WRITE, objects={"pk": Action})
def action_consistency_save(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    """Record the action's consistency with every objective: all of it, or nothing."""
    action = get_scoped(Action, approach, pk=pk)
    rows = services.consistency_of(approach, action)
    faults = []
    with transaction.atomic():
        for row in rows:
            objective = row["objective"]
            verdict = request.POST.get(f"verdict-{objective.pk}", "")
            justification = request.POST.get(f"justification-{objective.pk}", "")[:2000]
            if verdict and verdict not in Verdict.values:
                faults.append(f"{objective}\u00a0: cohérence inconnue.")
                continue
            if verdict == Verdict.TENSION and not justification.strip():
                faults.append(
                    f"« {objective} » : une tension doit être justifiée (en quoi l'action "
                    "s'écarte de l'objectif, et pourquoi elle est maintenue)."
                )
                continue
            services.record_consistency(action, objective, verdict, justification)
        if faults:
            transaction.set_rollback(True)
    if not faults:
        messages.success(request, "La cohérence de l'action est enregistrée.")
        return redirect(demarche_url(approach, "library:action_consistency", action.pk))
    for fault in faults:
        messages.error(request, f"Rien n'est enregistré — {fault}")
    return _consistency_page(request, action, rows, posted=True)
