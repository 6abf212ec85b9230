"""The library's operations, used by its views, its demo and the other apps' pages.

- `add_document` / `add_link` / `delete_document`: a file checked, stored under a random
  name, its text extracted and indexed; a link stored (never fetched by the server).
- `citation_targets`, `cite`, `citations_on`: passages cited as evidence on a dimension, a
  vulnerability, an impact chain or an action.
- `consistency_of`: an action's standing against the objectives of the plans in force.
- `signal_to_hazard`, `signal_to_variable`, `signal_to_idea`: a weak signal becomes a hazard,
  a MICMAC variable or an action idea, its origin kept on both sides.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Model
from django.urls import reverse
from django.utils.text import slugify

from ressort.approaches.models import Approach
from ressort.library import extraction, search
from ressort.library.models import (
    FIELD_OF_TARGET,
    Citation,
    ConsistencyCheck,
    Document,
    Passage,
    PlanObjective,
    Signal,
)

# --- Documents --------------------------------------------------------------------------------


def add_document(
    approach: Approach, data: bytes, filename: str, *, user: Any = None, **fields: Any
) -> Document:
    """Store a file in the library (UnsafeFile if refused), its text extracted and indexed."""
    mime = extraction.check(data, filename)
    extracted = extraction.extract(data, filename)
    with transaction.atomic():
        document = Document(
            approach=approach,
            original_name=filename[-255:],
            mime=mime,
            size=len(data),
            text=extracted.text,
            extraction_note=extracted.note,
            created_by=user,
            **fields,
        )
        document.file.save(filename, ContentFile(data), save=False)
        document.save()
        search.index(document)
    return document


def add_link(approach: Approach, url: str, *, user: Any = None, **fields: Any) -> Document:
    """A web page recorded by its address: the server never fetches it (its title and the
    notes typed by the team are what is searchable)."""
    with transaction.atomic():
        document = Document.objects.create(
            approach=approach,
            url=url,
            extraction_note="Lien web\u00a0: la page n'est pas téléchargée par Ressort.",
            created_by=user,
            **fields,
        )
        search.index(document)
    return document


def reindex(document: Document) -> None:
    search.index(document)


def delete_document(document: Document) -> None:
    pk = document.pk
    storage, name = document.file.storage, document.file.name
    with transaction.atomic():
        document.delete()
        search.unindex(pk)
        if name:  # the file goes once the row is gone for good (a failure keeps both)
            transaction.on_commit(lambda: storage.delete(name))


def documents_of(approach: Approach) -> Any:
    return Document.objects.filter(approach=approach).defer("text", "search_vector")


# --- Citations --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Target:
    key: str  # "vulnerabilite:12", "dimension:water"
    label: str
    url: str


def _models() -> dict[str, type[Model]]:
    from ressort.actions.models import Action
    from ressort.fieldwork.models import Vulnerability
    from ressort.systems.models import ImpactChain

    return {
        Citation.Target.VULNERABILITY: Vulnerability,
        Citation.Target.CHAIN: ImpactChain,
        Citation.Target.ACTION: Action,
    }


def _object_url(target: str, obj: Any, slug: str) -> str:
    if target == Citation.Target.CHAIN:
        return reverse("systems:chain", args=[slug, obj.pk])
    if target == Citation.Target.ACTION:
        return reverse("actions:action_detail", args=[slug, obj.pk])
    return str(obj.get_absolute_url())


def dimension_labels() -> dict[str, str]:
    from ressort.portrait import services as portrait

    return {code: label for code, label, _ in portrait.doughnut_dimensions()}


def citation_targets(approach: Approach) -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped choices for the « cite on » select: value « kind:id » or « dimension:code »."""
    groups: list[tuple[str, list[tuple[str, str]]]] = [
        (
            "Dimensions du Donut",
            [(f"dimension:{code}", label) for code, label in dimension_labels().items()],
        )
    ]
    names = {
        Citation.Target.VULNERABILITY: "Vulnérabilités",
        Citation.Target.CHAIN: "Chaînes d'impacts",
        Citation.Target.ACTION: "Actions",
    }
    for target, model in _models().items():
        rows = model._default_manager.filter(approach=approach)
        groups.append((names[target], [(f"{target}:{obj.pk}", str(obj)) for obj in rows]))
    return groups


def cite(passage: Passage, key: str) -> Citation:
    """Cite `passage` on the target `key`; ValueError (French) if it is not of the démarche."""
    target, _, ident = key.partition(":")
    approach = passage.document.approach
    if target == Citation.Target.DIMENSION:
        if ident not in dimension_labels():
            raise ValueError("Cette dimension n'existe pas.")
        citation, _ = Citation.objects.get_or_create(
            passage=passage, target=target, dimension_code=ident
        )
        return citation
    model = _models().get(target)
    if model is None or not ident.isdigit():
        raise ValueError("Choisissez sur quoi citer ce passage.")
    obj = model._default_manager.filter(approach=approach, pk=int(ident)).first()
    if obj is None:
        raise ValueError("Cet élément n'appartient pas à la démarche.")
    citation, _ = Citation.objects.get_or_create(
        passage=passage, target=target, **{FIELD_OF_TARGET[target]: obj}
    )
    return citation


