"""Pages of systems: impact chains (table editor, graph editor, cascades), the vision,
the structural analysis (MICMAC) and the scenarios with their stress test.

Every page goes through `ressort.web.demarche_view`: every member reads; editing needs
CONTRIBUTE (facilitator, project lead, elected lead, team member) — the chains, matrix and
scenarios are the team's working material. Objects are looked up with `get_scoped`, so
another démarche's object is a 404. One small POST view per operation; a form that fails
draws its page again with the typed values and the faults.
"""

from __future__ import annotations

import itertools
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ressort.analysis import micmac as mm
from ressort.analysis import morphology as morph
from ressort.analysis.typography import agree, plural
from ressort.approaches.models import Approach
from ressort.systems.forms import (
    CascadeForm,
    ChainForm,
    ExclusionForm,
    InfluenceGridForm,
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
    VisionKeyword,
)
from ressort.systems.services.chains import (
    LOOP_MAX_LENGTH,
    build_system_graph,
    chain_templates,
    create_chain_from_template,
    dimension_labels,
    loops,
    run_cascade,
    source_nodes,
)
from ressort.systems.services.micmac import (
    CELL_CODES,
    GRID_MAX_VARIABLES,
    add_variable_order,
    grid_codes,
    influence_map,
    influence_matrix,
    matrix_csv,
    replace_matrix,
    run_micmac,
    save_grid,
    seed_matrix_from_graph,
)
from ressort.systems.services.scenarios import (
    build_box,
    hypotheses_of,
    morph_components,
    save_component,
    save_scenario_frame,
    stress_test,
    tracc_label,
    tracc_levels,
)
from ressort.systems.services.vision import add_vision_keywords
from ressort.web import Right, demarche_url, link_to
from ressort.web.files import download
from ressort.web.generic import Noun, add_view, delete_view, object_pages
from ressort.web.scoped import READ, WRITE, demarche_view, get_scoped


def _chain_url(chain: ImpactChain, fragment: str = "") -> str:
    return demarche_url(chain, "systems:chain", chain.pk, fragment=fragment)


# --- Chains ----------------------------------------------------------------------------------


def _chain_list_page(
    request: HttpRequest, approach: Approach, template_form: TemplateForm | None = None
) -> HttpResponse:
    chains = approach.impact_chains.annotate(
        node_count=Count("nodes", distinct=True), link_count=Count("links", distinct=True)
    )
    return render(
        request,
        "systems/chain_list.html",
        {
            "chains": [(c, c.node_count, c.link_count) for c in chains],
            "form": ChainForm(approach=approach),
            "template_form": template_form or TemplateForm(),
            "templates": chain_templates(),
        },
    )


@demarche_view(Right.VIEW, READ)
def chain_list(request: HttpRequest, approach: Approach) -> HttpResponse:
    return _chain_list_page(request, approach)


@demarche_view(Right.CONTRIBUTE, WRITE)
def chain_from_template(request: HttpRequest, approach: Approach) -> HttpResponse:
    form = TemplateForm(request.POST)
    if not form.is_valid():
        return _chain_list_page(request, approach, template_form=form)
    chain = create_chain_from_template(approach, form.cleaned_data["template"])
    messages.success(request, f"La chaîne « {chain.name} » est créée depuis le modèle.")
    return redirect(_chain_url(chain))


chain_edit, chain_delete = object_pages(
    ImpactChain,
    ChainForm,
    right=Right.CONTRIBUTE,
    title=lambda chain: (
        f"Renommer la chaîne « {chain.name} »" if chain.pk else "Créer une chaîne d'impacts vide"
    ),
    done=link_to("systems:chain", "pk"),
    listing=link_to("systems:chains"),
    delete="systems:chain_delete",
    noun=Noun("la chaîne", feminine=True),
    consequence="ses éléments et ses liens avec elle",
)


