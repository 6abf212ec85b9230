"""Pages of impact chains (table editor, graph editor, cascades) and the vision.

Rights: every member reads; editing needs CONTRIBUTE (facilitator, project lead, elected
lead, team member) — the chains, matrix and scenarios are the team's working material.
Another démarche's objects are a 404: every lookup filters by the démarche.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ressort.approaches.access import RIGHTS, Right, get_approach_for_user
from ressort.approaches.models import Approach
from ressort.approaches.views import approach_context
from ressort.systems import services
from ressort.systems.forms import (
    CascadeForm,
    ChainForm,
    KeywordsForm,
    LinkForm,
    NodeForm,
    TemplateForm,
    VisionForm,
)
from ressort.systems.models import ImpactChain, Link, Node, Vision


def can_edit(approach: Approach) -> bool:
    return approach.current_role in RIGHTS[Right.CONTRIBUTE]  # type: ignore[attr-defined]


def page(request: HttpRequest, approach: Approach, template: str, **extra: Any) -> HttpResponse:
    return render(
        request,
        f"systems/{template}",
        approach_context(request, approach, editable=can_edit(approach), **extra),
    )


def get_chain_for_user(
    request: HttpRequest, slug: str, pk: int, right: Right = Right.VIEW
) -> tuple[Approach, ImpactChain]:
    approach = get_approach_for_user(request, slug, right)
    return approach, get_object_or_404(ImpactChain, pk=pk, approach=approach)


# --- Chains ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def chain_list(request: HttpRequest, slug: str) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    form = ChainForm(approach=approach)
    template_form = TemplateForm()
    if request.method == "POST":
        approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
        if request.POST.get("action") == "modele":
            template_form = TemplateForm(request.POST)
            if template_form.is_valid():
                chain = services.create_chain_from_template(
                    approach, template_form.cleaned_data["template"]
                )
                messages.success(request, f"La chaîne « {chain.name} » est créée depuis le modèle.")
                return redirect("systems:chain", approach.slug, chain.pk)
        else:
            form = ChainForm(request.POST, approach=approach)
            if form.is_valid():
                chain = form.save(commit=False)
                chain.approach = approach
                chain.save()
                messages.success(request, f"La chaîne « {chain.name} » est créée.")
                return redirect("systems:chain", approach.slug, chain.pk)
    chains = approach.impact_chains.all()
    counts = {c.pk: (c.nodes.count(), c.links.count()) for c in chains}
    return page(
        request,
        approach,
        "chain_list.html",
        chains=[(c, *counts[c.pk]) for c in chains],
        form=form,
        template_form=template_form,
        templates=services.chain_templates(),
    )


@require_http_methods(["GET", "POST"])
@login_required
def chain_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The table editor: nodes and links of one chain."""
    approach, chain = get_chain_for_user(request, slug, pk)
    node_form = NodeForm(chain=chain, prefix="noeud")
    link_form = LinkForm(chain=chain, prefix="lien")
    if request.method == "POST":
        approach, chain = get_chain_for_user(request, slug, pk, Right.CONTRIBUTE)
        action = request.POST.get("action")
        if action == "noeud":
            node_form = NodeForm(request.POST, chain=chain, prefix="noeud")
            if node_form.is_valid():
                node = node_form.save(commit=False)
                node.chain = chain
                node.save()
                messages.success(request, f"« {node.label} » est ajouté à la chaîne.")
                return redirect(_anchor(approach, chain, "elements"))
        elif action == "lien":
            link_form = LinkForm(request.POST, chain=chain, prefix="lien")
            if link_form.is_valid():
                link = link_form.save(commit=False)
                link.chain = chain
                link.save()
                messages.success(request, f"Le lien « {link} » est ajouté.")
                return redirect(_anchor(approach, chain, "liens"))
        elif action == "renommer":
            form = ChainForm(request.POST, instance=chain, approach=approach)
            if form.is_valid():
                form.save()
                messages.success(request, "La chaîne est renommée.")
            else:
                messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
            return redirect("systems:chain", approach.slug, chain.pk)
    nodes = list(chain.nodes.all())
    links = list(chain.links.select_related("source", "target"))
    labels = services.dimension_labels()
    return page(
        request,
        approach,
        "chain_detail.html",
        chain=chain,
        nodes=[(n, [labels.get(c, c) for c in n.dimension_codes]) for n in nodes],
        links=links,
        node_form=node_form,
        link_form=link_form,
        rename_form=ChainForm(instance=chain, approach=approach),
    )


def _anchor(approach: Approach, chain: ImpactChain, fragment: str) -> str:
    from django.urls import reverse

    return reverse("systems:chain", args=[approach.slug, chain.pk]) + f"#{fragment}"


@require_POST
@login_required
def chain_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach, chain = get_chain_for_user(request, slug, pk, Right.CONTRIBUTE)
    chain.delete()
    messages.success(request, f"La chaîne « {chain.name} » est supprimée.")
    return redirect("systems:chains", approach.slug)


