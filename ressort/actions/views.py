"""Démarche pages of actions: ideas, actions and policies, and their analysis grid.

Rights: every member reads; writing ideas, actions, evaluations, criteria, ballots and the
conflict register needs CONTRIBUTE (partners read and comment only); choosing the analysis
grid needs EDIT_FRAMING (it is part of the démarche's shared reading frame). Every view goes
through `ressort.web.demarche_view`; one URL does one thing (no view switching on a posted
field): deleting has its own page (`ressort.web.generic.delete_view`).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ressort.actions import services
from ressort.actions.forms import ActionForm, IdeaForm, ThemeForm
from ressort.actions.models import Action, Idea, Theme
from ressort.analysis.typography import agree, plural
from ressort.approaches.access import Right
from ressort.approaches.models import Approach
from ressort.web import link_to
from ressort.web.generic import Noun, add_view, delete_view, object_pages
from ressort.web.scoped import READ, WRITE, demarche_view, get_scoped, scoped


def _form_errors(form: Any) -> str:
    return "; ".join(
        f"{form.fields[f].label if f in form.fields else 'Formulaire'} : {' '.join(e)}"
        for f, e in form.errors.items()
    )


def _dimension_choices(approach: Approach) -> list[tuple[str, str]]:
    return [(d.code, d.label) for d in services.analysis_grid(approach).dimensions]


_ideas_url = link_to("actions:idea_list")


_actions_url = link_to("actions:action_list")


_action_url = link_to("actions:action_detail", "pk")


# --- Ideas ------------------------------------------------------------------------------


@demarche_view(Right.VIEW, READ)
def idea_list(request: HttpRequest, approach: Approach) -> HttpResponse:
    return _ideas_page(request, approach)


idea_add = add_view(
    None,
    IdeaForm,
    form_kwargs=lambda request, approach, _: {
        "approach": approach,
        "dimensions": _dimension_choices(approach),
    },
    page=lambda request, approach, _, form: _ideas_page(request, approach, form),
    saved="L'idée est ajoutée.",
    done=link_to("actions:idea_list"),
)


def _ideas_page(
    request: HttpRequest, approach: Approach, form: IdeaForm | None = None
) -> HttpResponse:
    dimensions = _dimension_choices(approach)
    form = form or IdeaForm(approach=approach, dimensions=dimensions)
    ideas = list(
        Idea.objects.filter(approach=approach).select_related(
            "theme", "action", "merged_into", "vulnerability", "scenario"
        )
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
        {
            "form": form,
            "groups": [g for g in groups if g[1]],
            "themes": themes,
            "theme_form": ThemeForm(),
            "total": len(ideas),
            "distinct": len([i for i in ideas if i.merged_into_id is None]),
            "retained": len([i for i in ideas if i.retained]),
            "sources": Idea.Source.choices,
            "source": source,
            "labels": labels,
            "answer_suggestions": services.answer_suggestions(approach),
        },
    )


idea_edit, idea_delete = object_pages(
    Idea,
    IdeaForm,
    right=Right.CONTRIBUTE,
    title=lambda idea: "Modifier l'idée",
    done=_ideas_url,
    form_kwargs=lambda request, approach, idea: {
        "approach": approach,
        "dimensions": _dimension_choices(approach),
    },
    delete="actions:idea_delete",
    template="actions/idea_edit.html",
    saved="L'idée est enregistrée.",
    extra=lambda request, idea: {
        "idea": idea,
        "answer_suggestions": services.answer_suggestions(idea.approach),
    },
    what=lambda idea: f"L'idée « {idea.text[:80]} »",
    consequence="Ses doublons fusionnés redeviennent des idées à part entière.",
)


@demarche_view(Right.CONTRIBUTE, WRITE)
def theme_create(request: HttpRequest, approach: Approach) -> HttpResponse:
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


@demarche_view(Right.CONTRIBUTE, WRITE, objects={"pk": Theme})
def theme_edit(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    """Rename a theme."""
    theme = get_scoped(Theme, approach, pk=pk)
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


theme_delete = delete_view(
    Theme,
    right=Right.CONTRIBUTE,
    what=lambda theme: f"Le thème « {theme.name} »",
    done=_ideas_url,
    consequence="Ses idées et ses actions restent, sans thème.",
    gone="{what} est supprimé ; ses idées restent.",
)


def _checked_ideas(request: HttpRequest, approach: Approach) -> list[Idea]:
    pks = [int(p) for p in request.POST.getlist("idees") if p.isdigit()]
    return list(scoped(Idea, approach).filter(pk__in=pks).order_by("pk"))


# Grouped operations on the checked ideas: one form, one button (and one URL) per operation.


@demarche_view(Right.CONTRIBUTE, WRITE)
def idea_theme(request: HttpRequest, approach: Approach) -> HttpResponse:
    """Give the checked ideas a theme (or none)."""
    ideas = _checked_ideas(request, approach)
    if not ideas:
        messages.error(request, "Cochez au moins une idée.")
        return redirect("actions:idea_list", approach.slug)
    raw = request.POST.get("theme", "")
    theme = scoped(Theme, approach).filter(pk=raw).first() if raw.isdigit() else None
    Idea.objects.filter(pk__in=[i.pk for i in ideas]).update(theme=theme)
    label = f"au thème « {theme.name} »" if theme else "sans thème"
    messages.success(
        request, f"{plural(len(ideas), 'idée')} {agree(len(ideas), 'rangée')} {label}."
    )
    return redirect("actions:idea_list", approach.slug)


@demarche_view(Right.CONTRIBUTE, WRITE)
def idea_merge(request: HttpRequest, approach: Approach) -> HttpResponse:
    """Merge the checked ideas into the oldest one."""
    ideas = _checked_ideas(request, approach)
    if len(ideas) < 2:
        messages.error(request, "Cochez au moins deux idées à fusionner.")
        return redirect("actions:idea_list", approach.slug)
    target, rest = ideas[0], ideas[1:]
    merged = services.merge_ideas(target, rest)
    messages.success(
        request,
        f"{plural(merged, 'doublon')} {agree(merged, 'fusionné')} "
        f"dans « {services.root_of(target)} ».",
    )
    return redirect("actions:idea_list", approach.slug)


@demarche_view(Right.CONTRIBUTE, WRITE)
def idea_retain(request: HttpRequest, approach: Approach) -> HttpResponse:
    """Retain the checked ideas as one draft action."""
    ideas = _checked_ideas(request, approach)
    if not ideas:
        messages.error(request, "Cochez au moins une idée.")
        return redirect("actions:idea_list", approach.slug)
    title = request.POST.get("intitule", "").strip()
    action = services.retain_ideas(ideas, title=title, user=request.user)
    messages.success(request, f"La fiche action « {action.title} » est créée (brouillon).")
    return redirect("actions:action_detail", approach.slug, action.pk)


# --- Actions ----------------------------------------------------------------------------


@demarche_view(Right.VIEW, READ, kept=True)
def action_list(request: HttpRequest, approach: Approach) -> HttpResponse:
    return _actions_page(request, approach, ActionForm(approach=approach))


action_add = add_view(
    None,
    ActionForm,
    fill=lambda request, action, form: setattr(action, "created_by", request.user),
    page=lambda request, approach, _, form: _actions_page(request, approach, form),
    saved=lambda action: f"« {action.title} » est créée.",
    done=link_to("actions:action_detail", "pk"),
)


def _actions_page(request: HttpRequest, approach: Approach, form: ActionForm) -> HttpResponse:
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
        {"form": form, "rows": rows, "kind": kind, "kinds": Action.Kind},
    )


action_edit, action_delete = object_pages(
    Action,
    ActionForm,
    right=Right.CONTRIBUTE,
    noun=Noun("la fiche", attr="title", feminine=True),
    done=_action_url,
    delete="actions:action_delete",
    deleted=_actions_url,
    consequence="Ses évaluations, ses valeurs de critères et ses mentions de vote partent "
    "avec elle.",
)
