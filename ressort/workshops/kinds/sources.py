"""What the kinds read from the démarche's other bricks: frameworks, actions, field work.

Read-only helpers through the apps' models others may reference and their services
(docs/contracts.md); nothing here writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django import forms

from ressort.actions import services as actions
from ressort.actions.models import Action
from ressort.approaches.models import Approach
from ressort.frameworks import services as frameworks
from ressort.frameworks.models import Dimension, FrameworkVersion
from ressort.territories.text import normalize
from ressort.workshops.kinds.base import Copies, DeliveryError, Template, lines


def framework_versions(approach: Approach) -> list[Any]:
    return list(
        FrameworkVersion.objects.filter(is_current=True, framework__approach__in=[approach])
        .select_related("framework")
        .order_by("framework__name")
    ) + list(
        FrameworkVersion.objects.filter(is_current=True, framework__approach=None)
        .exclude(framework__code__in=["tracc", "conditions"])
        .select_related("framework")
        .order_by("framework__code")
    )


def version_nodes(version_pk: int, kinds: Iterable[str]) -> list[Any]:
    version = FrameworkVersion.objects.get(pk=version_pk)
    wanted = tuple(kinds)
    rows = [row for row, _ in frameworks.tree(version)]
    present = {row.kind for row in rows}
    kind = next((k for k in wanted if k in present), None)
    return [row for row in rows if row.kind == kind]


def configured_version(config: Mapping[str, Any]) -> FrameworkVersion:
    """The framework or grid an activity scores; a template whose grid was not copied has
    none until the team chooses one."""
    version = FrameworkVersion.objects.filter(pk=config.get("version") or 0).first()
    if version is None:
        raise DeliveryError(
            "Choisissez d'abord la grille de cette activité («\u00a0Modifier\u00a0» dans "
            "l'atelier)."
        )
    return version


def version_dimension_codes(approach: Approach) -> list[tuple[str, str]]:
    """Dimensions one may tag an idea with: the démarche's grids, else the Doughnut."""
    rows = Dimension.objects.filter(
        version__is_current=True,
        version__framework__approach=approach,
        kind__in=["dimension", "principe"],
    ).order_by("version", "order")
    if not rows:
        rows = Dimension.objects.filter(
            version__is_current=True, version__framework__code="donut", kind="dimension"
        ).order_by("order")
    return [(d.code, d.short_label or d.label) for d in rows]


def version_field(approach: Approach, label: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=[(str(v.pk), v.name) for v in framework_versions(approach)]
    )


def approach_actions(approach: Approach) -> list[tuple[int, str]]:
    """The démarche's actions: (id, title)."""
    return list(Action.objects.filter(approach=approach).values_list("pk", "title"))


def analysis_criteria(approach: Approach) -> list[dict[str, str]]:
    """The dimensions of the démarche's analysis grid, as rating criteria."""
    grid = actions.analysis_grid(approach)
    return [{"code": d.code, "label": d.label} for d in grid.dimensions]


def speaker_category(label: str) -> str:
    """A participant's category label mapped to the fieldwork's speaker categories."""
    key = normalize(label)
    for prefix, value in (
        ("elu", "elu"),
        ("agent", "agent"),
        ("habitant", "habitant"),
        ("association", "association"),
        ("jeune", "jeune"),
        ("agricult", "agriculteur"),
        ("entreprise", "acteur_economique"),
    ):
        if key.startswith(prefix):
            return value
    return "autre"


def candidates_fields(approach: Approach, what: str) -> dict[str, forms.Field]:
    fields: dict[str, forms.Field] = {}
    actions = approach_actions(approach)
    if actions:
        fields["actions"] = forms.MultipleChoiceField(
            label=f"Actions de la démarche à {what}",
            choices=[(str(pk), title) for pk, title in actions],
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
    fields["labels"] = forms.CharField(
        label="Autres propositions (une par ligne)",
        required=not actions,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Des propositions qui ne sont pas (encore) des actions de la démarche : "
        "leurs résultats restent dans l'atelier.",
    )
    return fields


def candidates(data: Mapping[str, Any], approach: Approach) -> list[dict[str, Any]]:
    titles = dict(approach_actions(approach))
    out: list[dict[str, Any]] = []
    for raw in data.get("actions") or []:
        pk = int(raw)
        out.append({"key": f"a{pk}", "label": titles[pk], "action_pk": pk})
    for i, label in enumerate(lines(data.get("labels") or ""), start=1):
        out.append({"key": f"l{i}", "label": label[:200], "action_pk": None})
    if len(out) < 2:
        raise forms.ValidationError("Proposez au moins deux actions ou propositions.")
    if len(out) > 30:
        raise forms.ValidationError("Trente propositions au plus.")
    return out


def template_version(
    config: Mapping[str, Any], copies: Copies, *, keep: tuple[str, ...]
) -> Template:
    """A kind scoring a framework or grid (`config["version"]` and the `keep` keys built
    from it): a shipped framework stays; a grid of the source démarche becomes its copy
    when the same reuse copied it; otherwise the grid and its questions are dropped."""
    pk = config.get("version")
    version = (
        FrameworkVersion.objects.filter(pk=pk).select_related("framework").first() if pk else None
    )
    if version is not None and version.framework.approach_id is None:
        return Template({"version": version.pk, **{k: config[k] for k in keep if k in config}})
    if version is not None and version.pk in copies.versions:
        mapped = copies.versions[version.pk]
        return Template({"version": mapped, **{k: config[k] for k in keep if k in config}})
    name = f"«\u00a0{version.framework.name}\u00a0»" if version else "de l'activité"
    return Template(
        {},
        (
            f"la grille {name} de l'autre démarche n'est pas reprise\u00a0: choisissez une "
            "grille et ses questions («\u00a0Modifier\u00a0» dans l'atelier).",
        ),
    )


def template_candidates(
    config: Mapping[str, Any], copies: Copies
) -> tuple[list[dict[str, Any]], tuple[str, ...]]:
    """Candidates of a vote or a rating: free propositions stay; an action of the source
    démarche becomes its copy when the same reuse copied it, otherwise it is dropped."""
    kept: list[dict[str, Any]] = []
    dropped = 0
    for cand in config.get("candidates", []):
        pk = cand.get("action_pk")
        if pk is None:
            kept.append(dict(cand))
        elif pk in copies.actions:
            new = copies.actions[pk]
            kept.append({"key": f"a{new}", "label": cand["label"], "action_pk": new})
        else:
            dropped += 1
    notes = (
        (
            f"{dropped}\u00a0action{'s' if dropped > 1 else ''} de l'autre démarche "
            f"retirée{'s' if dropped > 1 else ''} des propositions\u00a0: choisissez celles "
            "de cette démarche («\u00a0Modifier\u00a0» dans l'atelier).",
        )
        if dropped
        else ()
    )
    return kept, notes
