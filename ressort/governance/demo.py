"""Demo content of governance for the demo démarche (illustrative, labelled as such).

15 actors of the Porte de l'Isère with 24 links; a MACTOR study of 8 of them on 6
objectives of the water and food strategy; a conflict between actors over the summer
water of the Bourbre, worked through mediation; and a cooperation agreement with the
neighbouring metropolis. Every name, position and score is illustrative: the démarche layout
says so.
"""

from __future__ import annotations

from datetime import date

from ressort.actions.models import Action, ContestedResource
from ressort.approaches.models import Approach, GovernanceBody
from ressort.governance import services
from ressort.governance.models import (
    Actor,
    ActorCategory,
    ActorLink,
    Agreement,
    AgreementKind,
    Conflict,
    ConflictKind,
    ConflictProcess,
    ConflictStatus,
    LinkKind,
    MactorObjective,
    MactorStudy,
    Scale,
)

C, S = ActorCategory, Scale
B = GovernanceBody

# (name, category, scale, contact, bodies, interest, influence)
ACTORS: tuple[tuple[str, str, str, str, list[str], int, int], ...] = (
    (
        "Agglomération (élus)",
        C.AUTHORITY,
        S.INTERMUNICIPAL,
        "Bernard (exemple)",
        [B.STEERING],
        4,
        4,
    ),
    (
        "Service eau et assainissement",
        C.SERVICE,
        S.INTERMUNICIPAL,
        "Lucas (exemple)",
        [B.TEAM],
        4,
        3,
    ),
    ("Communes de la plaine", C.AUTHORITY, S.MUNICIPAL, "", [B.STEERING], 3, 3),
    ("Département de l'Isère", C.AUTHORITY, S.DEPARTMENTAL, "", [B.STEERING], 2, 3),
    ("Préfecture et DDT", C.STATE, S.DEPARTMENTAL, "", [], 2, 4),
    ("Agence de l'eau", C.STATE, S.NATIONAL, "", [], 3, 3),
    ("Chambre d'agriculture", C.CHAMBER, S.DEPARTMENTAL, "", [B.OUTSIDE], 3, 3),
    ("Maraîchers de la plaine", C.COMPANY, S.INTERMUNICIPAL, "", [], 4, 2),
    ("Entreprises de la zone d'activité", C.COMPANY, S.INTERMUNICIPAL, "", [], 2, 3),
    ("Syndicat de rivière de la Bourbre", C.AUTHORITY, S.INTERMUNICIPAL, "", [B.OUTSIDE], 4, 2),
    ("Fédération de pêche", C.ASSOCIATION, S.DEPARTMENTAL, "", [], 3, 1),
    ("Association d'habitants", C.INHABITANTS, S.MUNICIPAL, "", [B.OUTSIDE], 4, 1),
    ("Bailleur social", C.COMPANY, S.INTERMUNICIPAL, "", [], 2, 2),
    ("Porte-parole des zones humides", C.LIVING, S.INTERMUNICIPAL, "", [], 4, 1),
    ("Métropole voisine", C.AUTHORITY, S.INTERMUNICIPAL, "", [], 2, 3),
)

# (source, target, kind) by index in ACTORS
LINKS: tuple[tuple[int, int, str], ...] = (
    (0, 1, LinkKind.HIERARCHY),
    (0, 2, LinkKind.COOPERATION),
    (0, 9, LinkKind.FUNDING),
    (0, 12, LinkKind.CONTRACT),
    (0, 14, LinkKind.CONTRACT),
    (3, 0, LinkKind.FUNDING),
    (3, 7, LinkKind.FUNDING),
    (4, 1, LinkKind.HIERARCHY),
    (4, 7, LinkKind.HIERARCHY),
    (4, 8, LinkKind.HIERARCHY),
    (5, 1, LinkKind.FUNDING),
    (5, 9, LinkKind.FUNDING),
    (6, 7, LinkKind.COOPERATION),
    (7, 1, LinkKind.CONFLICT),
    (7, 9, LinkKind.CONFLICT),
    (7, 10, LinkKind.CONFLICT),
    (8, 1, LinkKind.CONTRACT),
    (9, 10, LinkKind.COOPERATION),
    (9, 13, LinkKind.COOPERATION),
    (10, 13, LinkKind.COOPERATION),
    (11, 0, LinkKind.CONFLICT),
    (11, 12, LinkKind.CONFLICT),
    (12, 0, LinkKind.COOPERATION),
    (14, 7, LinkKind.CONTRACT),
)

