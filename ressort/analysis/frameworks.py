"""Reference frameworks as data: read, validate, write and cross-read framework files.

Pure Python (PyYAML, jsonschema): no Django. A framework file is YAML validated against
`data/frameworks/schema.json`; every fault is reported in French with the file's path and
the line and column of the YAML node at fault (PyYAML marks, jsonschema error paths mapped
back onto the composed node tree). Nothing is returned from a file with a fault.

Also here, because they only read framework data:
- `translate_assessment`: read an assessment made in one framework through another one
  along crosswalk links (the mean of the linked scores, with the contributions kept);
- `aggregate_priorities`: the result of an appropriation workshop (card sort or ranking,
  one row per participant answer or per counted group);
- `score_self_assessment`: a questionnaire scored per theme, with the themes to work on.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import yaml

SCHEMA_PATH = Path(__file__).resolve().parent.parent.parent / "data" / "frameworks" / "schema.json"
SHIPPED_DIR = SCHEMA_PATH.parent
SHIPPED_CODES = ("donut", "boussole", "odd", "tracc")

KIND_LABELS: dict[str, str] = {
    "anneau": "anneau",
    "dimension": "dimension",
    "principe": "principe",
    "levier": "levier",
    "question": "question",
    "indicateur": "indicateur",
    "objectif": "objectif",
    "territoire": "territoire",
    "niveau": "niveau",
    "theme": "thème",
}


# --------------------------------------------------------------------------------------
# Typed framework document
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ScaleLevel:
    value: int
    label: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class Scale:
    name: str
    levels: tuple[ScaleLevel, ...]
    ressort_proposal: bool = False
    source: str = ""


@dataclass(frozen=True, slots=True)
class Node:
    """One element of a framework tree (dimension, principe, levier, question, indicateur…)."""

    code: str
    kind: str
    label: str
    short_label: str = ""
    label_en: str = ""
    definition: str = ""
    why_it_matters: str = ""
    source: str = ""
    source_url: str = ""
    version: str = ""
    to_verify: bool = False
    verification_note: str = ""
    ressort_proposal: bool = False
    weight: float = 1.0
    data: Mapping[str, Any] = field(default_factory=dict)
    children: tuple[Node, ...] = ()
    line: int = 0


@dataclass(frozen=True, slots=True)
class Link:
    """A crosswalk: element `source_code` of this framework speaks to `target` (code:item)."""

    source_code: str
    target_framework: str
    target_code: str
    source: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class FrameworkDoc:
    code: str
    name: str
    version: str
    source: str
    nodes: tuple[Node, ...]
    source_url: str = ""
    published_at: str = ""
    description: str = ""
    ressort_proposal: bool = False
    derived_from: tuple[str, str] | None = None
    scale: Scale | None = None
    links: tuple[Link, ...] = ()

    def walk(self) -> Iterator[tuple[Node, Node | None, int]]:
        """Every node, depth first, with its parent and depth."""
        stack: list[tuple[Node, Node | None, int]] = [(n, None, 0) for n in reversed(self.nodes)]
        while stack:
            node, parent, depth = stack.pop()
            yield node, parent, depth
            stack.extend((c, node, depth + 1) for c in reversed(node.children))

    def codes(self) -> list[str]:
        return [node.code for node, _, _ in self.walk()]


@dataclass(frozen=True, slots=True)
class FileFault:
    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        where = f"{self.path}, ligne {self.line}" if self.line else self.path
        if self.line and self.column:
            where += f", colonne {self.column}"
        return f"{where} : {self.message}"


class FrameworkFileError(ValueError):
    """A framework file that cannot be loaded; `faults` lists every problem by line."""

    def __init__(self, faults: Sequence[FileFault]) -> None:
        self.faults = tuple(faults)
        super().__init__("\n".join(str(f) for f in self.faults))


# --------------------------------------------------------------------------------------
# Reading and validating
# --------------------------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """SafeLoader without implicit dates: `publie_le: 2020-11-01` stays a string."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


