"""Scenarios: the morphological box (components, hypotheses, exclusions), the TRACC levels,
each scenario's frame and its stress test (a cascade through the impact chains).

The computations are the pure analysis package's (`ressort.analysis.morphology`).
"""

from __future__ import annotations

from django.db import transaction

from ressort.analysis import morphology as morph
from ressort.approaches.models import Approach
from ressort.systems.models import Exclusion, Hypothesis, MorphVariable, Node, Scenario
from ressort.systems.services.chains import CascadeView, build_system_graph, run_cascade

# --- Morphological analysis ------------------------------------------------------------------


def morph_components(approach: Approach) -> list[MorphVariable]:
    return list(approach.morph_variables.prefetch_related("hypotheses"))


def build_box(approach: Approach) -> tuple[list[MorphVariable], morph.MorphologicalBox]:
    """The box of the components that have 2 to 5 hypotheses (others are left out)."""
    components = [
        c
        for c in morph_components(approach)
        if morph.MIN_HYPOTHESES <= len(c.hypotheses.all()) <= morph.MAX_HYPOTHESES
    ]
    keys = {c.pk: str(c.pk) for c in components}
    box = {keys[c.pk]: [str(h.pk) for h in c.hypotheses.all()] for c in components}
    exclusions = [
        (
            (keys[e.first.variable_id], str(e.first_id)),
            (keys[e.second.variable_id], str(e.second_id)),
        )
        for e in Exclusion.objects.filter(approach=approach).select_related("first", "second")
        if e.first.variable_id in keys and e.second.variable_id in keys
    ]
    return components, morph.MorphologicalBox.build(box, exclusions)


def hypotheses_of(
    components: list[MorphVariable], combination: tuple[int, ...]
) -> list[Hypothesis]:
    return [list(c.hypotheses.all())[a] for c, a in zip(components, combination, strict=True)]


# --- Stress test -----------------------------------------------------------------------------


def stress_test(scenario: Scenario) -> CascadeView | None:
    """The cascade driven by the hazards the scenario intensifies, on the démarche's graph."""
    hazards = list(scenario.hazards.select_related("node"))
    if not hazards:
        return None
    system = build_system_graph(scenario.approach)
    sources: dict[str, float] = {}
    for hazard in hazards:
        element = system.id_of.get(hazard.node_id)
        if element is not None:
            sources[element] = max(sources.get(element, 0.0), float(hazard.intensity))
    if not sources:
        return None
    return run_cascade(system, sources)


def tracc_levels() -> list[tuple[str, str]]:
    """(code, label) of the TRACC warming levels, grouped by territory, from the frameworks."""
    from ressort.frameworks.services import shipped_current

    version = shipped_current("tracc")
    if version is None:
        return []
    levels = version.dimensions.filter(kind="niveau").select_related("parent").order_by("order")
    return [(d.code, f"{d.parent.label if d.parent else ''} : {d.label}") for d in levels]


@transaction.atomic
def save_scenario_frame(
    scenario: Scenario, hypotheses: list[int], intensities: dict[int, int]
) -> None:
    from ressort.systems.models import ScenarioHazard

    scenario.hypotheses.set(
        Hypothesis.objects.filter(variable__approach=scenario.approach, pk__in=hypotheses)
    )
    scenario.hazards.all().delete()
    allowed = {
        n.pk
        for n in Node.objects.filter(chain__approach=scenario.approach, pk__in=list(intensities))
    }
    ScenarioHazard.objects.bulk_create(
        ScenarioHazard(scenario=scenario, node_id=pk, intensity=x)
        for pk, x in intensities.items()
        if pk in allowed
    )


def tracc_label(code: str) -> str:
    return dict(tracc_levels()).get(code, code)


@transaction.atomic
def save_component(component: MorphVariable, labels: list[str]) -> None:
    """Keep hypotheses whose label is unchanged (their exclusions and scenarios with them)."""
    component.save()
    existing = {h.label: h for h in component.hypotheses.all()}
    component.hypotheses.exclude(label__in=labels).delete()
    for order, label in enumerate(labels):
        hypothesis = existing.get(label)
        if hypothesis is None:
            Hypothesis.objects.create(variable=component, label=label, order=order)
        elif hypothesis.order != order:
            hypothesis.order = order
            hypothesis.save(update_fields=["order"])