# The MACTOR study: 8 actors (indices in ACTORS), 6 objectives.
STUDY_ACTORS = (0, 1, 4, 5, 6, 7, 9, 11)
OBJECTIVES = (
    "Garantir l'eau potable en canicule",
    "Maintenir l'irrigation maraîchère en été",
    "Restaurer le débit d'étiage de la Bourbre",
    "Développer les circuits courts pour les cantines",
    "Réduire les fuites du réseau de 20 %",
    "Limiter l'artificialisation des terres agricoles",
)
# Direct influence of each study actor (row) on each other (column), 0–4.
INFLUENCES = (
    (0, 3, 1, 1, 2, 2, 3, 2),
    (2, 0, 0, 1, 1, 2, 1, 1),
    (3, 3, 0, 2, 3, 3, 3, 1),
    (2, 3, 1, 0, 2, 2, 3, 0),
    (2, 1, 1, 1, 0, 3, 1, 0),
    (1, 1, 0, 0, 2, 0, 1, 0),
    (1, 2, 1, 1, 1, 2, 0, 1),
    (2, 1, 0, 0, 0, 1, 1, 0),
)
# Position of each study actor (row) on each objective (column), −4…+4.
POSITIONS = (
    (4, 2, 2, 3, 3, 2),
    (4, -1, 2, 0, 4, 1),
    (4, -2, 3, 1, 2, 3),
    (3, -2, 4, 0, 3, 2),
    (1, 4, -1, 3, 0, 4),
    (1, 4, -3, 4, 0, 3),
    (2, -3, 4, 1, 2, 2),
    (4, -1, 3, 3, 1, 3),
)


def build(approach: Approach) -> None:
    """Add this app's demo content to a freshly created demo démarche."""
    actors = Actor.objects.bulk_create(
        Actor(
            approach=approach,
            name=name,
            category=category,
            scale=scale,
            contact_name=contact,
            bodies=[str(b) for b in bodies],
            interest=interest,
            influence=influence,
            notes="Acteur illustratif de la démonstration.",
        )
        for name, category, scale, contact, bodies, interest, influence in ACTORS
    )
    ActorLink.objects.bulk_create(
        ActorLink(approach=approach, source=actors[s], target=actors[t], kind=kind)
        for s, t, kind in LINKS
    )
    services.save_raci(
        approach,
        {(actors[index].pk, step): role for index, roles in RACI for step, role in roles.items()},
    )
    _mactor(approach, actors)
    actions = {a.title: a for a in Action.objects.filter(approach=approach)}
    _conflict(approach, actors, actions)
    _agreement(approach, actors, actions)


def _mactor(approach: Approach, actors: list[Actor]) -> None:
    study = MactorStudy.objects.create(
        approach=approach,
        title="L'eau d'été dans la plaine (exemple)",
        question=(
            "Qui soutient, qui freine les objectifs de la stratégie eau et alimentation, et "
            "avec quelle force ? (analyse illustrative)"
        ),
    )
    services.set_participants(study, [actors[i] for i in STUDY_ACTORS])
    participants = list(study.participants.all())
    objectives = MactorObjective.objects.bulk_create(
        MactorObjective(study=study, name=name, origin="Stratégie (exemple)", order=order)
        for order, name in enumerate(OBJECTIVES)
    )
    services.save_influences(
        study,
        {
            (source.pk, target.pk): INFLUENCES[i][k]
            for i, source in enumerate(participants)
            for k, target in enumerate(participants)
        },
    )
    services.save_positions(
        study,
        {
            (participant.pk, objective.pk): POSITIONS[i][j]
            for i, participant in enumerate(participants)
            for j, objective in enumerate(objectives)
        },
    )