def target_of(citation: Citation) -> Target | None:
    """What a citation points at (None if that object was deleted since)."""
    slug = citation.passage.document.approach.slug
    if citation.target == Citation.Target.DIMENSION:
        label = dimension_labels().get(citation.dimension_code, citation.dimension_code)
        url = reverse("library:citations", args=[slug]) + f"?dimension={citation.dimension_code}"
        return Target(f"dimension:{citation.dimension_code}", f"Dimension « {label} »", url)
    obj = citation.cited
    if obj is None or obj.approach_id != citation.passage.document.approach_id:
        return None
    kind = citation.get_target_display()
    return Target(
        f"{citation.target}:{obj.pk}", f"{kind} « {obj} »", _object_url(citation.target, obj, slug)
    )


def target_filter(obj: Any) -> dict[str, Any] | None:
    """The Citation lookup for a model instance or a dimension code."""
    if isinstance(obj, str):
        return {"target": Citation.Target.DIMENSION, "dimension_code": obj}
    for target, model in _models().items():
        if isinstance(obj, model):
            return {"target": target, FIELD_OF_TARGET[target]: obj}
    return None


def citations_on(approach: Approach, obj: Any) -> list[Citation]:
    """The passages cited on `obj` (a Vulnerability, ImpactChain, Action or dimension code)."""
    lookup = target_filter(obj)
    if lookup is None:
        return []
    return list(
        Citation.objects.filter(passage__document__approach=approach, **lookup).select_related(
            "passage__document"
        )
    )


# --- Consistency with the plans in force ------------------------------------------------------


def objectives_of(approach: Approach) -> list[PlanObjective]:
    return list(
        PlanObjective.objects.filter(document__approach=approach).select_related("document")
    )


def consistency_of(approach: Approach, action: Any) -> list[dict[str, Any]]:
    """For each objective of the démarche's plans: the action's check, or None."""
    checks = {c.objective_id: c for c in ConsistencyCheck.objects.filter(action=action)}
    return [{"objective": o, "check": checks.get(o.pk)} for o in objectives_of(approach)]


def consistency_summary(action: Any) -> str:
    """The action's checks in one line, for the strategy document: « Compatible avec PCAET
    (Orientation 2) ; en tension avec SCoT (O1) : justification »."""
    parts = []
    checks = ConsistencyCheck.objects.filter(action=action).select_related("objective__document")
    for check in checks:
        objective = check.objective
        where = f" ({objective.code})" if objective.code else ""
        text = f"{check.get_verdict_display()} avec {objective.document.title}{where}"
        if check.justification:
            text += f"\u00a0: {check.justification}"
        parts.append(text)
    return "\u00a0; ".join(parts)


def record_consistency(
    action: Any, objective: PlanObjective, verdict: str, justification: str
) -> ConsistencyCheck | None:
    """Save one check (an empty verdict removes it)."""
    if objective.document.approach_id != action.approach_id:
        raise ValueError("Cet objectif n'appartient pas à la démarche de l'action.")
    if not verdict:
        ConsistencyCheck.objects.filter(action=action, objective=objective).delete()
        return None
    check, _ = ConsistencyCheck.objects.update_or_create(
        action=action,
        objective=objective,
        defaults={"verdict": verdict, "justification": justification.strip()},
    )
    return check


# --- Watch: a signal becomes a hazard, a variable, an idea ------------------------------------


def _origin(signal: Signal) -> str:
    return f"Signal de veille «\u00a0{signal.title}\u00a0» du {signal.noticed_on:%d/%m/%Y}"


def signal_to_hazard(signal: Signal) -> Any:
    from ressort.fieldwork.models import Hazard

    if signal.became_hazard_id:
        return signal.became_hazard
    base = slugify(signal.title)[:50] or "signal"
    code, n = base, 2
    while Hazard.objects.filter(approach=signal.approach, code=code).exists():
        code, n = f"{base}-{n}", n + 1
    with transaction.atomic():
        hazard = Hazard.objects.create(
            approach=signal.approach,
            code=code,
            label=signal.title[:200],
            family="Veille",
            description="\n\n".join(
                p for p in (signal.meaning, f"Origine\u00a0: {_origin(signal)}.") if p
            ),
        )
        signal.became_hazard = hazard
        signal.save(update_fields=["became_hazard"])
    return hazard


def signal_to_variable(signal: Signal) -> Any:
    from ressort.systems.models import Variable

    if signal.became_variable_id:
        return signal.became_variable
    name = signal.title[:120]
    with transaction.atomic():
        variable, _ = Variable.objects.get_or_create(
            approach=signal.approach,
            name=name,
            defaults={
                "description": "\n\n".join(
                    p for p in (signal.meaning, f"Origine\u00a0: {_origin(signal)}.") if p
                ),
                "order": Variable.objects.filter(approach=signal.approach).count() + 1,
            },
        )
        signal.became_variable = variable
        signal.save(update_fields=["became_variable"])
    return variable


def signal_to_idea(signal: Signal) -> Any:
    from ressort.actions import services as actions
    from ressort.actions.models import Idea

    if signal.became_idea_id:
        return signal.became_idea
    text = signal.title
    if signal.meaning:
        text += f"\n{signal.meaning}"
    with transaction.atomic():
        idea = actions.add_idea(
            signal.approach,
            text,
            source=Idea.Source.TEAM,
            proposer=signal.noticed_by,
            dimension_code=signal.dimensions[0] if signal.dimensions else None,
        )
        idea.source_label = _origin(signal)[:200]
        idea.save(update_fields=["source_label"])
        signal.became_idea = idea
        signal.save(update_fields=["became_idea"])
    return idea