def _chain_page(
    request: HttpRequest,
    approach: Approach,
    chain: ImpactChain,
    node_form: NodeForm | None = None,
    link_form: LinkForm | None = None,
) -> HttpResponse:
    from ressort.fieldwork.models import Resource, Vulnerability

    nodes = list(
        chain.nodes.prefetch_related(
            Prefetch("vulnerabilities", Vulnerability.objects.select_related("approach")),
            Prefetch("resources", Resource.objects.select_related("approach")),
            "indicators",
        )
    )
    links = list(chain.links.select_related("source", "target"))
    labels = dimension_labels()
    return render(
        request,
        "systems/chain_detail.html",
        {
            "chain": chain,
            "nodes": [(n, [labels.get(c, c) for c in n.dimension_codes]) for n in nodes],
            "links": links,
            "node_form": node_form or NodeForm(chain=chain, prefix="noeud"),
            "link_form": link_form or LinkForm(chain=chain, prefix="lien"),
            "rename_form": ChainForm(instance=chain, approach=approach),
        },
    )


@demarche_view(Right.VIEW, READ, objects={"pk": ImpactChain})
def chain_detail(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    """The table editor: nodes and links of one chain."""
    return _chain_page(request, approach, get_scoped(ImpactChain, approach, pk=pk))


node_add = add_view(
    ImpactChain,
    NodeForm,
    parent="chain",
    prefix="noeud",
    form_kwargs=lambda request, approach, chain: {"chain": chain},
    page=lambda request, approach, chain, form: _chain_page(
        request, approach, chain, node_form=form
    ),
    saved=lambda node: f"« {node.label} » est ajouté à la chaîne.",
    done=link_to("systems:chain", "chain_id", fragment="elements"),
)
link_add = add_view(
    ImpactChain,
    LinkForm,
    parent="chain",
    prefix="lien",
    form_kwargs=lambda request, approach, chain: {"chain": chain},
    page=lambda request, approach, chain, form: _chain_page(
        request, approach, chain, link_form=form
    ),
    saved=lambda link: f"Le lien « {link} » est ajouté.",
    done=link_to("systems:chain", "chain_id", fragment="liens"),
)


node_edit, node_delete = object_pages(
    Node,
    NodeForm,
    right=Right.CONTRIBUTE,
    title=lambda node: f"Élément « {node.label} »",
    done=link_to("systems:chain", "chain_id", fragment="elements"),
    form_kwargs=lambda request, approach, node: {"chain": node.chain},
    delete="systems:node_delete",
    what=lambda node: f"L'élément « {node.label} »",
    consequence="ses liens sont retirés avec lui",
    gone="{what} et ses liens sont retirés de la chaîne.",
)

link_edit, link_delete = object_pages(
    Link,
    LinkForm,
    right=Right.CONTRIBUTE,
    title=lambda link: f"Lien « {link.source.label} » → « {link.target.label} »",
    done=link_to("systems:chain", "chain_id", fragment="liens"),
    form_kwargs=lambda request, approach, link: {"chain": link.chain},
    delete="systems:link_delete",
    what=lambda link: f"Le lien « {link} »",
    gone="{what} est retiré.",
)


@demarche_view(Right.VIEW, READ, objects={"pk": ImpactChain})
def chain_graph(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    chain = get_scoped(ImpactChain, approach, pk=pk)
    return render(request, "systems/chain_graph.html", {"chain": chain, "kinds": Node.Kind.choices})


# --- Cascades --------------------------------------------------------------------------------


@demarche_view(Right.VIEW, READ)
def cascade(request: HttpRequest, approach: Approach) -> HttpResponse:
    """Pick hazards and an intensity; see the cascade through all chains, and the loops."""
    system = build_system_graph(approach)
    choices = [
        (element, rows[0].label) for element, rows in system.members.items() if rows[0].is_source
    ]
    form = CascadeForm(request.GET or None, choices=choices)
    result = None
    if form.is_bound and form.is_valid():
        intensity = float(form.cleaned_data["intensity"])
        result = run_cascade(
            system,
            dict.fromkeys(form.cleaned_data["hazards"], intensity),
            form.cleaned_data["max_steps"],
        )
    loop_rows, truncated = loops(system)
    return render(
        request,
        "systems/cascade.html",
        {
            "form": form,
            "result": result,
            "loops": loop_rows,
            "loops_truncated": truncated,
            "loop_max_length": LOOP_MAX_LENGTH,
            "conflicts": system.conflicts,
            "element_count": len(system.members),
            "link_count": system.graph.digraph.number_of_edges(),
        },
    )


# --- Vision ----------------------------------------------------------------------------------


def _vision_page(
    request: HttpRequest,
    approach: Approach,
    form: VisionForm | None = None,
    keywords_form: KeywordsForm | None = None,
) -> HttpResponse:
    instance = _vision_of(approach)
    keywords = list(approach.vision_keywords.all())
    top = max((k.count for k in keywords), default=1)
    return render(
        request,
        "systems/vision.html",
        {
            "vision": instance,
            "form": form or VisionForm(instance=instance),
            "keywords_form": keywords_form or KeywordsForm(),
            "keywords": [(k, 1 + round(2 * k.count / top, 1)) for k in keywords],
        },
    )


def _vision_of(approach: Approach) -> Vision:
    return Vision.objects.filter(approach=approach).first() or Vision(approach=approach)


@demarche_view(Right.VIEW, READ)
def vision(request: HttpRequest, approach: Approach) -> HttpResponse:
    return _vision_page(request, approach)


@demarche_view(Right.CONTRIBUTE, WRITE)
def vision_save(request: HttpRequest, approach: Approach) -> HttpResponse:
    form = VisionForm(request.POST, instance=_vision_of(approach))
    if not form.is_valid():
        return _vision_page(request, approach, form=form)
    form.save()
    messages.success(request, "La vision est enregistrée.")
    return redirect(demarche_url(approach, "systems:vision"))


@demarche_view(Right.CONTRIBUTE, WRITE)
def vision_keywords(request: HttpRequest, approach: Approach) -> HttpResponse:
    form = KeywordsForm(request.POST)
    if not form.is_valid():
        return _vision_page(request, approach, keywords_form=form)
    words = [w for w in form.cleaned_data["words"].split(",") if w.strip()]
    add_vision_keywords(approach, words, source="Saisie de l'équipe")
    messages.success(
        request, f"{plural(len(words), 'mot clé', 'mots clés')} {agree(len(words), 'ajouté')}."
    )
    return redirect(demarche_url(approach, "systems:vision", fragment="titre-mots"))


vision_keyword_delete = delete_view(
    VisionKeyword,
    right=Right.CONTRIBUTE,
    what=lambda keyword: f"Le mot clé « {keyword.word} »",
    gone="{what} est retiré.",
    done=link_to("systems:vision", fragment="titre-mots"),
)


# --- MICMAC ----------------------------------------------------------------------------------


def _micmac_page(
    request: HttpRequest,
    approach: Approach,
    *,
    form: VariableForm | None = None,
    file_form: MatrixFileForm | None = None,
    grid_form: InfluenceGridForm | None = None,
    faults: list[str] | None = None,
) -> HttpResponse:
    """The MICMAC page; a refused grid is drawn with the values the user chose."""
    variables, matrix = influence_matrix(approach)
    grid = None
    if len(variables) <= GRID_MAX_VARIABLES:
        grid = grid_form or InfluenceGridForm(
            variables=variables, current=grid_codes(variables, matrix)
        )
    return render(
        request,
        "systems/micmac.html",
        {
            "variables": variables,
            "grid": grid.rows() if grid else None,
            "grid_max": GRID_MAX_VARIABLES,
            "codes": CELL_CODES,
            "form": form or VariableForm(approach=approach),
            "file_form": file_form or MatrixFileForm(),
            "faults": [*(faults or []), *(grid.faults() if grid and grid.is_bound else [])],
            "has_chains": approach.impact_chains.exists(),
            "filled": int((matrix.values > 0).sum() + matrix.potential.sum()),
        },
    )


@demarche_view(Right.VIEW, READ)
def micmac(request: HttpRequest, approach: Approach) -> HttpResponse:
    """Variables, the matrix grid, CSV import and export, seeding from the chains."""
    return _micmac_page(request, approach)


@demarche_view(Right.CONTRIBUTE, WRITE)
def variable_add(request: HttpRequest, approach: Approach) -> HttpResponse:
    form = VariableForm(request.POST, approach=approach)
    if not form.is_valid():
        return _micmac_page(request, approach, form=form)
    variable = form.save(commit=False)
    variable.approach = approach
    variable.order = add_variable_order(approach)
    variable.save()
    messages.success(request, f"La variable « {variable.name} » est ajoutée.")
    return redirect(demarche_url(approach, "systems:micmac"))


@demarche_view(Right.CONTRIBUTE, WRITE)
def micmac_grid(request: HttpRequest, approach: Approach) -> HttpResponse:
    variables, matrix = influence_matrix(approach)
    form = InfluenceGridForm(
        request.POST, variables=variables, current=grid_codes(variables, matrix)
    )
    if form.is_valid():
        faults = save_grid(approach, form.cells())
        if not faults:
            messages.success(request, "La matrice est enregistrée.")
            return redirect(demarche_url(approach, "systems:micmac", fragment="grille"))
        return _micmac_page(request, approach, grid_form=form, faults=faults)
    return _micmac_page(request, approach, grid_form=form)


@demarche_view(Right.CONTRIBUTE, WRITE)
def micmac_import(request: HttpRequest, approach: Approach) -> HttpResponse:
    form = MatrixFileForm(request.POST, request.FILES)
    if not form.is_valid():
        return _micmac_page(request, approach, file_form=form)
    try:
        matrix = mm.read_matrix_csv(form.cleaned_data["file"].read())
    except mm.MatrixFileError as error:
        return _micmac_page(request, approach, faults=[str(f) for f in error.faults])
    replace_matrix(approach, matrix)
    messages.success(request, f"Matrice importée : {len(matrix.names)} variables.")
    return redirect(demarche_url(approach, "systems:micmac"))


@demarche_view(Right.CONTRIBUTE, WRITE)
def micmac_seed(request: HttpRequest, approach: Approach) -> HttpResponse:
    if request.POST.get("confirmer") != "oui":
        faults = ["Cochez la case de confirmation : l'amorçage remplace toute la matrice."]
        return _micmac_page(request, approach, faults=faults)
    count = seed_matrix_from_graph(approach)
    if count:
        messages.success(
            request, f"Matrice amorcée depuis les chaînes d'impacts : {count} variables."
        )
    else:
        messages.error(request, "Aucune chaîne d'impacts à reprendre.")
    return redirect(demarche_url(approach, "systems:micmac"))


@demarche_view(Right.VIEW, READ)
def micmac_results(request: HttpRequest, approach: Approach) -> HttpResponse:
    potential = request.GET.get("potentiel") == "1"
    raw_power = request.GET.get("puissance", "").strip()
    power = int(raw_power) if raw_power.isdigit() and 2 <= int(raw_power) <= mm.MAX_POWER else None
    power_error = (
        f"Puissance : un nombre entier de 2 à {mm.MAX_POWER} ; la puissance où les classements se "
        "stabilisent est utilisée."
        if raw_power and power is None
        else ""
    )
    view = run_micmac(approach, potential=potential, power=power)
    orderings = []
    if view is not None:
        names = [v.name for v in view.variables]
        orderings = [
            {
                "power": p,
                "influence": [names[i] for i in influence],
                "dependence": [names[i] for i in dependence],
            }
            for p, (influence, dependence) in enumerate(
                zip(view.result.influence_orders, view.result.dependence_orders, strict=True),
                start=1,
            )
        ]
    maps = []
    if view is not None:
        maps = [
            m
            for m in (
                influence_map(view, indirect=False),
                influence_map(view, indirect=True),
                influence_map(view, indirect=True, moves=True),
            )
            if m is not None
        ]
    return render(
        request,
        "systems/micmac_results.html",
        {
            "view": view,
            "maps": maps,
            "potential": potential,
            "power": power,
            "power_error": power_error,
            "max_power": mm.MAX_POWER,
            "orderings": orderings,
        },
    )


@demarche_view(Right.VIEW, READ)
def micmac_export(request: HttpRequest, approach: Approach) -> HttpResponse:
    return download(matrix_csv(approach), f"{approach.slug}-micmac.csv")


variable_edit, variable_delete = object_pages(
    Variable,
    VariableForm,
    right=Right.CONTRIBUTE,
    noun=Noun("la variable", feminine=True),
    done=link_to("systems:micmac"),
    delete="systems:variable_delete",
    consequence="ses influences sont retirées avec elle",
    gone="{what} et ses influences sont retirées.",
)


# --- Scenarios -------------------------------------------------------------------------------

COMBINATIONS_PER_PAGE = 50


def _scenarios_page(
    request: HttpRequest,
    approach: Approach,
    *,
    component_form: MorphVariableForm | None = None,
    exclusion_form: ExclusionForm | None = None,
    scenario_form: ScenarioForm | None = None,
    combinaison: str = "",
) -> HttpResponse:
    components = morph_components(approach)
    exclusions = list(
        Exclusion.objects.filter(approach=approach).select_related(
            "first__variable", "second__variable"
        )
    )
    levels = dict(tracc_levels())
    count = size = None
    if components:
        _, box = build_box(approach)
        count, size = morph.count_combinations(box), box.size
    return render(
        request,
        "systems/scenarios.html",
        {
            "components": components,
            "exclusions": exclusions,
            "count": count,
            "size": size,
            "excluded": (size - count) if size is not None and count is not None else 0,
            "scenarios": [
                (s, levels.get(s.tracc_level, s.tracc_level))
                for s in approach.scenarios.prefetch_related("hypotheses__variable")
            ],
            "component_form": component_form
            or MorphVariableForm(approach=approach, prefix="composante"),
            "exclusion_form": exclusion_form
            or ExclusionForm(approach=approach, prefix="exclusion"),
            "scenario_form": scenario_form or ScenarioForm(approach=approach, prefix="scenario"),
            "combinaison": combinaison,
        },
    )


@demarche_view(Right.VIEW, READ)
def scenarios(request: HttpRequest, approach: Approach) -> HttpResponse:
    """The morphological box, its exclusions, the count of consistent combinations, and the
    scenarios written by the team."""
    return _scenarios_page(request, approach, combinaison=request.GET.get("combinaison", ""))


@demarche_view(Right.CONTRIBUTE, WRITE)
def component_add(request: HttpRequest, approach: Approach) -> HttpResponse:
    form = MorphVariableForm(request.POST, approach=approach, prefix="composante")
    if not form.is_valid():
        return _scenarios_page(request, approach, component_form=form)
    component = form.save(commit=False)
    component.approach = approach
    component.order = approach.morph_variables.count()
    save_component(component, form.cleaned_data["hypotheses_text"])
    messages.success(request, f"La composante « {component.name} » est ajoutée.")
    return redirect(demarche_url(approach, "systems:scenarios", fragment="boite"))


@demarche_view(Right.CONTRIBUTE, WRITE)
def exclusion_add(request: HttpRequest, approach: Approach) -> HttpResponse:
    form = ExclusionForm(request.POST, approach=approach, prefix="exclusion")
    if not form.is_valid():
        return _scenarios_page(request, approach, exclusion_form=form)
    first, second = sorted(
        (form.cleaned_data["first"], form.cleaned_data["second"]), key=lambda h: h.pk
    )
    _, created = Exclusion.objects.get_or_create(
        approach=approach,
        first=first,
        second=second,
        defaults={"reason": form.cleaned_data["reason"]},
    )
    if created:
        messages.success(request, f"Incompatibilité ajoutée : {first} ✕ {second}.")
    else:
        messages.info(request, "Cette incompatibilité est déjà notée.")
    return redirect(demarche_url(approach, "systems:scenarios", fragment="exclusions"))


exclusion_delete = delete_view(
    Exclusion,
    right=Right.CONTRIBUTE,
    what=lambda e: f"L'incompatibilité « {e.first} » ✕ « {e.second} »",
    gone="{what} est retirée.",
    done=link_to("systems:scenarios", fragment="exclusions"),
)


@demarche_view(Right.CONTRIBUTE, WRITE)
def scenario_add(request: HttpRequest, approach: Approach) -> HttpResponse:
    combinaison = request.POST.get("combinaison", "")
    form = ScenarioForm(request.POST, approach=approach, prefix="scenario")
    if not form.is_valid():
        return _scenarios_page(request, approach, scenario_form=form, combinaison=combinaison)
    with transaction.atomic():
        scenario = form.save(commit=False)
        scenario.approach = approach
        scenario.save()
        hypotheses = [int(x) for x in combinaison.split(",") if x.isdigit()]
        if hypotheses:
            save_scenario_frame(scenario, hypotheses, {})
    messages.success(request, f"Le scénario « {scenario.name} » est créé.")
    return redirect(demarche_url(approach, "systems:scenario", scenario.pk))


@demarche_view(Right.VIEW, READ)
def combinations(request: HttpRequest, approach: Approach) -> HttpResponse:
    components, box = build_box(approach) if approach.morph_variables.exists() else ([], None)
    if box is None:
        return redirect(demarche_url(approach, "systems:scenarios"))
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
        hypotheses = hypotheses_of(components, combination)
        rows.append((index, hypotheses, ",".join(str(h.pk) for h in hypotheses)))
    return render(
        request,
        "systems/combinations.html",
        {
            "components": components,
            "rows": rows,
            "count": count,
            "size": box.size,
            "number": number,
            "pages": pages,
            "previous": number - 1 if number > 1 else None,
            "next": number + 1 if number < pages else None,
        },
    )


def _save_component(request: HttpRequest, form: MorphVariableForm) -> MorphVariable:
    component = form.save(commit=False)
    save_component(component, form.cleaned_data["hypotheses_text"])
    return component


morph_edit, morph_delete = object_pages(
    MorphVariable,
    MorphVariableForm,
    right=Right.CONTRIBUTE,
    noun=Noun("la composante", feminine=True, removed=True),
    done=link_to("systems:scenarios", fragment="boite"),
    save=_save_component,
    delete="systems:morph_delete",
    template="systems/morph_edit.html",
    consequence="ses hypothèses, leurs incompatibilités et leur place dans les scénarios avec elle",
)


def _scenario_page(
    request: HttpRequest,
    approach: Approach,
    instance: Scenario,
    *,
    form: ScenarioForm | None = None,
    frame: ScenarioFrameForm | None = None,
) -> HttpResponse:
    if frame is None:
        components, hazards, exclusions = _frame_parts(approach)
        chosen = {h.variable_id: str(h.pk) for h in instance.hypotheses.all()}
        current = {h.node_id: str(h.intensity) for h in instance.hazards.all()}
        initial: dict[str, str] = {f"h_{c.pk}": chosen.get(c.pk, "") for c in components}
        initial.update({f"a_{node}": current.get(node, "0") for node, _ in hazards})
        frame = ScenarioFrameForm(
            initial=initial, components=components, hazards=hazards, exclusions=exclusions
        )
    return render(
        request,
        "systems/scenario.html",
        {
            "scenario": instance,
            "tracc": tracc_label(instance.tracc_level) if instance.tracc_level else "",
            "hypotheses": instance.hypotheses.select_related("variable").order_by(
                "variable__order", "variable__pk"
            ),
            "intensified": instance.hazards.select_related("node"),
            "form": form or ScenarioForm(instance=instance, approach=approach, prefix="scenario"),
            "frame": frame,
            "stress": stress_test(instance),
        },
    )


def _frame_parts(approach: Approach) -> tuple[list[MorphVariable], list[Any], list[Exclusion]]:
    return (
        morph_components(approach),
        source_nodes(approach),
        list(Exclusion.objects.filter(approach=approach).select_related("first", "second")),
    )


@demarche_view(Right.VIEW, READ, objects={"pk": Scenario})
def scenario(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    """A scenario: its story, TRACC frame, hypotheses, intensified hazards and stress test."""
    return _scenario_page(request, approach, get_scoped(Scenario, approach, pk=pk))


@demarche_view(Right.CONTRIBUTE, WRITE, objects={"pk": Scenario})
def scenario_save(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    """Save the scenario's name, TRACC level and story."""
    instance = get_scoped(Scenario, approach, pk=pk)
    form = ScenarioForm(request.POST, instance=instance, approach=approach, prefix="scenario")
    if not form.is_valid():
        return _scenario_page(request, approach, instance, form=form)
    form.save()
    messages.success(request, f"Le scénario « {instance.name} » est enregistré.")
    return redirect(demarche_url(approach, "systems:scenario", instance.pk))


@demarche_view(Right.CONTRIBUTE, WRITE, objects={"pk": Scenario})
def scenario_frame(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    instance = get_scoped(Scenario, approach, pk=pk)
    components, hazards, exclusions = _frame_parts(approach)
    frame = ScenarioFrameForm(
        request.POST, components=components, hazards=hazards, exclusions=exclusions
    )
    if not frame.is_valid():
        return _scenario_page(request, approach, instance, frame=frame)
    save_scenario_frame(instance, frame.chosen_hypotheses(), frame.intensities())
    messages.success(request, "Hypothèses et aléas du scénario enregistrés.")
    return redirect(demarche_url(approach, "systems:scenario", instance.pk, fragment="stress"))


scenario_delete = delete_view(
    Scenario,
    right=Right.CONTRIBUTE,
    noun=Noun("le scénario"),
    done=link_to("systems:scenarios"),
    back=link_to("systems:scenario", "pk"),
)
