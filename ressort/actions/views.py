"""Démarche pages of actions: ideas, actions and policies, and their analysis grid.

Rights: every member reads; writing ideas, actions, evaluations, criteria, ballots and the
conflict register needs CONTRIBUTE (partners read and comment only); choosing the analysis
grid needs EDIT_FRAMING (it is part of the démarche's shared reading frame).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from ressort.actions import services
from ressort.actions.forms import ActionForm, IdeaForm, ThemeForm
from ressort.actions.models import Action, Idea, Theme
from ressort.approaches.access import Right, get_approach_for_user
from ressort.approaches.models import Approach
from ressort.approaches.views import approach_context


def _form_errors(form: Any) -> str:
    return "; ".join(
        f"{form.fields[f].label if f in form.fields else 'Formulaire'} : {' '.join(e)}"
        for f, e in form.errors.items()
    )


def _dimension_choices(approach: Approach) -> list[tuple[str, str]]:
    return [(d.code, d.label) for d in services.analysis_grid(approach).dimensions]


# --- Ideas ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def idea_list(request: HttpRequest, slug: str) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    dimensions = _dimension_choices(approach)
    form = IdeaForm(approach=approach, dimensions=dimensions)
    if request.method == "POST":
        approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
        form = IdeaForm(request.POST, approach=approach, dimensions=dimensions)
        if form.is_valid():
            idea = form.save(commit=False)
            idea.approach = approach
            idea.save()
            messages.success(request, "L'idée est ajoutée.")
            return redirect("actions:idea_list", approach.slug)
    ideas = list(
        Idea.objects.filter(approach=approach).select_related("theme", "action", "merged_into")
    )
    source = request.GET.get("origine", "")
    roots = [i for i in ideas if i.merged_into_id is None]
    if source:
        roots = [i for i in roots if i.source == source]
    duplicates: dict[int, list[Idea]] = {}
    for idea in ideas:
        if idea.merged_into_id is not None:
            duplicates.setdefault(idea.merged_into_id, []).append(idea)
    themes = list(Theme.objects.filter(approach=approach))
    groups = [(t, [i for i in roots if i.theme_id == t.pk]) for t in themes]
    groups.append((None, [i for i in roots if i.theme_id is None]))
    for _theme, members in groups:
        for idea in members:
            idea.dups = duplicates.get(idea.pk, [])  # type: ignore[attr-defined]
    labels = dict(dimensions)
    return render(
        request,
        "actions/idea_list.html",
        approach_context(
            request,
            approach,
            form=form,
            groups=[g for g in groups if g[1]],
            themes=themes,
            theme_form=ThemeForm(),
            total=len(ideas),
            distinct=len([i for i in ideas if i.merged_into_id is None]),
            retained=len([i for i in ideas if i.retained]),
            sources=Idea.Source.choices,
            source=source,
            labels=labels,
            answer_suggestions=services.answer_suggestions(approach),
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
def idea_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    idea = get_object_or_404(Idea, pk=pk, approach=approach)
    dimensions = _dimension_choices(approach)
    form = IdeaForm(instance=idea, approach=approach, dimensions=dimensions)
    if request.method == "POST":
        if request.POST.get("supprimer"):
            idea.delete()
            messages.success(request, "L'idée est supprimée.")
            return redirect("actions:idea_list", approach.slug)
        form = IdeaForm(request.POST, instance=idea, approach=approach, dimensions=dimensions)
        if form.is_valid():
            form.save()
            messages.success(request, "L'idée est enregistrée.")
            return redirect("actions:idea_list", approach.slug)
    return render(
        request,
        "actions/idea_edit.html",
        approach_context(
            request,
            approach,
            form=form,
            idea=idea,
            answer_suggestions=services.answer_suggestions(approach),
        ),
    )


@require_POST
@login_required
def theme_create(request: HttpRequest, slug: str) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    form = ThemeForm(request.POST)
    if form.is_valid():
        name = form.cleaned_data["name"].strip()
        if Theme.objects.filter(approach=approach, name=name).exists():
            messages.error(request, f"Le thème « {name} » existe déjà.")
        else:
            Theme.objects.create(approach=approach, name=name, order=approach.action_themes.count())
            messages.success(request, f"Le thème « {name} » est créé.")
    else:
        messages.error(request, f"Thème non créé — {_form_errors(form)}")
    return redirect("actions:idea_list", approach.slug)


@require_POST
@login_required
def theme_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Rename a theme, or delete it (its ideas and actions keep existing, without theme)."""
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    theme = get_object_or_404(Theme, pk=pk, approach=approach)
    if request.POST.get("supprimer"):
        theme.delete()
        messages.success(request, f"Le thème « {theme.name} » est supprimé ; ses idées restent.")
        return redirect("actions:idea_list", approach.slug)
    name = request.POST.get("name", "").strip()[:120]
    if not name:
        messages.error(request, "Nom du thème : ce champ est obligatoire.")
    elif Theme.objects.filter(approach=approach, name=name).exclude(pk=theme.pk).exists():
        messages.error(request, f"Le thème « {name} » existe déjà.")
    else:
        theme.name = name
        theme.save(update_fields=["name"])
        messages.success(request, f"Le thème est renommé « {name} ».")
    return redirect("actions:idea_list", approach.slug)


