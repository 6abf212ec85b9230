"""Store framework documents (read by ressort.analysis.frameworks) and edit démarche grids.

Validate first, then write in one transaction: a file with a fault writes nothing.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Max

from ressort.analysis import frameworks as fw
from ressort.approaches.models import Approach
from ressort.frameworks.models import (
    Crosswalk,
    Dimension,
    Framework,
    FrameworkVersion,
    GridChange,
)

CONDITIONS_CODE = "conditions"


class PublishError(ValueError):
    """A valid file that cannot be published (message in French)."""


@dataclass(frozen=True)
class LoadReport:
    lines: tuple[str, ...]
    errors: tuple[str, ...]

    def as_text(self) -> str:
        return "\n".join(self.lines + self.errors)


def content_hash(doc: fw.FrameworkDoc) -> str:
    payload = json.dumps(fw.framework_to_dict(doc), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def _scale_json(doc: fw.FrameworkDoc) -> dict[str, Any] | None:
    if doc.scale is None:
        return None
    return fw.framework_to_dict(doc)["echelle"]  # type: ignore[no-any-return]


def _write_nodes(version: FrameworkVersion, doc: fw.FrameworkDoc) -> None:
    order = 0

    def write(node: fw.Node, parent: Dimension | None) -> None:
        nonlocal order
        order += 1
        row = Dimension.objects.create(
            version=version,
            parent=parent,
            code=node.code,
            kind=node.kind,
            label=node.label,
            short_label=node.short_label,
            label_en=node.label_en,
            definition=node.definition,
            why_it_matters=node.why_it_matters,
            source=node.source,
            source_url=node.source_url,
            item_version=node.version,
            to_verify=node.to_verify,
            verification_note=node.verification_note,
            ressort_proposal=node.ressort_proposal,
            weight=node.weight,
            order=order,
            extra=dict(node.data),
        )
        for child in node.children:
            write(child, row)

    for node in doc.nodes:
        write(node, None)
    Crosswalk.objects.bulk_create(
        Crosswalk(
            version=version,
            from_code=link.source_code,
            target_framework=link.target_framework,
            target_code=link.target_code,
            source=link.source,
            note=link.note,
        )
        for link in doc.links
    )


def _new_version(
    framework: Framework, doc: fw.FrameworkDoc, user: Any = None, version: str | None = None
) -> FrameworkVersion:
    framework.versions.filter(is_current=True).update(is_current=False)
    row = FrameworkVersion.objects.create(
        framework=framework,
        version=version or doc.version,
        name=doc.name,
        source=doc.source,
        source_url=doc.source_url,
        published_at=doc.published_at,
        description=doc.description,
        ressort_proposal=doc.ressort_proposal,
        scale=_scale_json(doc),
        is_current=True,
        content_hash=content_hash(doc),
        loaded_by=user if getattr(user, "is_authenticated", False) else None,
    )
    _write_nodes(row, doc)
    return row


@transaction.atomic
def publish(doc: fw.FrameworkDoc, user: Any = None) -> tuple[FrameworkVersion, bool]:
    """Publish a shipped framework's version; the same content again changes nothing.

    A new version number creates new rows and becomes current; earlier versions and
    whatever refers to them are left as they are. Publishing an existing version number with
    a different content is refused: versions are never rewritten.
    """
    framework, _ = Framework.objects.get_or_create(
        code=doc.code, approach=None, defaults={"name": doc.name}
    )
    existing = framework.versions.filter(version=doc.version).first()
    if existing is not None:
        if existing.content_hash == content_hash(doc):
            return existing, False
        raise PublishError(
            f"la version « {doc.version} » du référentiel « {doc.code} » est déjà publiée avec "
            "un autre contenu : donnez un nouveau numéro de version (champ « version »)."
        )
    if framework.name != doc.name:
        framework.name = doc.name
        framework.save(update_fields=["name"])
    return _new_version(framework, doc, user), True


def load_shipped(directory: Path | None = None) -> LoadReport:
    """Load every framework file of data/frameworks; idempotent; a faulty file loads nothing."""
    lines: list[str] = []
    errors: list[str] = []
    for path in fw.shipped_files(directory):
        try:
            doc = fw.load_framework_file(path)
            version, created = publish(doc)
        except fw.FrameworkFileError as exc:
            errors.append(f"Référentiel non chargé :\n{exc}")
            continue
        except PublishError as exc:
            errors.append(f"Référentiel non chargé : {path} : {exc}")
            continue
        state = "chargé" if created else "déjà à jour"
        lines.append(f"Référentiel « {doc.code} » version {version.version} {state}.")
    return LoadReport(tuple(lines), tuple(errors))


def doc_from_version(version: FrameworkVersion) -> fw.FrameworkDoc:
    """The framework document of a stored version (what export writes)."""
    rows = list(version.dimensions.order_by("order", "pk"))
    children: dict[int | None, list[Dimension]] = {}
    for row in rows:
        children.setdefault(row.parent_id, []).append(row)

    def build(row: Dimension) -> fw.Node:
        return fw.Node(
            code=row.code,
            kind=row.kind,
            label=row.label,
            short_label=row.short_label,
            label_en=row.label_en,
            definition=row.definition,
            why_it_matters=row.why_it_matters,
            source=row.source,
            source_url=row.source_url,
            version=row.item_version,
            to_verify=row.to_verify,
            verification_note=row.verification_note,
            ressort_proposal=row.ressort_proposal,
            weight=row.weight,
            data=row.extra or {},
            children=tuple(build(c) for c in children.get(row.pk, [])),
        )

    scale = doc_scale(version)
    framework = version.framework
    derived = framework.derived_from
    return fw.FrameworkDoc(
        code=framework.code,
        name=version.name,
        version=version.version,
        source=version.source,
        source_url=version.source_url,
        published_at=version.published_at,
        description=version.description,
        ressort_proposal=version.ressort_proposal,
        derived_from=(derived.framework.code, derived.version) if derived else None,
        scale=scale,
        nodes=tuple(build(r) for r in children.get(None, [])),
        links=tuple(
            fw.Link(c.from_code, c.target_framework, c.target_code, c.source, c.note)
            for c in version.crosswalks.all()
        ),
    )


def doc_scale(version: FrameworkVersion) -> fw.Scale | None:
    if not version.scale:
        return None
    raw = version.scale
    return fw.Scale(
        name=raw["nom"],
        levels=tuple(
            fw.ScaleLevel(lvl["valeur"], lvl["libelle"], lvl.get("description", ""))
            for lvl in raw["niveaux"]
        ),
        ressort_proposal=bool(raw.get("proposition_ressort", False)),
        source=raw.get("source", ""),
    )


def export_yaml(version: FrameworkVersion) -> str:
    return fw.dump_framework(doc_from_version(version))


def shipped_current(code: str) -> FrameworkVersion | None:
    return (
        FrameworkVersion.objects.select_related("framework")
        .filter(framework__code=code, framework__approach=None, is_current=True)
        .first()
    )


@dataclass(frozen=True, slots=True)
class DoughnutDimension:
    """One of the Doughnut's 21 dimensions: its code, labels and ring (`plancher_social` or
    `plafond_ecologique`, the codes of data/frameworks/donut.yaml)."""

    code: str
    label: str
    short_label: str
    ring: str


def doughnut_dimensions() -> list[DoughnutDimension]:
    """The Doughnut's dimensions in the framework's order, with their French labels.

    The one list of them: the shipped framework's current version, or, while the frameworks
    are not loaded yet, its shipped file (data/frameworks/donut.yaml) itself.
    """
    version = shipped_current("donut")
    if version is None:
        return list(_shipped_doughnut())
    rows = Dimension.objects.filter(version=version, kind="dimension").select_related("parent")
    return [
        DoughnutDimension(
            d.code, d.label, d.short_label or d.label, d.parent.code if d.parent else ""
        )
        for d in rows
    ]


@cache
def _shipped_doughnut() -> tuple[DoughnutDimension, ...]:
    doc = fw.load_framework_file(fw.SHIPPED_DIR / "donut.yaml")
    return tuple(
        DoughnutDimension(d.code, d.label, d.short_label or d.label, ring.code)
        for ring in doc.nodes
        for d in ring.children
        if d.kind == "dimension"
    )


# --------------------------------------------------------------------------------------
# Crosswalks, read both ways against the current versions of the shipped frameworks
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LinkView:
    framework_code: str
    framework_name: str
    node: Dimension | None
    code: str
    source: str


def crosswalk_index() -> dict[tuple[str, str], list[LinkView]]:
    """Every crosswalk of the current shipped versions, indexed from both of its ends.

    `index[("boussole", "L1.1")]` lists the Doughnut dimensions and SDGs of lever 1.1;
    `index[("donut", "water")]` lists the levers and SDGs that speak to water.
    """
    versions = list(
        FrameworkVersion.objects.filter(framework__approach=None, is_current=True).select_related(
            "framework"
        )
    )
    names = {v.framework.code: v.name for v in versions}
    nodes: dict[tuple[str, str], Dimension] = {}
    by_version = {v.pk: v.framework.code for v in versions}
    for row in Dimension.objects.filter(version__in=versions):
        nodes[(by_version[row.version_id], row.code)] = row
    index: dict[tuple[str, str], list[LinkView]] = {}
    for link in Crosswalk.objects.filter(version__in=versions).order_by("pk"):
        origin = by_version[link.version_id]
        ends = ((origin, link.from_code), (link.target_framework, link.target_code))
        for here, there in (ends, ends[::-1]):
            index.setdefault(here, []).append(
                LinkView(
                    there[0], names.get(there[0], there[0]), nodes.get(there), there[1], link.source
                )
            )
    for views in index.values():
        views.sort(key=lambda v: (v.framework_code, v.node.order if v.node else 0))
    return index


def all_directed_links() -> list[fw.DirectedLink]:
    return [
        fw.DirectedLink(
            c.version.framework.code, c.from_code, c.target_framework, c.target_code, c.source
        )
        for c in Crosswalk.objects.filter(
            version__is_current=True, version__framework__approach=None
        ).select_related("version__framework")
    ]


# --------------------------------------------------------------------------------------
# Co-built grids of a démarche
# --------------------------------------------------------------------------------------


def _log(framework: Framework, user: Any, summary: str) -> None:
    GridChange.objects.create(framework=framework, user=user, summary=summary[:500])


def _free_code(approach: Approach, wanted: str) -> str:
    taken = {"importer"} | set(approach.grids.values_list("code", flat=True))  # grilles/importer/
    code, n = wanted, 2
    while code in taken:
        code = f"{wanted[:36]}-{n}"
        n += 1
    return code


@transaction.atomic
def create_grid(
    approach: Approach, user: Any, name: str, base: FrameworkVersion | None = None
) -> Framework:
    """A grid for the démarche, copied from a shipped version or empty (one first theme)."""
    if base is not None:
        doc = doc_from_version(base)
        code = _free_code(approach, f"grille-{base.framework.code}")
        grid = Framework.objects.create(
            code=code, name=name, approach=approach, derived_from=base, created_by=user
        )
        _new_version(
            grid,
            fw.FrameworkDoc(
                **{**{f: getattr(doc, f) for f in fw.FrameworkDoc.__slots__}, "name": name}
            ),
            user,
            version="1",
        )
        _log(grid, user, f"Grille créée à partir de « {base.name} » (version {base.version}).")
    else:
        code = _free_code(approach, "grille")
        grid = Framework.objects.create(code=code, name=name, approach=approach, created_by=user)
        doc = fw.FrameworkDoc(
            code=code,
            name=name,
            version="1",
            source=f"Grille co-construite de la démarche « {approach.name} »",
            nodes=(fw.Node(code="D1", kind="dimension", label="Première dimension"),),
        )
        _new_version(grid, doc, user)
        _log(grid, user, "Grille créée à partir de rien.")
    return grid


@transaction.atomic
def import_grid(approach: Approach, doc: fw.FrameworkDoc, user: Any) -> Framework:
    """A grid from a framework file (e.g. exported from another démarche)."""
    base = None
    if doc.derived_from:
        base = FrameworkVersion.objects.filter(
            framework__code=doc.derived_from[0],
            framework__approach=None,
            version=doc.derived_from[1],
        ).first()
    grid = Framework.objects.create(
        code=_free_code(approach, doc.code),
        name=doc.name,
        approach=approach,
        derived_from=base,
        created_by=user,
    )
    _new_version(grid, doc, user)
    _log(grid, user, f"Grille importée d'un fichier (« {doc.code} », version {doc.version}).")
    return grid


@transaction.atomic
def copy_grid(grid: Framework, approach: Approach, user: Any) -> Framework:
    """A co-built grid of another démarche, copied into `approach` as its current version
    (its dimensions and questions; nothing of the source's scores, answers or history)."""
    doc = doc_from_version(grid_version(grid))
    copy = Framework.objects.create(
        code=_free_code(approach, grid.code),
        name=grid.name,
        approach=approach,
        derived_from=grid.derived_from,
        created_by=user,
    )
    _new_version(copy, doc, user, version="1")
    _log(copy, user, f"Grille reprise d'une autre démarche («\u00a0{grid.name}\u00a0»).")
    return copy


def grid_version(grid: Framework) -> FrameworkVersion:
    version = grid.current_version()
    if version is None:  # pragma: no cover — a grid is always created with its version
        raise PublishError("grille sans version")
    return version


def _bump_hash(version: FrameworkVersion) -> None:
    version.content_hash = content_hash(doc_from_version(version))
    version.save(update_fields=["content_hash"])


@transaction.atomic
def update_node(
    grid: Framework, node: Dimension, user: Any, *, label: str, definition: str, weight: float
) -> None:
    changes = []
    if node.label != label:
        changes.append(f"renommé « {node.label} » en « {label} »")
    if node.definition != definition:
        changes.append("définition modifiée")
    if node.weight != weight:
        changes.append(f"poids {node.weight:g} → {weight:g}")
    if not changes:
        return
    node.label, node.definition, node.weight = label, definition, weight
    node.save(update_fields=["label", "definition", "weight"])
    _bump_hash(node.version)
    _log(grid, user, f"{node.code} : " + ", ".join(changes) + ".")


@transaction.atomic
def add_node(
    grid: Framework, user: Any, *, parent: Dimension | None, kind: str, label: str
) -> Dimension:
    version = grid_version(grid)
    existing = set(version.dimensions.values_list("code", flat=True))
    prefix = {"question": "Q", "indicateur": "I"}.get(kind, "D")
    n = 1
    while f"{prefix}{n}" in existing:
        n += 1
    last = version.dimensions.aggregate(m=Max("order"))["m"] or 0
    node = Dimension.objects.create(
        version=version, parent=parent, code=f"{prefix}{n}", kind=kind, label=label, order=last + 1
    )
    _renumber(version)
    _bump_hash(version)
    where = f" sous {parent.code}" if parent else ""
    _log(grid, user, f"Ajout de {node.code} « {label} » ({kind}){where}.")
    return node


@transaction.atomic
def delete_node(grid: Framework, node: Dimension, user: Any) -> None:
    summary = f"Suppression de {node.code} « {node.label} »"
    count = len(_subtree_rows(node)) - 1
    if count:
        summary += f" et de ses {count} sous-éléments"
    version = node.version
    node.delete()
    _renumber(version)
    _bump_hash(version)
    _log(grid, user, summary + ".")


@transaction.atomic
def move_node(grid: Framework, node: Dimension, user: Any, direction: str) -> bool:
    """Swap a node with its previous or next sibling (its subtree moves with it)."""
    siblings = list(node.version.dimensions.filter(parent=node.parent_id).order_by("order"))
    index = [s.pk for s in siblings].index(node.pk)
    other_index = index - 1 if direction == "haut" else index + 1
    if not 0 <= other_index < len(siblings):
        return False
    other = siblings[other_index]
    node_order, other_order = siblings[index].order, other.order
    Dimension.objects.filter(pk=node.pk).update(order=other_order)
    Dimension.objects.filter(pk=other.pk).update(order=node_order)
    _renumber(node.version)
    _bump_hash(node.version)
    label = "monté" if direction == "haut" else "descendu"
    _log(grid, user, f"{node.code} « {node.label} » {label} d'un cran.")
    return True


def _subtree_rows(node: Dimension) -> list[Dimension]:
    rows = [node]
    for child in node.children.order_by("order"):
        rows.extend(_subtree_rows(child))
    return rows


def _renumber(version: FrameworkVersion) -> None:
    """Orders 1…n depth first, siblings kept in their current relative order."""
    rows = [row for row, _ in tree(version)]
    for i, row in enumerate(rows, start=1):
        row.order = i
    Dimension.objects.bulk_update(rows, ["order"])


def tree(version: FrameworkVersion) -> list[tuple[Dimension, int]]:
    """All nodes of a version, depth first, with their depth (one query)."""
    rows = list(version.dimensions.order_by("order", "pk"))
    children: dict[int | None, list[Dimension]] = {}
    for row in rows:
        children.setdefault(row.parent_id, []).append(row)
    out: list[tuple[Dimension, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for row in children.get(parent, []):
            out.append((row, depth))
            walk(row.pk, depth + 1)

    walk(None, 0)
    return out
