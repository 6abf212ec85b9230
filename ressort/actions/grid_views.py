"""The analysis grid: evaluating an action, what it derives, and the portfolio view."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ressort.actions import services
from ressort.actions.models import (
    EFFECTS,
    Action,
    Evaluation,
    EvaluationProposal,
    GridChoice,
)
from ressort.analysis import doughnut as dn
from ressort.analysis import portfolio as pf
from ressort.analysis.effect_drawing import EffectSegment, effect_svg
from ressort.approaches.access import Right, get_approach_for_user
from ressort.approaches.models import Approach
from ressort.approaches.views import approach_context
from ressort.frameworks.models import Framework

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


@require_GET
@login_required
def action_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    action = get_object_or_404(
        Action.objects.select_related("theme").prefetch_related(
            "evaluations", "ideas", "proposals", "resources"
        ),
        pk=pk,
        approach=approach,
    )
    return render(
        request,
        "actions/action_detail.html",
        approach_context(request, approach, action=action, **analysis(approach, action)),
    )


@require_http_methods(["GET", "POST"])
@login_required
def action_evaluate(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Fill the grid for an action, today or under a scenario; validate all, then write."""
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    action = get_object_or_404(Action, pk=pk, approach=approach)
    grid = services.analysis_grid(approach)
    data = request.POST if request.method == "POST" else request.GET
    scenario = (data.get("nouveau_scenario") or data.get("scenario") or "").strip()[:200]
    existing = {e.dimension_code: e for e in action.evaluations.filter(scenario=scenario)}
    proposal = None
    raw_pk = data.get("proposition", "")
    if raw_pk.isdigit():
        proposal = EvaluationProposal.objects.filter(pk=raw_pk, action=action).first()
    errors: list[str] = []
    values: dict[str, dict[str, str]] = {}
    for d in grid.dimensions:
        e = existing.get(d.code)
        values[d.code] = {
            "effect": "" if e is None else str(e.effect),
            "confidence": e.confidence if e else Evaluation.Confidence.MEDIUM,
            "justification": e.justification if e else "",
        }
    if proposal is not None and request.method == "GET":
        for code, mean in services.proposal_average(proposal).items():
            if code in values:
                values[code]["effect"] = str(max(-2, min(2, round(mean))))
                values[code]["justification"] = (
                    f"Moyenne de l'atelier « {proposal.source} » : {mean:+.1f}"
                )
    if request.method == "POST":
        cleaned: dict[str, tuple[int, str, str] | None] = {}
        confidences = set(Evaluation.Confidence.values)
        for d in grid.dimensions:
            effect = request.POST.get(f"effet-{d.code}", "").strip()
            confidence = request.POST.get(f"confiance-{d.code}", Evaluation.Confidence.MEDIUM)
            justification = request.POST.get(f"justification-{d.code}", "").strip()
            values[d.code] = {
                "effect": effect,
                "confidence": confidence,
                "justification": justification,
            }
            if not effect:
                cleaned[d.code] = None
                continue
            try:
                number = int(effect)
            except ValueError:
                number = 99
            if not -2 <= number <= 2:
                errors.append(f"« {d.label} » : l'effet doit être un entier de −2 à +2.")
            elif confidence not in confidences:
                errors.append(f"« {d.label} » : confiance inconnue « {confidence} ».")
            else:
                cleaned[d.code] = (number, confidence, justification)
        if not errors:
            with transaction.atomic():
                for code, value in cleaned.items():
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
    rows = [{"dimension": d, **values[d.code]} for d in grid.dimensions]
    return render(
        request,
        "actions/action_evaluate.html",
        approach_context(
            request,
            approach,
            action=action,
            grid=grid,
            rows=rows,
            scenario=scenario,
            scenarios=services.scenario_names(approach),
            proposal=proposal,
            errors=errors,
            effects=EFFECTS,
            confidences=Evaluation.Confidence.choices,
        ),
    )


@require_GET
@login_required
def portfolio(request: HttpRequest, slug: str) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    grid = services.analysis_grid(approach)
    actions = list(
        Action.objects.filter(approach=approach).prefetch_related("evaluations").order_by("title")
    )
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
        approach_context(
            request,
            approach,
            grid=grid,
            rows=rows,
            matrix=matrix,
            gaps_known=any(v in pf.GAP_STATUSES or v == dn.Status.SAFE for v in gaps.values()),
            unaddressed=in_grid_order(result.unaddressed),
            worsened=in_grid_order(result.worsened_gaps),
            grids=Framework.objects.filter(approach=approach).order_by("name"),
            choice=GridChoice.objects.filter(approach=approach).first(),
        ),
    )


@require_GET
@login_required
def evaluations_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """Every evaluation of the démarche's actions and policies, one row per effect."""
    from ressort import tables

    approach = get_approach_for_user(request, slug)
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
    response = HttpResponse(
        tables.csv_text(out, lineterminator="\n"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{approach.slug}-evaluations.csv"'
    return response


@require_POST
@login_required
def grid_choice(request: HttpRequest, slug: str) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.EDIT_FRAMING)
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
