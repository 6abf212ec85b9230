"""Choosing a portfolio of actions within a budget (issue 23): the page, its settings, the
links between actions, and building the strategy's action plan from the choice."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ressort.actions import budget
from ressort.actions.forms import ActionLinkForm, BudgetSettingForm
from ressort.actions.models import ActionLink, BudgetSetting
from ressort.analysis.frontier_chart import money, number
from ressort.analysis.typography import agree, plural
from ressort.approaches.access import Right
from ressort.approaches.models import Approach
from ressort.web import link_to
from ressort.web.generic import add_view, delete_view
from ressort.web.scoped import READ, WRITE, demarche_view


def _page(
    request: HttpRequest,
    approach: Approach,
    setting_form: BudgetSettingForm | None = None,
    link_form: ActionLinkForm | None = None,
    status: int = 200,
) -> HttpResponse:
    setting = budget.setting_of(approach)
    if setting_form is None:
        initial: dict[str, Any] = {}
        if setting is None:
            initial = {"budget": 1_200_000, "benefit": BudgetSetting.Benefit.GRID}
        setting_form = BudgetSettingForm(instance=setting, initial=initial, approach=approach)
    result = budget.choose(approach) if setting is not None else None
    data = result.data if result is not None else budget.budget_data(approach)
    return render(
        request,
        "actions/budget.html",
        {
            "setting": setting,
            "setting_form": setting_form,
            "link_form": link_form or ActionLinkForm(approach=approach),
            "data": data,
            "result": result,
            "constraint_notes": budget.constraint_notes(data),
            "budget_label": money(float(setting.budget)) if setting else "",
            "cost_label": money(result.cost) if result else "",
            "benefit_label": number(result.benefit) if result else "",
            "rows": [
                {"candidate": c, "cost": money(c.cost), "benefit": number(c.benefit)}
                for c in (result.chosen if result else [])
            ],
            "left_out": [
                {"item": item, "cost": money(item.cost), "benefit": number(item.benefit)}
                for item in (result.left_out if result else [])
            ],
        },
        status=status,
    )


@demarche_view(Right.VIEW, READ)
def budget_choice(request: HttpRequest, approach: Approach) -> HttpResponse:
    return _page(request, approach)


@demarche_view(Right.CONTRIBUTE, WRITE)
def budget_settings(request: HttpRequest, approach: Approach) -> HttpResponse:
    form = BudgetSettingForm(request.POST, instance=budget.setting_of(approach), approach=approach)
    if not form.is_valid():
        return _page(request, approach, setting_form=form)
    with transaction.atomic():
        setting = form.save(commit=False)
        setting.approach = approach
        setting.save()
        form.save_m2m()
    messages.success(request, "Le choix est recalculé avec ces réglages.")
    return redirect("actions:budget_choice", approach.slug)


_budget_url = link_to("actions:budget_choice")


budget_link_add = add_view(
    None,
    ActionLinkForm,
    page=lambda request, approach, _, form: _page(request, approach, link_form=form),
    saved=lambda link: f"Lien ajouté : {link}.",
    done=_budget_url,
)


budget_link_delete = delete_view(
    ActionLink,
    right=Right.CONTRIBUTE,
    what=lambda link: f"Le lien {link}",
    done=_budget_url,
)


@demarche_view(Right.EDIT_FRAMING, WRITE)
def budget_plan(request: HttpRequest, approach: Approach) -> HttpResponse:
    """Give every chosen action a fiche action in the strategy's action plan."""
    result = budget.choose(approach)
    if result is None or result.error or not result.chosen:
        messages.error(request, "Aucun portefeuille choisi : rien à ajouter au plan d'actions.")
        return redirect("actions:budget_choice", approach.slug)
    with transaction.atomic():
        created, existing = budget.build_plan(approach, result, request.user)
    already = f" ; {existing} y figuraient déjà" if existing else ""
    messages.success(
        request,
        f"{plural(created, 'fiche')} action {agree(created, 'ajoutée')} "
        f"au plan d'actions{already}.",
    )
    return redirect("strategy:overview", approach.slug)
