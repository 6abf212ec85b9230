"""What other pages ask of the living brique (portrait section, plan balance, actors)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from ressort.analysis.living import LensEffect, MilieuBalance, milieu_balance
from ressort.approaches.models import Approach
from ressort.living.models import LivingEffect, Milieu, ProtectedArea, Species, Spokesperson

MODULE = "vivant"


def is_active(approach: Approach) -> bool:
    return MODULE in (approach.modules or [])


def milieux_of(approach: Approach) -> list[Milieu]:
    return list(
        Milieu.objects.filter(approach=approach).prefetch_related(
            "observations", "indicators", "chain_nodes__chain", "species"
        )
    )


def species_of(approach: Approach) -> list[Species]:
    return list(
        Species.objects.filter(approach=approach).prefetch_related(
            "milieux", "observations", "indicators"
        )
    )


def areas_of(approach: Approach) -> list[ProtectedArea]:
    return list(ProtectedArea.objects.filter(approach=approach))


def effects_of(approach: Approach) -> list[LivingEffect]:
    return list(
        LivingEffect.objects.filter(action__approach=approach).select_related("action", "milieu")
    )


@dataclass(frozen=True, slots=True)
class PlanView:
    balances: list[MilieuBalance]
    effects: list[LivingEffect]
    harms: list[LivingEffect]  # effects < 0, with their ERC check


def plan_view(approach: Approach) -> PlanView:
    effects = effects_of(approach)
    names = [m.name for m in Milieu.objects.filter(approach=approach)]
    balances = milieu_balance(
        names,
        [LensEffect(e.action.title, e.milieu.name, e.effect, e.erc().status) for e in effects],
    )
    return PlanView(balances, effects, [e for e in effects if e.effect < 0])


def portrait_section(approach: Approach) -> dict[str, Any]:
    """The context of the portrait's « Le vivant du territoire » section."""
    return {
        "active": is_active(approach),
        "milieux": milieux_of(approach),
        "species": species_of(approach),
        "areas": areas_of(approach),
    }


def link_actor(spokesperson: Spokesperson) -> None:
    """Make the spoken-for entity an actor « porte-parole du vivant » of the register (once).

    The actor stands for the entity, not the person: the same river spoken for in two
    sessions is one actor."""
    from ressort.governance.models import Actor, ActorCategory

    approach = spokesperson.parliament.approach
    name = f"Porte-parole\u00a0: {spokesperson.entity}"[:200]
    with transaction.atomic():
        actor, _ = Actor.objects.get_or_create(
            approach=approach,
            name=name,
            defaults={
                "category": ActorCategory.LIVING,
                "notes": "Voix d'une entité non humaine, portée au parlement du vivant.",
            },
        )
        spokesperson.actor = actor
        spokesperson.save(update_fields=["actor"])
