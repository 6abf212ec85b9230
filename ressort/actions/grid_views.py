"""The analysis grid: evaluating an action, what it derives, and the portfolio view."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe

from ressort.actions import services
from ressort.actions.forms import EvaluationGridForm
from ressort.actions.models import (
    Action,
    Evaluation,
    EvaluationProposal,
    GridChoice,
)
from ressort.analysis import doughnut as dn
from ressort.analysis import portfolio as pf
from ressort.analysis.effect_drawing import EffectSegment, effect_svg
from ressort.approaches.access import Right
from ressort.approaches.models import Approach
from ressort.frameworks.models import Framework
from ressort.web.files import download
from ressort.web.scoped import FORM, READ, WRITE, demarche_view, get_scoped, scoped

GAP_LABELS = dn.STATUS_PHRASES


def drawing(grid: services.AnalysisGrid, today: dict[str, int], ident: str, title: str) -> str:
    if not grid.dimensions:
        return ""
    social = [
        EffectSegment(d.code, d.short_label, today.get(d.code))
        for d in grid.dimensions
        if d.ring == "social"
    ]
    ecological = [
        EffectSegment(d.code, d.short_label, today.get(d.code))
        for d in grid.dimensions
        if d.ring == "ecological"
    ]
    if not social or not ecological:
        social = [EffectSegment(d.code, d.short_label, today.get(d.code)) for d in grid.dimensions]
        ecological = []
    return effect_svg(social, ecological, title=title, ident=ident)


def analysis(approach: Approach, action: Action) -> dict[str, Any]:
    """Everything the action's page derives from its grid."""
    grid = services.analysis_grid(approach)
    today, scenarios = services.effects_of(action)
    evaluations = {(e.dimension_code, e.scenario): e for e in action.evaluations.all()}
    order = [d.code for d in grid.dimensions]
    profile = pf.profile(today, scenarios, order=order)
    label = grid.label
    vigilance = [
        {
            "kind": v.kind,
            "text": (
                f"améliore « {label(v.helped)} » ({v.today:+d}) mais dégrade "
                f"« {label(v.harmed)} » ({v.under:+d})"
                if v.kind == "dimension"
                else f"« {label(v.harmed)} » : {v.today:+d} aujourd'hui, {v.under:+d} "
                f"sous le scénario « {v.scenario} »"
            ),
        }
        for v in profile.vigilance
    ]
    tips = services.suggestions(grid, profile.harmed)
    rows = [
        {
            "dimension": d,
            "evaluation": evaluations.get((d.code, "")),
            "scenarios": [(name, evaluations.get((d.code, name))) for name in sorted(scenarios)],
        }
        for d in grid.dimensions
    ]
    return {
        "grid": grid,
        "rows": rows,
        "scenario_names": sorted(scenarios),
        "profile": profile,
        "co_benefits": [label(c) for c in profile.co_benefits],
        "vigilance": vigilance,
        "suggestions": [(label(code), tips.get(code, [])) for code in profile.harmed],
        "svg": mark_safe(  # built by our own drawing code, labels escaped
            drawing(grid, today, f"effets-{action.pk}", f"Effets de « {action.title} »")
        ),
        "proposals": [
            (
                p,
                sorted(
                    services.proposal_average(p).items(),
                    key=lambda kv: order.index(kv[0]) if kv[0] in order else 999,
                ),
            )
            for p in action.proposals.all()
        ],
        "labels": {d.code: d.label for d in grid.dimensions},
    }


