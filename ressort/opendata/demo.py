"""Demo content of open data for the demo démarche: a past-shocks timeline.

Every event, date and lesson below is illustrative (« (exemple) » in each title, the
illustrative flag on each row): they are not the Porte de l'Isère's real history. No open-data
value is made up here; the catalogue and the connectors fill the portrait when the user asks.
"""

from __future__ import annotations

from datetime import date

from ressort.approaches.models import Approach
from ressort.fieldwork.models import Hazard, Testimony
from ressort.opendata.models import PastShock, ShockKind

# (kind, title, start, end, places, what happened, consequences, lessons, hazard codes)
SHOCKS: tuple[tuple[str, str, date, date | None, str, str, str, str, tuple[str, ...]], ...] = (
    (
        ShockKind.HEATWAVE,
        "Canicule d'août (exemple)",
        date(2003, 8, 1),
        date(2003, 8, 17),
        "Toutes les communes",
        "Deux semaines au-delà de 35 °C le jour, des nuits sans fraîcheur.",
        "Surmortalité des personnes âgées isolées, services d'aide à domicile débordés.",
        "Tenir à jour le registre des personnes fragiles et organiser les appels de veille.",
        ("canicule",),
    ),
    (
        ShockKind.ECONOMIC,
        "Fermeture d'un grand employeur industriel (exemple)",
        date(2009, 3, 1),
        date(2009, 12, 31),
        "Bourgoin-Jallieu",
        "Fermeture d'un site de 400 salariés après la crise financière.",
        "Chômage en hausse, commerces de centre-bourg fragilisés.",
        "Diversifier le tissu économique et garder un lien avec les salariés reconvertis.",
        ("perte_employeur", "crise_financiere"),
    ),
    (
        ShockKind.HEALTH,
        "Pandémie de covid-19 (exemple)",
        date(2020, 3, 17),
        date(2021, 6, 30),
        "Toutes les communes",
        "Confinements, fermeture des écoles et des marchés.",
        "Isolement des personnes seules, solidarités de voisinage, circuits courts plébiscités.",
        "Les réseaux associatifs ont tenu\u00a0: les associer dès le début de la prochaine crise.",
        ("pandemie",),
    ),
    (
        ShockKind.FLOOD,
        "Crue de la Bourbre (exemple)",
        date(2021, 6, 19),
        date(2021, 6, 21),
        "Bourgoin-Jallieu, Villefontaine",
        "Orages stationnaires, la rivière déborde en centre-ville.",
        "Caves et commerces inondés, une route coupée deux jours.",
        "Alerter plus tôt les riverains et tenir prêt le plan communal de sauvegarde.",
        ("inondation",),
    ),
    (
        ShockKind.DROUGHT,
        "Sécheresse et restrictions d'eau (exemple)",
        date(2022, 6, 1),
        date(2022, 10, 15),
        "Toutes les communes",
        "Arrêtés de restriction d'eau tout l'été, niveau des nappes au plus bas.",
        "Irrigation interdite, maraîchers en difficulté, fissures sur des maisons (argiles).",
        "Partager l'eau d'été\u00a0: un accord entre usagers avant la prochaine sécheresse.",
        ("secheresse", "mouvement_terrain"),
    ),
)


def build(approach: Approach) -> None:
    """Add this app's demo content to a freshly created demo démarche."""
    hazards = {h.code: h for h in Hazard.objects.filter(approach=None)}
    testimony = Testimony.objects.filter(approach=approach).order_by("pk").first()
    for kind, title, start, end, places, what, consequences, lessons, codes in SHOCKS:
        shock = PastShock.objects.create(
            approach=approach,
            kind=kind,
            title=title,
            started_on=start,
            ended_on=end,
            places=places,
            description=what + " Événement illustratif.",
            consequences=consequences,
            lessons=lessons,
            origin=PastShock.Origin.TEAM,
            illustrative=True,
        )
        shock.hazards.set([hazards[c] for c in codes if c in hazards])
        if testimony is not None and kind == ShockKind.DROUGHT:
            shock.testimonies.add(testimony)
