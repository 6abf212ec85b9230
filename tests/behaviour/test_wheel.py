"""The shipped COM-B → intervention functions links against the published table.

EXPECTED is copied by hand from Michie, Atkins & West (2014), The Behaviour Change Wheel: A
Guide to Designing Interventions, chapter 2, the table linking the COM-B components to the
intervention functions (a tick where a function can change a component). Rows: physical
capability, psychological capability, physical opportunity, social opportunity, reflective
motivation, automatic motivation. Columns, in the guide's order: education, persuasion,
incentivisation, coercion, training, restriction, environmental restructuring, modelling,
enablement.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from ressort.analysis.behaviour_wheel import COMPONENTS, FUNCTIONS, Wheel
from ressort.behaviour.wheel import read_wheel

COLUMNS = (
    "education",
    "persuasion",
    "incentivisation",
    "coercion",
    "training",
    "restriction",
    "environmental_restructuring",
    "modelling",
    "enablement",
)
#            Edu Per Inc Coe Tra Res Env Mod Ena
EXPECTED = {
    "C-Ph": (0, 0, 0, 0, 1, 0, 0, 0, 1),
    "C-Ps": (1, 0, 0, 0, 1, 0, 0, 0, 1),
    "O-Ph": (0, 0, 0, 0, 1, 1, 1, 0, 1),
    "O-So": (0, 0, 0, 0, 0, 1, 1, 1, 1),
    "M-Re": (1, 1, 1, 1, 0, 0, 0, 0, 0),
    "M-Au": (0, 1, 1, 1, 1, 0, 1, 1, 1),
}


def test_shipped_links_are_the_published_table() -> None:
    data = read_wheel()
    for component, ticks in EXPECTED.items():
        published = {f for f, tick in zip(COLUMNS, ticks, strict=True) if tick}
        assert set(data.wheel.links[component]) == published, component


def test_the_data_names_every_component_and_function_with_its_source() -> None:
    data = read_wheel()
    assert tuple(data.components) == COMPONENTS
    assert tuple(data.functions) == FUNCTIONS == COLUMNS
    assert "Michie" in data.source["label"] and "2014" in data.source["label"]
    assert "Implementation Science 6:42" in data.source["label"]
    assert data.wheel.version
    for f in data.functions.values():
        assert f["label"] and f["definition"] and f["example"]
    assert "ADEME" in data.examples_source["label"]


def test_a_wheel_with_unknown_codes_is_refused_in_french() -> None:
    links = {c: ["education"] for c in COMPONENTS}
    links["M-Au"] = ["hypnose"]
    with pytest.raises(ValueError, match="fonction inconnue « hypnose »"):
        Wheel.build("x", links)
    del links["M-Au"]
    with pytest.raises(ValueError, match="composante sans lien « M-Au »"):
        Wheel.build("x", links)


def test_the_analysis_module_imports_no_django() -> None:
    source = Path("ressort/analysis/behaviour_wheel.py").read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
            )
            assert not any(n.startswith(("django", "ressort.")) for n in names), names