def _conflict(approach: Approach, actors: list[Actor], actions: dict[str, Action]) -> None:
    conflict = Conflict.objects.create(
        approach=approach,
        title="Partage de l'eau d'été entre maraîchers et milieux aquatiques (exemple)",
        kind=ConflictKind.ACTORS,
        description=(
            "Les maraîchers demandent des volumes d'irrigation garantis en juillet-août ; le "
            "syndicat de rivière et la fédération de pêche alertent sur les assecs de la "
            "Bourbre. Les échanges se sont tendus après l'arrêté sécheresse de 2025 "
            "(situation illustrative)."
        ),
        process=ConflictProcess.MEDIATION,
        process_notes=(
            "Médiatrice extérieure désignée d'un commun accord ; trois séances, règles "
            "écrites : parole à chacun, chiffres partagés avant chaque séance."
        ),
        status=ConflictStatus.SETTLED,
        outcome=(
            "Accord sur un protocole d'été : tours d'eau entre exploitations, seuil d'alerte "
            "commun sur le débit de la Bourbre, et étude d'une réutilisation des eaux traitées "
            "pour l'irrigation."
        ),
    )
    for index, position, interests in (
        (
            7,
            "Pas de restriction d'irrigation en été.",
            "Sauver les récoltes d'été, vivre de leur production, garder les débouchés locaux.",
        ),
        (
            9,
            "Interdire les prélèvements quand la Bourbre passe sous son débit d'étiage.",
            "Protéger la vie de la rivière et les zones humides, respecter la réglementation.",
        ),
        (
            10,
            "Aucun prélèvement en rivière l'été.",
            "Préserver les populations de poissons et les frayères.",
        ),
        (
            1,
            "L'eau potable d'abord, le reste selon les volumes disponibles.",
            "Garantir la continuité du service en canicule.",
        ),
    ):
        conflict.parties.create(actor=actors[index], position=position, interests=interests)
    for title, description, retained in (
        ("Tours d'eau entre exploitations", "Étaler les prélèvements sur la semaine.", True),
        (
            "Seuil d'alerte commun sur le débit",
            "Un débit partagé déclenche les restrictions.",
            True,
        ),
        ("Retenue collinaire", "Stocker l'eau d'hiver ; impact sur les milieux à étudier.", False),
        (
            "Réutilisation des eaux traitées",
            "Irriguer avec l'eau de la station d'épuration, après étude sanitaire.",
            True,
        ),
    ):
        conflict.options.create(title=title, description=description, retained=retained)
    for held_on, summary in (
        (date(2026, 3, 10), "Première séance : chacun expose sa position et ses contraintes."),
        (date(2026, 4, 7), "Chiffres partagés des prélèvements et des débits ; trois options."),
        (date(2026, 5, 12), "Protocole d'été accepté par les quatre parties, à revoir en octobre."),
    ):
        conflict.meetings.create(held_on=held_on, summary=summary)
    resource = ContestedResource.objects.filter(approach=approach).first()
    if resource is not None:
        conflict.resources.add(resource)
    conflict.actions.add(
        *[
            actions[title]
            for title in (
                "Irriguer les maraîchers depuis la nappe",
                "Réduire les fuites du réseau d'eau potable",
            )
        ]
    )


def _agreement(approach: Approach, actors: list[Actor], actions: dict[str, Action]) -> None:
    agreement = Agreement.objects.create(
        approach=approach,
        title="Contrat de réciprocité alimentaire avec la métropole voisine (exemple)",
        kind=AgreementKind.RECIPROCITY,
        purpose=(
            "Approvisionner les cantines des deux territoires en légumes de la plaine ; la "
            "métropole cofinance la légumerie et l'espace test agricole (accord illustratif)."
        ),
        start_date=date(2026, 1, 1),
        end_date=date(2028, 12, 31),
        notes="Comité de suivi commun deux fois par an.",
    )
    agreement.parties.set([actors[0], actors[14], actors[6], actors[7]])
    agreement.actions.add(
        *[
            actions[title]
            for title in (
                "Légumerie intercommunale pour les cantines",
                "Installer de jeunes maraîchers (espace test agricole)",
            )
        ]
    )


# RACI of the demo: (actor index, {step: role})
RACI: tuple[tuple[int, dict[str, str]], ...] = (
    (0, {"1": "A", "2": "A", "3A": "A", "3B": "A", "3C": "A"}),
    (1, {"1": "C", "2": "R", "3A": "C", "3B": "R", "3C": "R"}),
    (2, {"1": "I", "2": "C", "3A": "C", "3B": "C", "3C": "I"}),
    (6, {"2": "C", "3B": "C"}),
    (11, {"1": "I", "2": "C", "3A": "C", "3B": "I", "3C": "I"}),
)