@require_POST
@login_required
def idea_operation(request: HttpRequest, slug: str) -> HttpResponse:
    """Grouped operations on the checked ideas: give a theme, merge, retain as an action."""
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    pks = [int(p) for p in request.POST.getlist("idees") if p.isdigit()]
    ideas = list(Idea.objects.filter(approach=approach, pk__in=pks).order_by("pk"))
    operation = request.POST.get("operation", "")
    back = redirect("actions:idea_list", approach.slug)
    if not ideas:
        messages.error(request, "Cochez au moins une idée.")
        return back
    if operation == "theme":
        raw = request.POST.get("theme", "")
        theme = Theme.objects.filter(approach=approach, pk=raw).first() if raw.isdigit() else None
        Idea.objects.filter(pk__in=[i.pk for i in ideas]).update(theme=theme)
        label = f"au thème « {theme.name} »" if theme else "sans thème"
        messages.success(request, f"{len(ideas)} idée(s) rangée(s) {label}.")
    elif operation == "fusionner":
        if len(ideas) < 2:
            messages.error(request, "Cochez au moins deux idées à fusionner.")
            return back
        target, rest = ideas[0], ideas[1:]
        merged = services.merge_ideas(target, rest)
        messages.success(
            request, f"{merged} doublon(s) fusionné(s) dans « {services.root_of(target)} »."
        )
    elif operation == "retenir":
        title = request.POST.get("intitule", "").strip()
        action = services.retain_ideas(ideas, title=title, user=request.user)
        messages.success(request, f"La fiche action « {action.title} » est créée (brouillon).")
        return redirect("actions:action_detail", approach.slug, action.pk)
    else:
        messages.error(request, "Choisissez une opération.")
    return back


# --- Actions ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def action_list(request: HttpRequest, slug: str) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    form = ActionForm(approach=approach)
    if request.method == "POST":
        approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
        form = ActionForm(request.POST, approach=approach)
        if form.is_valid():
            with transaction.atomic():
                action = form.save(commit=False)
                action.approach = approach
                action.created_by = request.user
                action.save()
                form.save_m2m()
            messages.success(request, f"« {action.title} » est créée.")
            return redirect("actions:action_detail", approach.slug, action.pk)
    kind = request.GET.get("nature", "")
    actions = (
        Action.objects.filter(approach=approach)
        .select_related("theme")
        .prefetch_related("evaluations")
    )
    if kind in Action.Kind.values:
        actions = actions.filter(kind=kind)
    rows = []
    for action in actions:
        today, _ = services.effects_of(action)
        rows.append(
            {
                "action": action,
                "evaluated": len(today),
                "plus": sum(1 for v in today.values() if v > 0),
                "minus": sum(1 for v in today.values() if v < 0),
            }
        )
    return render(
        request,
        "actions/action_list.html",
        approach_context(request, approach, form=form, rows=rows, kind=kind, kinds=Action.Kind),
    )


@require_http_methods(["GET", "POST"])
@login_required
def action_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
    action = get_object_or_404(Action, pk=pk, approach=approach)
    form = ActionForm(instance=action, approach=approach)
    if request.method == "POST":
        if request.POST.get("supprimer"):
            title = action.title
            action.delete()
            messages.success(request, f"« {title} » est supprimée.")
            return redirect("actions:action_list", approach.slug)
        form = ActionForm(request.POST, instance=action, approach=approach)
        if form.is_valid():
            form.save()
            messages.success(request, "La fiche est enregistrée.")
            return redirect("actions:action_detail", approach.slug, action.pk)
    return render(
        request,
        "actions/action_edit.html",
        approach_context(request, approach, form=form, action=action),
    )
