"""Trajectories of the démarche's indicators: list with statuses, chart, setting a target.

Every member reads; members who contribute set or change a trajectory; deleting one needs
EDIT_FRAMING. Indicator values are entered or imported on the portrait's pages.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe

from ressort.analysis.trajectory_chart import trajectory_svg
from ressort.approaches.access import Right
from ressort.approaches.models import Approach
from ressort.monitoring import tracking
from ressort.monitoring.forms import MilestoneFormSet, TrajectoryForm
from ressort.monitoring.models import Trajectory
from ressort.portrait.models import Indicator
from ressort.web import link_to
from ressort.web.generic import delete_view
from ressort.web.scoped import FORM, READ, demarche_view, get_scoped


@demarche_view(Right.VIEW, READ)
def trajectory_list(request: HttpRequest, approach: Approach) -> HttpResponse:
    tracks = tracking.indicator_tracks(approach)
    return render(
        request,
        "monitoring/trajectory_list.html",
        {
            "with_target": [t for t in tracks if t.trajectory is not None],
            "without_target": [t for t in tracks if t.trajectory is None],
        },
    )


def _rows(item: tracking.IndicatorTrack) -> list[dict[str, Any]]:
    """One row per year that has an observation or a milestone: the chart's data table."""
    observed = dict(item.observations)
    years = set(observed)
    if item.path is not None:
        years |= {y for y, _ in item.path.points}
    trend = item.result.trend if item.result else None
    rows = []
    for year in sorted(years):
        rows.append(
            {
                "year": year,
                "observed": observed.get(year),
                "target": item.path.value_at(year) if item.path else None,
                "trend": trend.predict(year) if trend else None,
            }
        )
    return rows


@demarche_view(Right.VIEW, READ, objects={"pk": Indicator})
def trajectory_detail(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    indicator = get_scoped(Indicator, approach, pk=pk)
    trajectory = Trajectory.objects.filter(indicator=indicator).first()
    obs = tracking.observed_series(approach, [indicator])[indicator.pk]
    item = tracking.track(indicator, trajectory, obs)
    trend = item.result.trend if item.result else None
    if trend is None and len(obs) >= 2:
        from ressort.analysis.trajectories import linear_trend

        trend = linear_trend(obs)
    chart = trajectory_svg(
        item.path,
        obs,
        trend,
        title=f"Trajectoire : {indicator.name}",
        unit=indicator.unit,
        ident=f"trajectoire-{indicator.pk}",
    )
    return render(
        request,
        "monitoring/trajectory_detail.html",
        {
            "indicator": indicator,
            "item": item,
            "trend": trend,
            "chart": mark_safe(chart),
            "rows": _rows(item),
            "contributions": _contributions(approach, indicator),
        },
    )


def _contributions(approach: Approach, indicator: Any) -> list[Any]:
    """Action sheets that follow this indicator (output or outcome), from the strategy."""
    links = indicator.sheet_links.filter(sheet__approach=approach).select_related("sheet__action")
    return [
        {
            "action": link.sheet.action,
            "kind": link.get_kind_display(),
            "target": link.target,
            "target_year": link.target_year,
        }
        for link in links
    ]


@demarche_view(Right.CONTRIBUTE, FORM, objects={"pk": Indicator})
def trajectory_edit(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    indicator = get_scoped(Indicator, approach, pk=pk)
    trajectory = Trajectory.objects.filter(indicator=indicator).first() or Trajectory(
        approach=approach, indicator=indicator
    )
    initial: dict[str, Any] = {}
    if trajectory.pk is None:
        obs = tracking.observed_series(approach, [indicator])[indicator.pk]
        if obs:
            initial = {"baseline_year": obs[0][0], "baseline_value": obs[0][1]}
    form = TrajectoryForm(request.POST or None, instance=trajectory, initial=initial)
    formset = MilestoneFormSet(request.POST or None, instance=trajectory, prefix="jalons")
    if request.method == "POST":
        form_ok = form.is_valid()
        formset.source = request.POST.get("source", "")
        if form_ok:
            formset.baseline_year = form.cleaned_data["baseline_year"]
            formset.baseline_value = form.cleaned_data["baseline_value"]
        if form_ok and formset.is_valid():
            with transaction.atomic():
                trajectory = form.save()
                formset.instance = trajectory
                formset.save()
            messages.success(request, f"La trajectoire de « {indicator.name} » est enregistrée.")
            return redirect("monitoring:trajectory_detail", approach.slug, indicator.pk)
    return render(
        request,
        "monitoring/trajectory_form.html",
        {"indicator": indicator, "form": form, "formset": formset, "trajectory": trajectory},
    )


trajectory_delete = delete_view(
    Trajectory,
    right=Right.EDIT_FRAMING,
    what=lambda t: f"La trajectoire de « {t.indicator.name} »",
    consequence="ses jalons aussi ; les valeurs observées de l'indicateur restent",
    gone="{what} est supprimée.",
    done=link_to("monitoring:trajectory_list"),
    back=link_to("monitoring:trajectory_detail", "indicator_id"),
)