def _node_at(root: yaml.Node, path: Iterable[str | int]) -> yaml.Node:
    """The deepest YAML node reachable along a jsonschema error path."""
    node = root
    for step in path:
        if isinstance(node, yaml.MappingNode) and isinstance(step, str):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == step:
                    node = value
                    break
            else:
                return node
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            if step >= len(node.value):
                return node
            node = node.value[step]
        else:
            return node
    return node


def _position(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _schema_message(error: Any) -> str:
    """A French message for a jsonschema error (the validator keyword says what failed)."""
    keyword = error.validator
    where = "/".join(str(p) for p in error.absolute_path) or "racine du fichier"
    value = error.instance
    if keyword == "required":
        missing = [m for m in error.validator_value if m not in (value or {})]
        return f"champ obligatoire manquant « {missing[0] if missing else '?'} » ({where})"
    if keyword == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(set(value) - set(allowed)) if isinstance(value, dict) else []
        return (
            f"champ inconnu « {', '.join(extra)} » ({where}) ; champs permis : {', '.join(allowed)}"
        )
    if keyword == "type":
        names = {
            "string": "un texte",
            "integer": "un entier",
            "number": "un nombre",
            "boolean": "vrai/faux (true/false)",
            "array": "une liste",
            "object": "un dictionnaire (clé: valeur)",
        }
        expected = error.validator_value
        expected_text = (
            names.get(expected, str(expected)) if isinstance(expected, str) else expected
        )
        return f"{where} doit être {expected_text} (trouvé : {value!r})"
    if keyword == "enum":
        allowed_values = ", ".join(str(v) for v in error.validator_value)
        return f"{where} vaut {value!r} ; valeurs permises : {allowed_values}"
    if keyword == "pattern":
        return f"{where} a une forme invalide : {value!r} (motif attendu {error.validator_value})"
    if keyword in ("minLength", "minItems"):
        return f"{where} ne doit pas être vide"
    if keyword in ("maxLength",):
        return f"{where} est trop long (au plus {error.validator_value} caractères)"
    if keyword in ("minimum", "maximum"):
        bound = "au moins" if keyword == "minimum" else "au plus"
        return f"{where} doit valoir {bound} {error.validator_value} (trouvé : {value!r})"
    return f"{where} : {error.message}"


def parse_framework(text: str, path: str = "<texte>") -> FrameworkDoc:
    """Validate a framework file's text and return it typed; FrameworkFileError otherwise."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = exc.problem or exc.context or "syntaxe YAML invalide"
        raise FrameworkFileError(
            [FileFault(path, line, column, f"YAML illisible : {problem}")]
        ) from exc
    except yaml.YAMLError as exc:
        raise FrameworkFileError([FileFault(path, 0, 0, f"YAML illisible : {exc}")]) from exc
    if root is None:
        raise FrameworkFileError([FileFault(path, 1, 1, "le fichier est vide")])
    # Aliases (*nom) can make a tiny file expand exponentially when validated: refused.
    aliases = [e for e in yaml.parse(text, Loader=_Loader) if isinstance(e, yaml.AliasEvent)]
    if aliases:
        where = aliases[0].start_mark
        raise FrameworkFileError(
            [
                FileFault(
                    path,
                    where.line + 1 if where else 0,
                    where.column + 1 if where else 0,
                    "les alias YAML (*nom) ne sont pas acceptés : écrivez le contenu en entier",
                )
            ]
        )
    data = yaml.load(text, Loader=_Loader)  # noqa: S506 — _Loader is a SafeLoader
    validator = jsonschema.Draft202012Validator(load_schema())
    faults: list[FileFault] = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.path))):
        line, column = _position(_node_at(root, error.absolute_path))
        faults.append(FileFault(path, line, column, _schema_message(error)))
    if faults:
        raise FrameworkFileError(sorted(faults, key=lambda f: (f.line, f.column)))
    doc = _build(data, root)
    faults = _check_consistency(doc, root, path)
    if faults:
        raise FrameworkFileError(faults)
    return doc


def load_framework_file(path: Path | str) -> FrameworkDoc:
    file_path = Path(path)
    try:
        text = file_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FrameworkFileError(
            [FileFault(str(path), 0, 0, f"lecture impossible : {exc}")]
        ) from exc
    return parse_framework(text, str(path))


def shipped_files(directory: Path | None = None) -> list[Path]:
    folder = directory or SHIPPED_DIR
    return sorted(folder.glob("*.yaml"))


def _build_node(item: Mapping[str, Any], yaml_node: yaml.Node) -> Node:
    children_yaml = _node_at(yaml_node, ["enfants"])
    children = tuple(
        _build_node(child, _node_at(children_yaml, [i]))
        for i, child in enumerate(item.get("enfants", []))
    )
    return Node(
        code=item["code"],
        kind=item["type"],
        label=item["libelle"].strip(),
        short_label=item.get("libelle_court", ""),
        label_en=item.get("libelle_en", ""),
        definition=item.get("definition", "").strip(),
        why_it_matters=item.get("pourquoi", "").strip(),
        source=item.get("source", ""),
        source_url=item.get("source_url", ""),
        version=item.get("version", ""),
        to_verify=bool(item.get("a_verifier", False)),
        verification_note=item.get("note_verification", ""),
        ressort_proposal=bool(item.get("proposition_ressort", False)),
        weight=float(item.get("poids", 1)),
        data=dict(item.get("donnees", {})),
        children=children,
        line=_position(yaml_node)[0],
    )


def _build(data: Mapping[str, Any], root: yaml.Node) -> FrameworkDoc:
    elements = _node_at(root, ["elements"])
    scale = None
    if "echelle" in data:
        raw = data["echelle"]
        scale = Scale(
            name=raw["nom"],
            levels=tuple(
                ScaleLevel(lvl["valeur"], lvl["libelle"], lvl.get("description", ""))
                for lvl in raw["niveaux"]
            ),
            ressort_proposal=bool(raw.get("proposition_ressort", False)),
            source=raw.get("source", ""),
        )
    derived = data.get("derive_de")
    return FrameworkDoc(
        code=data["code"],
        name=data["nom"],
        version=str(data["version"]),
        source=data["source"],
        source_url=data.get("source_url", ""),
        published_at=data.get("publie_le", ""),
        description=data.get("description", "").strip(),
        ressort_proposal=bool(data.get("proposition_ressort", False)),
        derived_from=(derived["code"], derived["version"]) if derived else None,
        scale=scale,
        nodes=tuple(
            _build_node(item, _node_at(elements, [i])) for i, item in enumerate(data["elements"])
        ),
        links=tuple(
            Link(
                source_code=link["de"],
                target_framework=link["vers"].split(":", 1)[0],
                target_code=link["vers"].split(":", 1)[1],
                source=link["source"],
                note=link.get("note", ""),
            )
            for link in data.get("correspondances", [])
        ),
    )


def _check_consistency(doc: FrameworkDoc, root: yaml.Node, path: str) -> list[FileFault]:
    """What a schema cannot say: codes unique in the file, crosswalks from known codes."""
    faults: list[FileFault] = []
    seen: dict[str, int] = {}
    for node, _, _ in doc.walk():
        if node.code in seen:
            faults.append(
                FileFault(
                    path,
                    node.line,
                    0,
                    f"code « {node.code} » en double (déjà utilisé ligne {seen[node.code]})",
                )
            )
        else:
            seen[node.code] = node.line
    links_yaml = _node_at(root, ["correspondances"])
    for i, link in enumerate(doc.links):
        if link.source_code not in seen:
            line, column = _position(_node_at(links_yaml, [i, "de"]))
            faults.append(
                FileFault(
                    path,
                    line,
                    column,
                    f"correspondance depuis « {link.source_code} », code absent de ce référentiel",
                )
            )
    if doc.scale is not None:
        values = [lvl.value for lvl in doc.scale.levels]
        if len(set(values)) != len(values):
            line, column = _position(_node_at(root, ["echelle", "niveaux"]))
            faults.append(
                FileFault(path, line, column, "échelle : deux niveaux ont la même valeur")
            )
    return sorted(faults, key=lambda f: (f.line, f.column))


# --------------------------------------------------------------------------------------
# Writing (the export mirrors the import)
# --------------------------------------------------------------------------------------

FILE_HEADER = """\
# Référentiel au format Ressort (YAML, UTF-8). Schéma : data/frameworks/schema.json
# - code, nom, version, source : obligatoires ; une nouvelle « version » publie une nouvelle
#   version du référentiel sans réécrire ce qui se réfère à l'ancienne.
# - elements : arbre d'éléments (type : anneau, dimension, principe, levier, question,
#   indicateur, objectif, territoire, niveau, theme) ; chaque élément porte code, libelle et,
#   au besoin, definition, pourquoi, source, a_verifier (affiché « à vérifier »),
#   proposition_ressort, poids, donnees (seuils, valeurs, unités, exemples) et enfants.
# - echelle : niveaux de cotation ; correspondances : liens « de » un code de ce référentiel
#   « vers » référentiel:code, avec leur source (ou « proposition Ressort »).
"""


def _node_dict(node: Node) -> dict[str, Any]:
    out: dict[str, Any] = {"code": node.code, "type": node.kind, "libelle": node.label}
    optional: list[tuple[str, Any, Any]] = [
        ("libelle_court", node.short_label, ""),
        ("libelle_en", node.label_en, ""),
        ("definition", node.definition, ""),
        ("pourquoi", node.why_it_matters, ""),
        ("source", node.source, ""),
        ("source_url", node.source_url, ""),
        ("version", node.version, ""),
        ("a_verifier", node.to_verify, False),
        ("note_verification", node.verification_note, ""),
        ("proposition_ressort", node.ressort_proposal, False),
        ("poids", node.weight, 1.0),
        ("donnees", dict(node.data), {}),
    ]
    for key, value, default in optional:
        if value != default:
            out[key] = int(value) if key == "poids" and float(value).is_integer() else value
    if node.children:
        out["enfants"] = [_node_dict(child) for child in node.children]
    return out


def framework_to_dict(doc: FrameworkDoc) -> dict[str, Any]:
    out: dict[str, Any] = {
        "code": doc.code,
        "nom": doc.name,
        "version": doc.version,
        "source": doc.source,
    }
    if doc.source_url:
        out["source_url"] = doc.source_url
    if doc.published_at:
        out["publie_le"] = doc.published_at
    if doc.description:
        out["description"] = doc.description
    if doc.ressort_proposal:
        out["proposition_ressort"] = True
    if doc.derived_from:
        out["derive_de"] = {"code": doc.derived_from[0], "version": doc.derived_from[1]}
    if doc.scale:
        scale: dict[str, Any] = {"nom": doc.scale.name}
        if doc.scale.ressort_proposal:
            scale["proposition_ressort"] = True
        if doc.scale.source:
            scale["source"] = doc.scale.source
        scale["niveaux"] = [
            {"valeur": lvl.value, "libelle": lvl.label}
            | ({"description": lvl.description} if lvl.description else {})
            for lvl in doc.scale.levels
        ]
        out["echelle"] = scale
    out["elements"] = [_node_dict(node) for node in doc.nodes]
    if doc.links:
        out["correspondances"] = [
            {"de": link.source_code, "vers": f"{link.target_framework}:{link.target_code}"}
            | {"source": link.source}
            | ({"note": link.note} if link.note else {})
            for link in doc.links
        ]
    return out


def dump_framework(doc: FrameworkDoc) -> str:
    """The documented YAML of a framework, readable again by `parse_framework`."""
    body = yaml.safe_dump(
        framework_to_dict(doc), allow_unicode=True, sort_keys=False, width=100, indent=2
    )
    return FILE_HEADER + body


def without_lines(doc: FrameworkDoc) -> FrameworkDoc:
    """The same document with line numbers zeroed (to compare two readings)."""

    def strip(node: Node) -> Node:
        return Node(
            **{
                **{f: getattr(node, f) for f in Node.__slots__},
                "line": 0,
                "children": tuple(strip(c) for c in node.children),
            }
        )

    return FrameworkDoc(
        **{
            **{f: getattr(doc, f) for f in FrameworkDoc.__slots__},
            "nodes": tuple(strip(n) for n in doc.nodes),
        }
    )


# --------------------------------------------------------------------------------------
# Crosswalks
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Contribution:
    source_code: str
    score: float
    link_source: str


@dataclass(frozen=True, slots=True)
class TranslatedScore:
    target_code: str
    score: float | None
    contributions: tuple[Contribution, ...]


@dataclass(frozen=True, slots=True)
class Translation:
    source_framework: str
    target_framework: str
    scores: tuple[TranslatedScore, ...]
    unmapped: tuple[str, ...]

    def as_dict(self) -> dict[str, float | None]:
        return {s.target_code: s.score for s in self.scores}


@dataclass(frozen=True, slots=True)
class DirectedLink:
    source_framework: str
    source_code: str
    target_framework: str
    target_code: str
    source: str


def directed_links(framework_code: str, docs: Iterable[FrameworkDoc]) -> list[DirectedLink]:
    """Every crosswalk declared by `docs`, as links leaving the framework they belong to."""
    return [
        DirectedLink(
            doc.code, link.source_code, link.target_framework, link.target_code, link.source
        )
        for doc in docs
        for link in doc.links
    ]


def translate_assessment(
    scores: Mapping[str, float],
    links: Iterable[DirectedLink],
    source_framework: str,
    target_framework: str,
    target_codes: Sequence[str] | None = None,
) -> Translation:
    """Read an assessment made in one framework through another, along crosswalks.

    A target item's score is the unweighted mean of the scores of the source items linked to
    it (links are read in both directions); the contributions are kept so the UI can say
    where a value comes from. Items without any scored link get None. The mean is a
    deliberately plain reading (« proposition Ressort »), not a method from a framework.
    """
    if source_framework == target_framework:
        raise ValueError("les deux référentiels sont identiques : rien à traduire")
    pairs: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for link in links:
        if link.source_framework == source_framework and link.target_framework == target_framework:
            pairs[link.target_code].append((link.source_code, link.source))
        elif (
            link.source_framework == target_framework and link.target_framework == source_framework
        ):
            pairs[link.source_code].append((link.target_code, link.source))
    if not pairs:
        raise ValueError(
            f"aucune correspondance entre « {source_framework} » et « {target_framework} »"
        )
    codes = list(target_codes) if target_codes is not None else sorted(pairs)
    used: set[str] = set()
    results = []
    for code in codes:
        contributions = tuple(
            Contribution(src, float(scores[src]), origin)
            for src, origin in pairs.get(code, [])
            if src in scores
        )
        used.update(c.source_code for c in contributions)
        mean = sum(c.score for c in contributions) / len(contributions) if contributions else None
        results.append(TranslatedScore(code, mean, contributions))
    return Translation(
        source_framework,
        target_framework,
        tuple(results),
        unmapped=tuple(sorted(set(scores) - used)),
    )


# --------------------------------------------------------------------------------------
# Appropriation workshop: which dimensions matter most here
# --------------------------------------------------------------------------------------

PILE_POINTS: dict[str, int] = {"essentiel": 2, "important": 1, "secondaire": 0}


@dataclass(frozen=True, slots=True)
class PriorityAnswer:
    """One participant's answer (count=1) or a counted group of identical answers."""

    group: str
    dimension_code: str
    pile: str = ""
    rank: int | None = None
    count: int = 1


@dataclass(frozen=True, slots=True)
class PriorityScore:
    dimension_code: str
    points: int
    piles: Mapping[str, int]
    by_group: Mapping[str, int]
    rank_points: int


@dataclass(frozen=True, slots=True)
class PriorityResult:
    scores: tuple[PriorityScore, ...]
    groups: tuple[str, ...]
    answer_count: int
    method: str = (
        "Tri de cartes : essentiel = 2 points, important = 1, secondaire = 0 ; "
        "classement : méthode de Borda (n − rang + 1 points pour n dimensions classées)."
    )


def aggregate_priorities(
    answers: Iterable[PriorityAnswer], dimension_codes: Sequence[str]
) -> PriorityResult:
    """Card-sort points and Borda points per dimension, most important first."""
    known = set(dimension_codes)
    points: dict[str, int] = dict.fromkeys(dimension_codes, 0)
    rank_points: dict[str, int] = dict.fromkeys(dimension_codes, 0)
    piles: dict[str, dict[str, int]] = {c: dict.fromkeys(PILE_POINTS, 0) for c in dimension_codes}
    by_group: dict[str, dict[str, int]] = {c: {} for c in dimension_codes}
    groups: set[str] = set()
    total = 0
    n = len(dimension_codes)
    for answer in answers:
        if answer.dimension_code not in known:
            raise ValueError(f"dimension inconnue : « {answer.dimension_code} »")
        if answer.count < 0:
            raise ValueError("un effectif ne peut pas être négatif")
        groups.add(answer.group)
        total += answer.count
        gained = 0
        if answer.pile:
            if answer.pile not in PILE_POINTS:
                allowed = ", ".join(PILE_POINTS)
                raise ValueError(f"pile inconnue « {answer.pile} » ; piles permises : {allowed}")
            piles[answer.dimension_code][answer.pile] += answer.count
            gained = PILE_POINTS[answer.pile] * answer.count
            points[answer.dimension_code] += gained
        if answer.rank is not None:
            if not 1 <= answer.rank <= n:
                raise ValueError(f"rang {answer.rank} hors de 1…{n}")
            rank_points[answer.dimension_code] += (n - answer.rank + 1) * answer.count
            gained += (n - answer.rank + 1) * answer.count
        group_points = by_group[answer.dimension_code]
        group_points[answer.group] = group_points.get(answer.group, 0) + gained
    order = {code: i for i, code in enumerate(dimension_codes)}
    scores = sorted(
        (
            PriorityScore(c, points[c], piles[c], by_group[c], rank_points[c])
            for c in dimension_codes
        ),
        key=lambda s: (-(s.points + s.rank_points), order[s.dimension_code]),
    )
    return PriorityResult(tuple(scores), tuple(sorted(groups)), total)


# --------------------------------------------------------------------------------------
# Self-assessment questionnaire (conditions of success)
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ThemeScore:
    code: str
    label: str
    answered: int
    questions: int
    mean: float | None
    percent: float | None
    suggestions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SelfAssessment:
    themes: tuple[ThemeScore, ...]
    overall_percent: float | None
    max_level: int
    weakest: tuple[str, ...]


def score_self_assessment(
    doc: FrameworkDoc, answers: Mapping[str, int], threshold: float = 50.0
) -> SelfAssessment:
    """Mean level per theme (as % of the top level); themes below `threshold` get suggestions.

    `answers` maps question codes to a level of the framework's scale; unknown codes or
    levels raise ValueError naming what is allowed.
    """
    if doc.scale is None:
        raise ValueError(f"le référentiel « {doc.code} » n'a pas d'échelle de cotation")
    levels = sorted(lvl.value for lvl in doc.scale.levels)
    top = levels[-1]
    questions = {n.code for n, _, _ in doc.walk() if n.kind == "question"}
    for code, level in answers.items():
        if code not in questions:
            raise ValueError(f"question inconnue : « {code} »")
        if level not in levels:
            raise ValueError(f"niveau {level} invalide pour « {code} » ; niveaux : {levels}")
    themes = []
    all_values: list[int] = []
    for node, _, _ in doc.walk():
        if node.kind != "theme":
            continue
        codes = [c.code for c in node.children if c.kind == "question"]
        values = [answers[c] for c in codes if c in answers]
        all_values.extend(values)
        mean = sum(values) / len(values) if values else None
        percent = round(100 * mean / top, 1) if mean is not None and top else None
        raw = node.data.get("suggestions", [])
        suggestions = (
            tuple(str(s) for s in raw) if percent is not None and percent < threshold else ()
        )
        themes.append(
            ThemeScore(node.code, node.label, len(values), len(codes), mean, percent, suggestions)
        )
    overall = round(100 * sum(all_values) / (len(all_values) * top), 1) if all_values else None
    weakest = tuple(t.code for t in sorted(themes, key=lambda t: t.percent or 0.0) if t.suggestions)
    return SelfAssessment(tuple(themes), overall, top, weakest)
