"""Freezing a deliverable as adopted (issue 18, « Adoption »).

`adopt()` builds the deliverable's PDF once, with the adoption block on its cover (« Adopté
par délibération n° … du … »), stores its bytes and SHA-256 with the deliberation's date,
number and file, and numbers the version. Nothing changes an adopted version afterwards:
the démarche's documents produced later are new drafts (« Version projet »).

Each deliverable names its PDF builder by dotted path (imported when used, so that the
documents app imports none of the phase apps): `build(approach, target, adoption) -> bytes`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.module_loading import import_string
from django.utils.text import slugify

from ressort.approaches.models import Approach
from ressort.documents.models import AdoptedVersion

Kind = AdoptedVersion.Kind


@dataclass(frozen=True, slots=True)
class Deliverable:
    kind: str
    builder: str  # dotted path of build(approach, target, adoption) -> bytes
    module: str = ""  # the brique the deliverable belongs to ("" = the base)


DELIVERABLES: dict[str, Deliverable] = {
    Kind.PORTRAIT: Deliverable(Kind.PORTRAIT, "ressort.portrait.documents.adopted_pdf"),
    Kind.STRATEGY: Deliverable(Kind.STRATEGY, "ressort.strategy.documents.adopted_pdf"),
    Kind.EVALUATION: Deliverable(Kind.EVALUATION, "ressort.monitoring.evaluation.adopted_pdf"),
    Kind.STORY: Deliverable(Kind.STORY, "ressort.story.documents.adopted_pdf", module="recit"),
}

DELIBERATION_MAX_BYTES = 20 * 1024 * 1024


def choices(approach: Approach) -> list[tuple[str, str]]:
    """What can be adopted in this démarche: « kind » or « evaluation:<pk> »."""
    from ressort.monitoring.models import Evaluation

    out = []
    for kind, deliverable in DELIVERABLES.items():
        if deliverable.module and deliverable.module not in approach.modules:
            continue
        if kind == Kind.EVALUATION:
            for evaluation in Evaluation.objects.filter(approach=approach).order_by("-date"):
                out.append((f"{kind}:{evaluation.pk}", f"Évaluation « {evaluation.title} »"))
        else:
            out.append((str(kind), Kind(kind).label))
    return out


def parse_choice(approach: Approach, value: str) -> tuple[str, int | None]:
    """« evaluation:12 » → ("evaluation", 12); refuses what `choices` does not offer."""
    if value not in dict(choices(approach)):
        raise ValueError(f"Livrable inconnu\u00a0: «\u00a0{value}\u00a0».")
    kind, _, target = value.partition(":")
    return kind, int(target) if target else None


def title_of(approach: Approach, kind: str, target: int | None) -> str:
    if kind == Kind.EVALUATION:
        from ressort.monitoring.models import Evaluation

        return str(Evaluation.objects.get(approach=approach, pk=target).title)
    return str(Kind(kind).label)


def adopt(
    approach: Approach,
    choice: str,
    *,
    deliberation_date: date,
    deliberation_number: str,
    assembly: str = "",
    deliberation: Any = None,
    user: Any = None,
) -> AdoptedVersion:
    """Freeze the deliverable `choice` (see `choices`) as adopted; returns the version."""
    kind, target = parse_choice(approach, choice)
    with transaction.atomic():
        # One adoption at a time per démarche: the version numbers stay consecutive.
        Approach.objects.select_for_update().filter(pk=approach.pk).first()
        last = AdoptedVersion.objects.filter(approach=approach, kind=kind, target=target).aggregate(
            n=Max("number")
        )["n"]
        version = AdoptedVersion(
            approach=approach,
            kind=kind,
            target=target,
            number=(last or 0) + 1,
            title=title_of(approach, kind, target),
            deliberation_date=deliberation_date,
            deliberation_number=deliberation_number.strip(),
            assembly=assembly.strip(),
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        build = import_string(DELIVERABLES[kind].builder)
        content: bytes = build(approach, target, version.adoption_text)
        version.content = content
        version.sha256 = hashlib.sha256(content).hexdigest()
        version.mime = "application/pdf"
        version.filename = (
            f"{approach.slug}-{slugify(version.title)[:60]}-adopte-v{version.number}.pdf"
        )
        if deliberation is not None:
            version.deliberation_content = b"".join(deliberation.chunks())
            version.deliberation_filename = (
                f"{approach.slug}-deliberation-{slugify(deliberation_number)[:40]}.pdf"
            )
        version.save()
    return version


def latest(approach: Approach, kind: str, target: int | None = None) -> AdoptedVersion | None:
    return (
        AdoptedVersion.objects.filter(approach=approach, kind=kind, target=target)
        .defer("content", "deliberation_content")
        .order_by("-number")
        .first()
    )
