"""The activity kinds: one module per kind, one registry, no circle with the models."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest
from django.template.loader import get_template

from ressort.workshops import kinds
from ressort.workshops.kinds.base import ActivityKind

PACKAGE = Path(kinds.__file__).parent
SUPPORT = {"base", "sources"}
PACKAGE_NAME = "ressort.workshops.kinds"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_models_do_not_import_the_kinds() -> None:
    models = Path(kinds.__file__).parents[1] / "models.py"
    assert not {m for m in imported_modules(models) if m.startswith("ressort.workshops.kinds")}


def test_each_kind_module_registers_exactly_one_kind() -> None:
    modules = [m.name for m in pkgutil.iter_modules([str(PACKAGE)]) if m.name not in SUPPORT]
    # Kinds of other apps register themselves from their own package (behaviour's questionnaire).
    own = [k for k in kinds.REGISTRY.values() if k.__module__.startswith(PACKAGE_NAME)]
    assert len(modules) == len(own) == 10
    for name in modules:
        module = importlib.import_module(f"ressort.workshops.kinds.{name}")
        own = [
            value
            for value in vars(module).values()
            if isinstance(value, type)
            and issubclass(value, ActivityKind)
            and value.__module__ == module.__name__
        ]
        assert len(own) == 1, name
        assert kinds.REGISTRY[own[0].code].__class__ is own[0]


def test_registry_order_and_templates() -> None:
    assert list(kinds.REGISTRY) == [
        "idees",
        "nuage",
        "grille",
        "classement",
        "notation",
        "vote",
        "gouvernance",
        "mactor",
        "acceptabilite",
        "photo",
        "questionnaire",
    ]
    for kind in kinds.REGISTRY.values():
        get_template(kind.participant_template)
        get_template(kind.projection_template)


def test_unknown_kind_is_named() -> None:
    with pytest.raises(kinds.UnknownKind):
        kinds.get_kind("inconnu")
