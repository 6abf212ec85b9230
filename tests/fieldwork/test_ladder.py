"""Field work sits below the portrait on the ladder of apps (README): it imports nothing of it.

The links from the field inventory to the portrait's indicators are the portrait's
(`Indicator.vulnerabilities`, `Indicator.resources`); the portrait reads field work
(`fieldwork.services.evidence_by_dimension`), never the other way round.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIELDWORK = ROOT / "ressort" / "fieldwork"


def imported_modules(path: Path, root: Path = ROOT) -> set[str]:
    """Every module a file imports, at its top or inside a function, absolute or relative."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = ".".join(path.relative_to(root).with_suffix("").parts[:-1])
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def lazy_model_references(path: Path) -> set[str]:
    """Strings such as "portrait.Indicator": a model named without importing it."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value.startswith("portrait.")
        and node.value[len("portrait.") : len("portrait.") + 1].isupper()
    }


def test_fieldwork_imports_nothing_of_the_portrait() -> None:
    files = [p for p in FIELDWORK.rglob("*.py") if "migrations" not in p.parts]
    assert len(files) > 10
    upward = {
        f"{path.relative_to(ROOT)}: {module}"
        for path in files
        for module in imported_modules(path) | lazy_model_references(path)
        if module.startswith(("ressort.portrait", "portrait."))
    }
    assert upward == set()


def test_fieldwork_names_no_page_of_the_portrait() -> None:
    """A link to an indicator is the indicator's own (`Indicator.get_absolute_url`): field
    work's code and templates name none of the portrait's routes."""
    files = [
        p
        for p in FIELDWORK.rglob("*")
        if p.suffix in (".py", ".html") and "migrations" not in p.parts
    ]
    assert any(p.name == "item_detail.html" for p in files)
    naming = [str(p.relative_to(ROOT)) for p in files if "portrait:" in p.read_text("utf-8")]
    assert naming == []


def test_the_scan_sees_an_import_inside_a_function_and_a_relative_one(tmp_path: Path) -> None:
    """The scan itself can fail: the imports the old fieldwork forms made are found."""
    sample = tmp_path / "ressort" / "fieldwork" / "views" / "sample.py"
    sample.parent.mkdir(parents=True)
    sample.write_text(
        "def f():\n"
        "    from ressort.portrait.models import Indicator\n"
        "    from ...portrait import services\n"
        "    return Indicator, services, 'portrait.Indicator'\n",
        encoding="utf-8",
    )
    found = imported_modules(sample, root=tmp_path)
    assert "ressort.portrait.models.Indicator" in found
    assert "ressort.portrait.services" in found
    assert lazy_model_references(sample) == {"portrait.Indicator"}
