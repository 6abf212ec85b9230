"""Creating and changing démarches: each function is one transaction."""

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from ressort.analysis import geo
from ressort.approaches.method import MODULE_CODES, STEP_CODES
from ressort.approaches.models import Approach, Membership, MethodStep, PerimeterKind, Role
from ressort.approaches.offer import load_offer
from ressort.territories.models import Territory, TerritoryType
from ressort.territories.services import outline_of
from ressort.territories.text import normalize

# Words used by the démarches' own URLs (/demarches/nouvelle/…).
RESERVED_SLUGS = {"nouvelle", "invitation"}


def unique_slug(name: str, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:70] or "demarche"
    slug, n = base, 1
    others = Approach.objects.exclude(pk=exclude_pk)
    while slug in RESERVED_SLUGS or others.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def rename(approach: Approach, name: str) -> None:
    approach.name = name
    approach.name_key = normalize(name)


def set_perimeter(
    approach: Approach, territory: Territory | None, communes: list[Territory]
) -> None:
    """Official territory (its communes) or a custom grouping of communes, and the outline."""
    if territory is not None:
        approach.perimeter_kind = PerimeterKind.OFFICIAL
        approach.territory = territory
        members = list(territory.members())
        approach.outline = outline_of(territory)
    else:
        approach.perimeter_kind = PerimeterKind.CUSTOM
        approach.territory = None
        members = communes
        approach.outline = geo.outline(c.geometry for c in communes) or ""
    approach.save()
    approach.communes.set(members)


@transaction.atomic
def create_approach(
    *,
    name: str,
    creator: object,
    role: str,
    territory: Territory | None,
    communes: list[Territory],
    perimeter_label: str = "",
    slug: str | None = None,
    is_demo: bool = False,
) -> Approach:
    approach = Approach.objects.create(
        name=name,
        name_key=normalize(name),
        slug=slug or unique_slug(name),
        perimeter_label=perimeter_label,
        created_by=creator,
        is_demo=is_demo,
    )
    set_perimeter(approach, territory, communes)
    Membership.objects.create(approach=approach, user=creator, role=role)
    depth = suggested_depth(approach)
    MethodStep.objects.bulk_create(
        MethodStep(approach=approach, code=c, depth=depth) for c in STEP_CODES
    )
    return approach


def suggested_depth(approach: Approach) -> str:
    """The depth the offer suggests for the démarche's authority (its size and kind)."""
    kind, population = approach.size_and_kind
    return load_offer().suggest(kind, population)


@transaction.atomic
def set_contract(approach: Approach, modules: list[str], depths: dict[str, str]) -> None:
    """Choose the briques and each step's depth. Nothing done is ever removed: a brique
    switched off only hides its pages, and switching it on again shows them as they were."""
    approach.modules = [code for code in MODULE_CODES if code in modules]
    approach.save(update_fields=["modules", "updated_at"])
    for step in approach.steps.all():
        if depths.get(step.code) and depths[step.code] != step.depth:
            step.depth = depths[step.code]
            step.save(update_fields=["depth"])


@dataclass(frozen=True, slots=True)
class Suggestion:
    approach: Approach
    leads: list[str]


def organisation_demarches(user: Any) -> list[Suggestion]:
    """Démarches of the agent's own authority that they are not a member of yet.

    ProConnect gives the agent's organisation as a SIRET; its first nine digits are the
    SIREN, which is an intercommunality's code in the official data (communes and
    départements have other codes there, so only EPCIs are matched).
    """
    identity = getattr(user, "proconnect", None) if user.is_authenticated else None
    if identity is None or len(identity.siren) != 9:
        return []
    approaches = (
        Approach.objects.filter(territory__type=TerritoryType.EPCI, territory__code=identity.siren)
        .exclude(memberships__user=user)
        .order_by("name")
    )
    return [
        Suggestion(
            approach,
            [
                m.user.display_name
                for m in approach.memberships.filter(
                    role__in=[Role.FACILITATOR, Role.PROJECT_LEAD]
                ).select_related("user")
            ],
        )
        for approach in approaches
    ]