@require_http_methods(["GET", "POST"])
@login_required
def node_edit(request: HttpRequest, slug: str, pk: int, node: int) -> HttpResponse:
    approach, chain = get_chain_for_user(request, slug, pk)
    instance = get_object_or_404(Node, pk=node, chain=chain)
    form = NodeForm(instance=instance, chain=chain)
    if request.method == "POST":
        approach, chain = get_chain_for_user(request, slug, pk, Right.CONTRIBUTE)
        form = NodeForm(request.POST, instance=instance, chain=chain)
        if form.is_valid():
            form.save()
            messages.success(request, f"« {instance.label} » est enregistré.")
            return redirect(_anchor(approach, chain, "elements"))
    return page(request, approach, "node_edit.html", chain=chain, node=instance, form=form)


@require_POST
@login_required
def node_delete(request: HttpRequest, slug: str, pk: int, node: int) -> HttpResponse:
    approach, chain = get_chain_for_user(request, slug, pk, Right.CONTRIBUTE)
    instance = get_object_or_404(Node, pk=node, chain=chain)
    instance.delete()
    messages.success(request, f"« {instance.label} » et ses liens sont retirés de la chaîne.")
    return redirect(_anchor(approach, chain, "elements"))


@require_http_methods(["GET", "POST"])
@login_required
def link_edit(request: HttpRequest, slug: str, pk: int, link: int) -> HttpResponse:
    approach, chain = get_chain_for_user(request, slug, pk)
    instance = get_object_or_404(Link, pk=link, chain=chain)
    form = LinkForm(instance=instance, chain=chain)
    if request.method == "POST":
        approach, chain = get_chain_for_user(request, slug, pk, Right.CONTRIBUTE)
        form = LinkForm(request.POST, instance=instance, chain=chain)
        if form.is_valid():
            form.save()
            messages.success(request, f"Le lien « {instance} » est enregistré.")
            return redirect(_anchor(approach, chain, "liens"))
    return page(request, approach, "link_edit.html", chain=chain, link=instance, form=form)


@require_POST
@login_required
def link_delete(request: HttpRequest, slug: str, pk: int, link: int) -> HttpResponse:
    approach, chain = get_chain_for_user(request, slug, pk, Right.CONTRIBUTE)
    instance = get_object_or_404(Link, pk=link, chain=chain)
    instance.delete()
    messages.success(request, f"Le lien « {instance} » est retiré.")
    return redirect(_anchor(approach, chain, "liens"))


# --- Cascades --------------------------------------------------------------------------------


@require_GET
@login_required
def cascade(request: HttpRequest, slug: str) -> HttpResponse:
    """Pick hazards and an intensity; see the cascade through all chains, and the loops."""
    approach = get_approach_for_user(request, slug)
    system = services.build_system_graph(approach)
    choices = [
        (element, rows[0].label) for element, rows in system.members.items() if rows[0].is_source
    ]
    form = CascadeForm(request.GET or None, choices=choices)
    result = None
    if form.is_bound and form.is_valid():
        intensity = float(form.cleaned_data["intensity"])
        result = services.run_cascade(
            system,
            dict.fromkeys(form.cleaned_data["hazards"], intensity),
            form.cleaned_data["max_steps"],
        )
    loop_rows, truncated = services.loops(system)
    return page(
        request,
        approach,
        "cascade.html",
        form=form,
        result=result,
        loops=loop_rows,
        loops_truncated=truncated,
        loop_max_length=services.LOOP_MAX_LENGTH,
        conflicts=system.conflicts,
        element_count=len(system.members),
        link_count=system.graph.digraph.number_of_edges(),
    )


# --- Vision ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def vision(request: HttpRequest, slug: str) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    instance = Vision.objects.filter(approach=approach).first() or Vision(approach=approach)
    form = VisionForm(instance=instance)
    keywords_form = KeywordsForm()
    if request.method == "POST":
        approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
        action = request.POST.get("action")
        if action == "mots":
            keywords_form = KeywordsForm(request.POST)
            if keywords_form.is_valid():
                words = [w for w in keywords_form.cleaned_data["words"].split(",") if w.strip()]
                services.add_vision_keywords(approach, words, source="Saisie de l'équipe")
                messages.success(request, f"{len(words)} mot(s) clé(s) ajouté(s).")
                return redirect("systems:vision", approach.slug)
        elif action == "retirer-mot":
            approach.vision_keywords.filter(pk=request.POST.get("mot")).delete()
            messages.success(request, "Le mot clé est retiré.")
            return redirect("systems:vision", approach.slug)
        else:
            form = VisionForm(request.POST, instance=instance)
            if form.is_valid():
                form.save()
                messages.success(request, "La vision est enregistrée.")
                return redirect("systems:vision", approach.slug)
    keywords = list(approach.vision_keywords.all())
    top = max((k.count for k in keywords), default=1)
    return page(
        request,
        approach,
        "vision.html",
        vision=instance,
        form=form,
        keywords_form=keywords_form,
        keywords=[(k, 1 + round(2 * k.count / top, 1)) for k in keywords],
    )


@require_GET
@login_required
def chain_graph(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach, chain = get_chain_for_user(request, slug, pk)
    return page(request, approach, "chain_graph.html", chain=chain, kinds=Node.Kind.choices)
