"""Pages of impact chains (table editor, graph editor, cascades) and the vision.

Rights: every member reads; editing needs CONTRIBUTE (facilitator, project lead, elected
lead, team member) — the chains, matrix and scenarios are the team's working material.
Another démarche's objects are a 404: every lookup filters by the démarche.
"""

from __future__ import annotations

import itertools
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ressort.analysis import micmac as mm
from ressort.analysis import morphology as morph
from ressort.approaches.access import RIGHTS, Right, get_approach_for_user
from ressort.approaches.models import Approach
from ressort.approaches.views import approach_context
from ressort.systems import services
from ressort.systems.forms import (
    CascadeForm,
    ChainForm,
    ExclusionForm,
    KeywordsForm,
    LinkForm,
    MatrixFileForm,
    MorphVariableForm,
    NodeForm,
    ScenarioForm,
    ScenarioFrameForm,
    TemplateForm,
    VariableForm,
    VisionForm,
)
from ressort.systems.models import (
    Exclusion,
    ImpactChain,
    Link,
    MorphVariable,
    Node,
    Scenario,
    Variable,
    Vision,
)


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
    chains = approach.impact_chains.annotate(
        node_count=Count("nodes", distinct=True), link_count=Count("links", distinct=True)
    )
    return page(
        request,
        approach,
        "chain_list.html",
        chains=[(c, c.node_count, c.link_count) for c in chains],
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
                node_form.save_m2m()
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
    from ressort.fieldwork.models import Resource, Vulnerability

    nodes = list(
        chain.nodes.prefetch_related(
            Prefetch("vulnerabilities", Vulnerability.objects.select_related("approach")),
            Prefetch("resources", Resource.objects.select_related("approach")),
            "indicators",
        )
    )
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


# --- MICMAC ----------------------------------------------------------------------------------


def get_variable_for_user(
    request: HttpRequest, slug: str, pk: int, right: Right = Right.VIEW
) -> tuple[Approach, Variable]:
    approach = get_approach_for_user(request, slug, right)
    return approach, get_object_or_404(Variable, pk=pk, approach=approach)


@require_http_methods(["GET", "POST"])
@login_required
def micmac(request: HttpRequest, slug: str) -> HttpResponse:
    """Variables, the matrix grid, CSV import and export, seeding from the chains."""
    approach = get_approach_for_user(request, slug)
    form = VariableForm(approach=approach)
    file_form = MatrixFileForm()
    faults: list[str] = []
    if request.method == "POST":
        approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
        action = request.POST.get("action")
        if action == "variable":
            form = VariableForm(request.POST, approach=approach)
            if form.is_valid():
                variable = form.save(commit=False)
                variable.approach = approach
                variable.order = services.add_variable_order(approach)
                variable.save()
                messages.success(request, f"La variable « {variable.name} » est ajoutée.")
                return redirect("systems:micmac", approach.slug)
        elif action == "grille":
            cells = {}
            for key, value in request.POST.items():
                parts = key.split("_")
                if (
                    len(parts) == 3
                    and parts[0] == "c"
                    and parts[1].isdigit()
                    and parts[2].isdigit()
                ):
                    cells[int(parts[1]), int(parts[2])] = value
            faults = services.save_grid(approach, cells)
            if not faults:
                messages.success(request, "La matrice est enregistrée.")
                return redirect(reverse("systems:micmac", args=[approach.slug]) + "#grille")
        elif action == "importer":
            file_form = MatrixFileForm(request.POST, request.FILES)
            if file_form.is_valid():
                try:
                    matrix = mm.read_matrix_csv(file_form.cleaned_data["file"].read())
                except mm.MatrixFileError as error:
                    faults = [str(f) for f in error.faults]
                else:
                    services.replace_matrix(approach, matrix)
                    messages.success(request, f"Matrice importée : {len(matrix.names)} variables.")
                    return redirect("systems:micmac", approach.slug)
        elif action == "amorcer":
            if request.POST.get("confirmer") != "oui":
                faults = ["Cochez la case de confirmation : l'amorçage remplace toute la matrice."]
            else:
                count = services.seed_matrix_from_graph(approach)
                if count:
                    messages.success(
                        request,
                        f"Matrice amorcée depuis les chaînes d'impacts : {count} variables.",
                    )
                else:
                    messages.error(request, "Aucune chaîne d'impacts à reprendre.")
                return redirect("systems:micmac", approach.slug)
    variables, matrix = services.influence_matrix(approach)
    n = len(variables)
    grid = None
    if n <= services.GRID_MAX_VARIABLES:
        grid = [
            (
                row,
                [
                    (
                        col,
                        "P" if matrix.potential[i, j] else str(int(matrix.values[i, j])),
                        i == j,
                    )
                    for j, col in enumerate(variables)
                ],
            )
            for i, row in enumerate(variables)
        ]
    return page(
        request,
        approach,
        "micmac.html",
        variables=variables,
        grid=grid,
        grid_max=services.GRID_MAX_VARIABLES,
        codes=services.CELL_CODES,
        form=form,
        file_form=file_form,
        faults=faults,
        has_chains=approach.impact_chains.exists(),
        filled=int((matrix.values > 0).sum() + matrix.potential.sum()),
    )


@require_GET
@login_required
def micmac_results(request: HttpRequest, slug: str) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    potential = request.GET.get("potentiel") == "1"
    view = services.run_micmac(approach, potential=potential)
    maps = []
    if view is not None:
        maps = [
            m
            for m in (
                services.influence_map(view, indirect=False),
                services.influence_map(view, indirect=True),
                services.influence_map(view, indirect=True, moves=True),
            )
            if m is not None
        ]
    return page(request, approach, "micmac_results.html", view=view, maps=maps, potential=potential)


@require_GET
@login_required
def micmac_export(request: HttpRequest, slug: str) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    response = HttpResponse(services.matrix_csv(approach), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{approach.slug}-micmac.csv"'
    return response


@require_http_methods(["GET", "POST"])
@login_required
def variable_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach, variable = get_variable_for_user(request, slug, pk)
    form = VariableForm(instance=variable, approach=approach)
    if request.method == "POST":
        approach, variable = get_variable_for_user(request, slug, pk, Right.CONTRIBUTE)
        form = VariableForm(request.POST, instance=variable, approach=approach)
        if form.is_valid():
            form.save()
            messages.success(request, f"La variable « {variable.name} » est enregistrée.")
            return redirect("systems:micmac", approach.slug)
    return page(request, approach, "variable_edit.html", variable=variable, form=form)


@require_POST
@login_required
def variable_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach, variable = get_variable_for_user(request, slug, pk, Right.CONTRIBUTE)
    variable.delete()
    messages.success(request, f"La variable « {variable.name} » et ses influences sont retirées.")
    return redirect("systems:micmac", approach.slug)


# --- Scenarios -------------------------------------------------------------------------------

COMBINATIONS_PER_PAGE = 50


@require_http_methods(["GET", "POST"])
@login_required
def scenarios(request: HttpRequest, slug: str) -> HttpResponse:
    """The morphological box, its exclusions, the count of consistent combinations, and the
    scenarios written by the team."""
    approach = get_approach_for_user(request, slug)
    component_form = MorphVariableForm(approach=approach, prefix="composante")
    exclusion_form = ExclusionForm(approach=approach, prefix="exclusion")
    scenario_form = ScenarioForm(approach=approach, prefix="scenario")
    if request.method == "POST":
        approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
        action = request.POST.get("action")
        if action == "composante":
            component_form = MorphVariableForm(request.POST, approach=approach, prefix="composante")
            if component_form.is_valid():
                component = component_form.save(commit=False)
                component.approach = approach
                component.order = approach.morph_variables.count()
                services.save_component(component, component_form.cleaned_data["hypotheses_text"])
                messages.success(request, f"La composante « {component.name} » est ajoutée.")
                return redirect(reverse("systems:scenarios", args=[approach.slug]) + "#boite")
        elif action == "exclusion":
            exclusion_form = ExclusionForm(request.POST, approach=approach, prefix="exclusion")
            if exclusion_form.is_valid():
                first, second = sorted(
                    (exclusion_form.cleaned_data["first"], exclusion_form.cleaned_data["second"]),
                    key=lambda h: h.pk,
                )
                _, created = Exclusion.objects.get_or_create(
                    approach=approach,
                    first=first,
                    second=second,
                    defaults={"reason": exclusion_form.cleaned_data["reason"]},
                )
                if created:
                    messages.success(request, f"Incompatibilité ajoutée : {first} ✕ {second}.")
                else:
                    messages.info(request, "Cette incompatibilité est déjà notée.")
                return redirect(reverse("systems:scenarios", args=[approach.slug]) + "#exclusions")
        elif action == "retirer-exclusion":
            Exclusion.objects.filter(approach=approach, pk=request.POST.get("exclusion")).delete()
            messages.success(request, "L'incompatibilité est retirée.")
            return redirect(reverse("systems:scenarios", args=[approach.slug]) + "#exclusions")
        elif action == "scenario":
            scenario_form = ScenarioForm(request.POST, approach=approach, prefix="scenario")
            if scenario_form.is_valid():
                scenario = scenario_form.save(commit=False)
                scenario.approach = approach
                scenario.save()
                hypotheses = [
                    int(x) for x in request.POST.get("combinaison", "").split(",") if x.isdigit()
                ]
                if hypotheses:
                    services.save_scenario_frame(scenario, hypotheses, {})
                messages.success(request, f"Le scénario « {scenario.name} » est créé.")
                return redirect("systems:scenario", approach.slug, scenario.pk)
    components = services.morph_components(approach)
    exclusions = list(
        Exclusion.objects.filter(approach=approach).select_related(
            "first__variable", "second__variable"
        )
    )
    levels = dict(services.tracc_levels())
    count = size = None
    if components:
        _, box = services.build_box(approach)
        count, size = morph.count_combinations(box), box.size
    return page(
        request,
        approach,
        "scenarios.html",
        components=components,
        exclusions=exclusions,
        count=count,
        size=size,
        excluded=(size - count) if size is not None and count is not None else 0,
        scenarios=[
            (s, levels.get(s.tracc_level, s.tracc_level))
            for s in approach.scenarios.prefetch_related("hypotheses__variable")
        ],
        component_form=component_form,
        exclusion_form=exclusion_form,
        scenario_form=scenario_form,
        combinaison=request.GET.get("combinaison", ""),
    )


@require_GET
@login_required
def combinations(request: HttpRequest, slug: str) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    components, box = (
        services.build_box(approach) if approach.morph_variables.exists() else ([], None)
    )
    if box is None:
        return redirect("systems:scenarios", approach.slug)
    count = morph.count_combinations(box)
    pages = max(1, -(-count // COMBINATIONS_PER_PAGE))
    try:
        number = min(max(1, int(request.GET.get("page", "1"))), pages)
    except ValueError:
        number = 1
    start = (number - 1) * COMBINATIONS_PER_PAGE
    listed = itertools.islice(morph.iter_combinations(box), start, start + COMBINATIONS_PER_PAGE)
    rows = []
    for index, combination in enumerate(listed, start=start + 1):
        hypotheses = services.hypotheses_of(components, combination)
        rows.append((index, hypotheses, ",".join(str(h.pk) for h in hypotheses)))
    return page(
        request,
        approach,
        "combinations.html",
        components=components,
        rows=rows,
        count=count,
        size=box.size,
        number=number,
        pages=pages,
        previous=number - 1 if number > 1 else None,
        next=number + 1 if number < pages else None,
    )


@require_http_methods(["GET", "POST"])
@login_required
def morph_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    component = get_object_or_404(MorphVariable, pk=pk, approach=approach)
    form = MorphVariableForm(instance=component, approach=approach)
    if request.method == "POST":
        approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
        if request.POST.get("action") == "supprimer":
            component.delete()
            messages.success(request, f"La composante « {component.name} » est retirée.")
            return redirect("systems:scenarios", approach.slug)
        form = MorphVariableForm(request.POST, instance=component, approach=approach)
        if form.is_valid():
            services.save_component(form.save(commit=False), form.cleaned_data["hypotheses_text"])
            messages.success(request, f"La composante « {component.name} » est enregistrée.")
            return redirect(reverse("systems:scenarios", args=[approach.slug]) + "#boite")
    return page(request, approach, "morph_edit.html", component=component, form=form)


@require_http_methods(["GET", "POST"])
@login_required
def scenario(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A scenario: its story, TRACC frame, hypotheses, intensified hazards and stress test."""
    approach = get_approach_for_user(request, slug)
    instance = get_object_or_404(Scenario, pk=pk, approach=approach)
    components = services.morph_components(approach)
    hazards = services.source_nodes(approach)
    exclusions = list(Exclusion.objects.filter(approach=approach).select_related("first", "second"))
    chosen = {h.variable_id: str(h.pk) for h in instance.hypotheses.all()}
    current = {h.node_id: str(h.intensity) for h in instance.hazards.all()}
    initial: dict[str, str] = {f"h_{c.pk}": chosen.get(c.pk, "") for c in components}
    initial.update({f"a_{node}": current.get(node, "0") for node, _ in hazards})
    form = ScenarioForm(instance=instance, approach=approach, prefix="scenario")
    frame = ScenarioFrameForm(
        initial=initial, components=components, hazards=hazards, exclusions=exclusions
    )
    if request.method == "POST":
        approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
        action = request.POST.get("action")
        if action == "supprimer":
            instance.delete()
            messages.success(request, f"Le scénario « {instance.name} » est supprimé.")
            return redirect("systems:scenarios", approach.slug)
        if action == "cadre":
            frame = ScenarioFrameForm(
                request.POST, components=components, hazards=hazards, exclusions=exclusions
            )
            if frame.is_valid():
                services.save_scenario_frame(
                    instance, frame.chosen_hypotheses(), frame.intensities()
                )
                messages.success(request, "Hypothèses et aléas du scénario enregistrés.")
                return redirect(
                    reverse("systems:scenario", args=[approach.slug, instance.pk]) + "#stress"
                )
        else:
            form = ScenarioForm(
                request.POST, instance=instance, approach=approach, prefix="scenario"
            )
            if form.is_valid():
                form.save()
                messages.success(request, f"Le scénario « {instance.name} » est enregistré.")
                return redirect("systems:scenario", approach.slug, instance.pk)
    return page(
        request,
        approach,
        "scenario.html",
        scenario=instance,
        tracc=services.tracc_label(instance.tracc_level) if instance.tracc_level else "",
        hypotheses=instance.hypotheses.select_related("variable").order_by(
            "variable__order", "variable__pk"
        ),
        intensified=instance.hazards.select_related("node"),
        form=form,
        frame=frame,
        stress=services.stress_test(instance),
    )