@demarche_view(Right.VIEW, READ, objects={"pk": Action})
def action_detail(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    action = get_scoped(
        Action.objects.select_related("theme").prefetch_related(
            "evaluations", "ideas", "proposals", "resources"
        ),
        approach,
        pk=pk,
    )
    return render(
        request,
        "actions/action_detail.html",
        {"action": action, **analysis(approach, action)},
    )


@demarche_view(Right.CONTRIBUTE, FORM, objects={"pk": Action})
def action_evaluate(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    """Fill the grid for an action, today or under a scenario; validate all, then write."""
    action = get_scoped(Action, approach, pk=pk)
    grid = services.analysis_grid(approach)
    data = request.POST if request.method == "POST" else request.GET
    scenario = (data.get("nouveau_scenario") or data.get("scenario") or "").strip()[:200]
    proposal = None
    raw_pk = data.get("proposition", "")
    if raw_pk.isdigit():
        proposal = EvaluationProposal.objects.filter(pk=raw_pk, action=action).first()
    dimensions = list(grid.dimensions)
    if request.method == "POST":
        form = EvaluationGridForm(request.POST, dimensions=dimensions)
        if form.is_valid():
            with transaction.atomic():
                for code, value in form.values().items():
                    if value is None:
                        action.evaluations.filter(dimension_code=code, scenario=scenario).delete()
                    else:
                        Evaluation.objects.update_or_create(
                            action=action,
                            dimension_code=code,
                            scenario=scenario,
                            defaults={
                                "effect": value[0],
                                "confidence": value[1],
                                "justification": value[2],
                            },
                        )
                if proposal is not None:
                    proposal.applied = True
                    proposal.save(update_fields=["applied"])
                action.save(update_fields=["updated_at"])
            where = f" sous le scénario « {scenario} »" if scenario else ""
            messages.success(request, f"L'évaluation{where} est enregistrée.")
            return redirect("actions:action_detail", approach.slug, action.pk)
    else:
        initial: dict[str, Any] = {}
        for e in action.evaluations.filter(scenario=scenario):
            initial[f"effet-{e.dimension_code}"] = str(e.effect)
            initial[f"confiance-{e.dimension_code}"] = e.confidence
            initial[f"justification-{e.dimension_code}"] = e.justification
        if proposal is not None:
            codes = {d.code for d in dimensions}
            for code, mean in services.proposal_average(proposal).items():
                if code in codes:
                    initial[f"effet-{code}"] = str(max(-2, min(2, round(mean))))
                    initial[f"justification-{code}"] = (
                        f"Moyenne de l'atelier « {proposal.source} » : {mean:+.1f}"
                    )
        form = EvaluationGridForm(initial=initial, dimensions=dimensions)
    return render(
        request,
        "actions/action_evaluate.html",
        {
            "action": action,
            "grid": grid,
            "form": form,
            "rows": form.rows(),
            "scenario": scenario,
            "scenarios": services.scenario_names(approach),
            "proposal": proposal,
            "errors": form.messages() if form.is_bound else [],
        },
    )


@demarche_view(Right.VIEW, READ)
def portfolio(request: HttpRequest, approach: Approach) -> HttpResponse:
    grid = services.analysis_grid(approach)
    actions = list(scoped(Action, approach).prefetch_related("evaluations").order_by("title"))
    effects = {a.title: services.effects_of(a)[0] for a in actions}
    gaps = services.portrait_gaps(approach)
    result = pf.portfolio(effects, gaps)
    coverage = {g.code: g for g in result.gaps}
    rows = [
        {
            "dimension": d,
            "gap": gaps.get(d.code, ""),
            "gap_label": GAP_LABELS.get(gaps.get(d.code, ""), "—"),
            "coverage": coverage.get(d.code),
            "improving": [n for n, e in effects.items() if e.get(d.code, 0) > 0],
            "worsening": [n for n, e in effects.items() if e.get(d.code, 0) < 0],
            "net": result.net.get(d.code, 0),
        }
        for d in grid.dimensions
    ]
    matrix = [
        {"action": a, "cells": [effects[a.title].get(d.code) for d in grid.dimensions]}
        for a in actions
    ]
    label = grid.label
    order = {d.code: i for i, d in enumerate(grid.dimensions)}

    def in_grid_order(codes: tuple[str, ...]) -> list[str]:
        return [label(c) for c in sorted(codes, key=lambda c: order.get(c, len(order)))]

    return render(
        request,
        "actions/portfolio.html",
        {
            "grid": grid,
            "rows": rows,
            "matrix": matrix,
            "gaps_known": any(v in pf.GAP_STATUSES or v == dn.Status.SAFE for v in gaps.values()),
            "unaddressed": in_grid_order(result.unaddressed),
            "worsened": in_grid_order(result.worsened_gaps),
            "grids": Framework.objects.filter(approach=approach).order_by("name"),
            "choice": GridChoice.objects.filter(approach=approach).first(),
        },
    )


@demarche_view(Right.VIEW, READ)
def evaluations_csv(request: HttpRequest, approach: Approach) -> HttpResponse:
    """Every evaluation of the démarche's actions and policies, one row per effect."""
    from ressort import tables

    grid = services.analysis_grid(approach)
    out: list[list[Any]] = [
        [
            "action",
            "nature",
            "thème",
            "dimension",
            "libellé",
            "scénario",
            "effet",
            "confiance",
            "justification",
        ]
    ]
    rows = (
        Evaluation.objects.filter(action__approach=approach)
        .select_related("action__theme")
        .order_by("action__title", "action_id", "scenario", "dimension_code")
    )
    for e in rows:
        out.append(
            [
                e.action.title,
                e.action.get_kind_display(),
                e.action.theme.name if e.action.theme else "",
                e.dimension_code,
                grid.label(e.dimension_code),
                e.scenario,
                e.effect,
                e.get_confidence_display(),
                e.justification,
            ]
        )
    return download(tables.csv_text(out, lineterminator="\n"), f"{approach.slug}-evaluations.csv")


@demarche_view(Right.EDIT_FRAMING, WRITE)
def grid_choice(request: HttpRequest, approach: Approach) -> HttpResponse:
    raw = request.POST.get("grille", "")
    grid = Framework.objects.filter(approach=approach, pk=raw).first() if raw.isdigit() else None
    if raw and grid is None:
        messages.error(request, "Grille introuvable dans cette démarche.")
    else:
        GridChoice.objects.update_or_create(approach=approach, defaults={"grid": grid})
        messages.success(
            request,
            f"Les actions sont désormais évaluées avec « {grid.name if grid else 'le Donut'} ». "
            "Les évaluations déjà saisies sur d'autres dimensions sont conservées.",
        )
    return redirect("actions:portfolio", approach.slug)
