"""Demo content of the justice brique for the demo démarche (illustrative, labelled as such).

Five population groups with sizes per commune of the perimeter (shares of each commune's
population, illustrative), distributive effects of eight actions, a regressive action
flagged on a vulnerable group with the remedy the team adopted, participations that leave
most communes under-represented, and acceptability answers.
"""

from __future__ import annotations

from ressort.actions.models import Action
from ressort.approaches.models import Approach
from ressort.justice.models import (
    AcceptabilityAnswer,
    Confidence,
    Dimension,
    DistributiveEffect,
    GroupSize,
    Participation,
    PopulationGroup,
    Remedy,
)

SOURCE = "Estimation illustrative (exemple), d'après la population municipale"
# (name, dimension, vulnerable, share of each commune's population, description)
GROUPS = (
    (
        "Ménages modestes (1er quintile de revenu)",
        Dimension.INCOME,
        True,
        0.20,
        "Les 20\u202f% de ménages aux revenus les plus bas (exemple).",
    ),
    (
        "Ménages en précarité énergétique",
        Dimension.VULNERABLE,
        True,
        0.12,
        "Plus de 8\u202f% du revenu consacré à l'énergie du logement (exemple).",
    ),
    (
        "Habitants dépendants de la voiture",
        Dimension.PLACE,
        True,
        0.25,
        "Sans transport en commun à moins de 10 minutes à pied (exemple).",
    ),
    ("Personnes de 75 ans ou plus", Dimension.AGE, False, 0.09, ""),
    ("Familles monoparentales", Dimension.HOUSEHOLD, False, 0.06, ""),
)
Q1, FUEL, CAR, OLD, SINGLE = (g[0] for g in GROUPS)

# (action, group, gain, cost, exclusion, confidence, justification)
EFFECTS = (
    (
        "Récupérer l'eau de pluie des bâtiments publics",
        OLD,
        1,
        0,
        0,
        "moyenne",
        "Moins de restrictions d'arrosage des jardins partagés.",
    ),
    (
        "Réduire les fuites du réseau d'eau potable",
        Q1,
        1,
        1,
        0,
        "moyenne",
        "Prix de l'eau un peu relevé pour financer les travaux, eau mieux garantie l'été.",
    ),
    (
        "Légumerie intercommunale pour les cantines",
        SINGLE,
        2,
        0,
        0,
        "forte",
        "Repas de qualité à la cantine sans hausse du tarif social.",
    ),
    (
        "Légumerie intercommunale pour les cantines",
        Q1,
        2,
        0,
        1,
        "moyenne",
        "Gain si les enfants mangent à la cantine\u00a0; certains n'y sont pas inscrits.",
    ),
    (
        "Réseau de chaleur bois à Villefontaine",
        FUEL,
        1,
        3,
        2,
        "moyenne",
        "Frais de raccordement et abonnement à la charge des copropriétés modestes\u00a0; "
        "les plus précaires risquent de rester au fioul.",
    ),
    (
        "Réseau de chaleur bois à Villefontaine",
        Q1,
        1,
        2,
        1,
        "faible",
        "Dépend du tarif retenu par le délégataire.",
    ),
    (
        "Rénover les passoires du parc social",
        FUEL,
        3,
        0,
        0,
        "forte",
        "Factures divisées par deux dans les logements rénovés.",
    ),
    (
        "Transport à la demande pour les communes rurales",
        CAR,
        3,
        1,
        0,
        "moyenne",
        "Une solution sans voiture\u00a0; coût du ticket.",
    ),
    (
        "Transport à la demande pour les communes rurales",
        OLD,
        2,
        0,
        1,
        "moyenne",
        "Réservation par téléphone ou en ligne\u00a0: difficile pour certains.",
    ),
    (
        "Vélo-route Bourgoin-Jallieu – Villefontaine",
        CAR,
        1,
        0,
        2,
        "faible",
        "Ne dessert pas les hameaux éloignés.",
    ),
    (
        "Îlots de fraîcheur dans les cours d'école",
        SINGLE,
        2,
        0,
        0,
        "forte",
        "Cours ouvertes l'été, au frais, près de chez soi.",
    ),
)


def build(approach: Approach) -> None:
    """Add this app's demo content to a freshly created demo démarche."""
    communes = list(approach.communes.order_by("-population", "name"))
    groups = {}
    for name, dimension, vulnerable, share, description in GROUPS:
        group = PopulationGroup.objects.create(
            approach=approach,
            name=name,
            dimension=dimension,
            vulnerable=vulnerable,
            description=description,
            source=SOURCE,
            illustrative=True,
        )
        GroupSize.objects.bulk_create(
            GroupSize(group=group, commune=c, count=round((c.population or 0) * share), year=2021)
            for c in communes
        )
        groups[name] = group
    actions = {a.title: a for a in Action.objects.filter(approach=approach)}
    for title, group, gain, cost, exclusion, confidence, why in EFFECTS:
        DistributiveEffect.objects.create(
            action=actions[title],
            group=groups[group],
            gain=gain,
            cost=cost,
            exclusion=exclusion,
            confidence=Confidence(confidence),
            justification=f"{why} (exemple)",
        )
    Remedy.objects.create(
        action=actions["Réseau de chaleur bois à Villefontaine"],
        group=groups[FUEL],
        kind="tarification-sociale",
        description="Raccordement pris en charge et tarif social de la chaleur pour les "
        "ménages sous le plafond de ressources de l'Anah (exemple).",
    )
    _participation(approach, communes, groups)
    _acceptability(approach, actions, groups)


def _participation(approach: Approach, communes: list, groups: dict) -> None:
    """Forty people at two workshops, most from the largest commune: the others show as
    under-represented (illustrative)."""
    rows: dict[tuple, Participation] = {}
    for index in range(40):
        commune = (
            communes[0]
            if index < 30 or len(communes) == 1
            else communes[1 + index % min(3, len(communes) - 1)]
        )
        event = "Atelier vision (exemple)" if index % 2 else "Atelier actions (exemple)"
        commune = commune if index % 10 else None
        category = groups[OLD] if index % 4 == 0 else None
        key = (event, commune, category)
        if key in rows:
            rows[key].count += 1
        else:
            rows[key] = Participation(
                approach=approach, event=event, commune=commune, category=category
            )
    Participation.objects.bulk_create(rows.values())


def _acceptability(approach: Approach, actions: dict, groups: dict) -> None:
    heat = actions["Réseau de chaleur bois à Villefontaine"]
    bus = actions["Transport à la demande pour les communes rurales"]
    answers = [
        (heat, groups[FUEL], 2, 1, 6),
        (heat, groups[FUEL], 3, 2, 2),
        (heat, groups[Q1], 3, 2, 5),
        (bus, groups[CAR], 4, 3, 7),
        (bus, groups[OLD], 3, 3, 4),
    ]
    AcceptabilityAnswer.objects.bulk_create(
        AcceptabilityAnswer(
            approach=approach,
            consultation="Questionnaire en ligne et papier (exemple)",
            action=action,
            group=group,
            acceptable=acc,
            affordable=aff,
            count=count,
        )
        for action, group, acc, aff, count in answers
    )
