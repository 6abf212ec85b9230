"""Demo content of the living brique for the demo démarche (illustrative, labelled as such).

Six milieux and three species of the Porte de l'Isère with their evidence (fieldwork
observations, indicators, inventories), a short impact chain through the river (heatwave →
the Bourbre at low water → drinking water), the living lens of four actions with one
« éviter, réduire, compenser » check, and a parlement du vivant session whose spokespeople
enter the actor register. States, trends and statements are illustrative.
"""

from __future__ import annotations

from datetime import date

from ressort.actions.models import Action, ContestedResource
from ressort.approaches.models import Approach
from ressort.fieldwork.models import Observation
from ressort.living import services
from ressort.living.models import (
    LivingEffect,
    Milieu,
    MilieuKind,
    Parliament,
    Position,
    Species,
    SpeciesStatus,
    Spokesperson,
    State,
    Statement,
    Trend,
)
from ressort.portrait.models import Indicator
from ressort.systems.models import ImpactChain, Link, Node

K, S, T = MilieuKind, State, Trend
# (name, kind, state, trend, places, pressures, services, evidence, observation titles,
#  indicator codes)
MILIEUX = (
    (
        "La Bourbre",
        K.RIVER,
        S.DEGRADED,
        T.DECLINING,
        "De Bourgoin-Jallieu à la confluence avec le Rhône",
        "Étiages plus longs et plus sévères\nPrélèvements d'été\nRecalibrage ancien du lit",
        ["regulation-eau", "eau-potable", "rafraichissement", "tampon-crues"],
        "Suivi des débits d'étiage, station hydrométrique de la Bourbre (exemple)\n"
        "Syndicat de rivière\u00a0: état écologique moyen à médiocre (exemple)",
        ["La Bourbre presque à sec sous le pont Saint-Michel"],
        ["prelevements-eau"],
    ),
    (
        "Marais de la Bourbre",
        K.WETLAND,
        S.MEDIUM,
        T.DECLINING,
        "Plaine de la Bourbre, en aval de Bourgoin-Jallieu",
        "Drainage agricole\nAssèchement estival\nEspèces exotiques envahissantes",
        ["regulation-eau", "tampon-crues", "carbone"],
        "Inventaire ZNIEFF de type 1 «\u00a0Marais de la Bourbre\u00a0» (exemple de référence)",
        ["Marais de la Bourbre, zone humide en eau"],
        [],
    ),
    (
        "Bois des collines du Nord-Isère",
        K.FOREST,
        S.MEDIUM,
        T.STABLE,
        "Collines de L'Isle-d'Abeau et de Saint-Alban",
        "Sécheresses répétées (dépérissement des hêtres)\nFréquentation",
        ["rafraichissement", "carbone", "bien-etre"],
        "Observations de l'Office national des forêts sur le dépérissement (exemple)",
        [],
        [],
    ),
    (
        "Haies et bocage de la plaine",
        K.HEDGEROW,
        S.DEGRADED,
        T.DECLINING,
        "Plaine agricole",
        "Arrachage lors des remembrements\nEntretien trop sévère",
        ["pollinisation", "regulation-eau", "alimentation"],
        "Comparaison des photographies aériennes 1980-2020\u00a0: "
        "linéaire divisé par deux (exemple)",
        [],
        [],
    ),
    (
        "Sols agricoles de la plaine",
        K.SOIL,
        S.MEDIUM,
        T.DECLINING,
        "Plaine et terrasses",
        "Artificialisation par les zones d'activité\nTassement, baisse de la matière organique",
        ["alimentation", "regulation-eau", "carbone"],
        "Consommation d'espaces naturels, agricoles et forestiers (portail de l'artificialisation)",
        [],
        ["artificialisation"],
    ),
    (
        "Corridor écologique Bourbre – Catelan",
        K.CONTINUITY,
        S.MEDIUM,
        T.UNKNOWN,
        "Entre la vallée de la Bourbre et le Catelan",
        "Coupures par les infrastructures (A43, voie ferrée)\nÉclairage nocturne",
        ["pollinisation", "bien-etre"],
        "Schéma régional de cohérence écologique, trame verte et bleue (référence)",
        [],
        [],
    ),
)

# (name, scientific name, TAXREF, status, state, trend, milieux, pressures, evidence)
# A point for each milieu on the field map (WGS 84), illustrative like the rest.
POINTS = {
    "La Bourbre": (45.5905, 5.2731),
    "Marais de la Bourbre": (45.6213, 5.2102),
    "Bois des collines du Nord-Isère": (45.6042, 5.2376),
    "Haies et bocage de la plaine": (45.6318, 5.2544),
    "Sols agricoles de la plaine": (45.6402, 5.2297),
    "Corridor écologique Bourbre – Catelan": (45.5987, 5.1968),
}

SPECIES = (
    (
        "Castor d'Eurasie",
        "Castor fiber",
        61153,
        SpeciesStatus.PROTECTED,
        S.MEDIUM,
        T.STABLE,
        ["La Bourbre", "Marais de la Bourbre"],
        "Assecs de la rivière\nCollisions routières",
        "Indices de présence relevés par la fédération de pêche (exemple)",
    ),
    (
        "Sonneur à ventre jaune",
        "Bombina variegata",
        444,
        SpeciesStatus.THREATENED,
        S.DEGRADED,
        T.DECLINING,
        ["Marais de la Bourbre", "Bois des collines du Nord-Isère"],
        "Disparition des ornières et des mares temporaires",
        "Liste rouge régionale\u00a0: vulnérable (exemple)",
    ),
    (
        "Abeilles sauvages et pollinisateurs",
        "Apoidea",
        None,
        SpeciesStatus.EMBLEMATIC,
        S.UNKNOWN,
        T.DECLINING,
        ["Haies et bocage de la plaine", "Corridor écologique Bourbre – Catelan"],
        "Pesticides\nRaréfaction des haies fleuries",
        "Comptages participatifs du jardin des Fougères (exemple)",
    ),
)

CHAIN = "Chaleur, rivière et eau potable (vivant)"


def build(approach: Approach) -> None:
    """Add this app's demo content to a freshly created demo démarche."""
    if services.MODULE not in approach.modules:
        approach.modules = [*approach.modules, services.MODULE]
        approach.save(update_fields=["modules"])
    milieux = _milieux(approach)
    _species(approach, milieux)
    _chain(approach, milieux["La Bourbre"])
    _lens(approach, milieux)
    _parliament(approach, milieux)


def _milieux(approach: Approach) -> dict[str, Milieu]:
    made = {}
    for name, kind, state, trend, places, pressures, serv, evidence, obs, codes in MILIEUX:
        milieu = Milieu.objects.create(
            approach=approach,
            name=name,
            kind=kind,
            state=state,
            trend=trend,
            places=places,
            latitude=POINTS[name][0],
            longitude=POINTS[name][1],
            pressures=pressures,
            services=serv,
            evidence=evidence,
            illustrative=True,
        )
        milieu.observations.set(Observation.objects.filter(approach=approach, title__in=obs))
        milieu.indicators.set(Indicator.objects.filter(approach=approach, code__in=codes))
        made[name] = milieu
    return made


def _species(approach: Approach, milieux: dict[str, Milieu]) -> None:
    for name, latin, taxref, status, state, trend, where, pressures, evidence in SPECIES:
        species = Species.objects.create(
            approach=approach,
            name=name,
            scientific_name=latin,
            taxref_id=taxref,
            status=status,
            state=state,
            trend=trend,
            pressures=pressures,
            evidence=evidence,
            illustrative=True,
        )
        species.milieux.set([milieux[m] for m in where])
    river_obs = Observation.objects.filter(
        approach=approach, title="La Bourbre presque à sec sous le pont Saint-Michel"
    )
    Species.objects.get(approach=approach, name="Castor d'Eurasie").observations.set(river_obs)


def _chain(approach: Approach, river: Milieu) -> None:
    chain = ImpactChain.objects.create(
        approach=approach,
        name=CHAIN,
        description="Une canicule abaisse la Bourbre, qui alimente la nappe des captages "
        "d'eau potable\u00a0: le vivant est un maillon de la chaîne (exemple).",
    )
    heat = Node.objects.create(chain=chain, label="Canicule", kind=Node.Kind.HAZARD)
    low = Node.objects.create(
        chain=chain,
        label="La Bourbre en étiage sévère",
        kind=Node.Kind.SENSITIVITY,
        places="Bourgoin-Jallieu, plaine",
        dimension_codes=["freshwater", "biodiversity"],
    )
    water = Node.objects.create(
        chain=chain,
        label="Eau potable des communes de la plaine",
        kind=Node.Kind.IMPACT,
        dimension_codes=["water"],
    )
    Link.objects.create(chain=chain, source=heat, target=low, sign=1, weight=3, note="évaporation")
    Link.objects.create(
        chain=chain, source=low, target=water, sign=1, weight=2, note="la rivière recharge la nappe"
    )
    river.chain_nodes.add(low)


# (action title, milieu, effect, justification, species, continuities, avoid, reduce,
#  compensate, residual harm)
EFFECTS = (
    (
        "Irriguer les maraîchers depuis la nappe",
        "La Bourbre",
        -2,
        "Les prélèvements d'été abaissent la nappe qui soutient l'étiage de la rivière (exemple).",
        "Castor et poissons privés d'eau en août.",
        "",
        "Pas de prélèvement quand le débit passe sous le seuil d'alerte.",
        "Goutte-à-goutte et retenue remplie l'hiver seulement.",
        "Restauration de 2 km de berges et d'une annexe humide de la Bourbre.",
        True,
    ),
    (
        "Îlots de fraîcheur dans les cours d'école",
        "Corridor écologique Bourbre – Catelan",
        1,
        "Des cours plantées d'essences locales ajoutent des relais pour les pollinisateurs "
        "(exemple).",
        "Abeilles sauvages.",
        "Pas japonais de nature en ville.",
        "",
        "",
        "",
        False,
    ),
    (
        "Installer de jeunes maraîchers (espace test agricole)",
        "Haies et bocage de la plaine",
        2,
        "Le cahier des charges impose de replanter des haies autour des parcelles (exemple).",
        "Pollinisateurs, auxiliaires des cultures.",
        "Reconnecte deux haies isolées.",
        "",
        "",
        "",
        False,
    ),
    (
        "Réseau de chaleur bois à Villefontaine",
        "Bois des collines du Nord-Isère",
        -1,
        "Prélèvement accru de bois dans des forêts déjà affaiblies par la sécheresse (exemple).",
        "",
        "",
        "",
        "",
        "",
        True,
    ),
)


def _lens(approach: Approach, milieux: dict[str, Milieu]) -> None:
    for title, milieu, effect, why, species, cont, avoid, reduce, comp, residual in EFFECTS:
        LivingEffect.objects.create(
            action=Action.objects.get(approach=approach, title=title),
            milieu=milieux[milieu],
            effect=effect,
            justification=why,
            on_species=species,
            on_continuities=cont,
            avoid=avoid,
            reduce=reduce,
            compensate=comp,
            residual_harm=residual,
        )


def _parliament(approach: Approach, milieux: dict[str, Milieu]) -> None:
    session = Parliament.objects.create(
        approach=approach,
        title="Parlement de la Bourbre (exemple)",
        date=date(2026, 11, 18),
        question="Comment partager l'eau d'été entre les usages et la rivière\u00a0?",
    )
    irrigation = Action.objects.get(
        approach=approach, title="Irriguer les maraîchers depuis la nappe"
    )
    leaks = Action.objects.get(
        approach=approach, title="Réduire les fuites du réseau d'eau potable"
    )
    water = ContestedResource.objects.filter(
        approach=approach, name="Eau de la nappe de la Bourbre en été"
    ).first()
    voices = (
        (
            "La rivière Bourbre",
            milieux["La Bourbre"],
            None,
            "Un élève du lycée agricole (exemple)",
            [
                (
                    "En août je ne suis plus qu'un filet\u00a0: ne me prenez pas ce qui me reste.",
                    irrigation,
                    Position.AGAINST,
                    0,  # « À rejeter »
                ),
                ("Chaque fuite réparée, c'est de l'eau qui me reste.", leaks, Position.FOR, 6),
            ],
        ),
        (
            "Le marais",
            milieux["Marais de la Bourbre"],
            None,
            "Une habitante de la plaine (exemple)",
            [
                (
                    "Je garde l'eau de l'hiver pour vous la rendre l'été, "
                    "si l'on cesse de me drainer.",
                    irrigation,
                    Position.CONDITIONS,
                    3,
                ),
            ],
        ),
        (
            "Les pollinisateurs",
            None,
            Species.objects.get(approach=approach, name="Abeilles sauvages et pollinisateurs"),
            "Un apiculteur (exemple)",
            [
                (
                    "Des haies fleuries, et nous reviendrons polliniser vos maraîchers.",
                    None,
                    Position.NONE,
                    None,
                )
            ],
        ),
    )
    for entity, milieu, species, speaker, statements in voices:
        spokesperson = Spokesperson.objects.create(
            parliament=session, entity=entity, milieu=milieu, species=species, speaker_name=speaker
        )
        services.link_actor(spokesperson)
        for text, action, position, grade in statements:
            Statement.objects.create(
                spokesperson=spokesperson,
                text=text,
                action=action,
                position=position,
                grade=grade,
                # The summer water of the nappe is the demo's conflict of use: the river's
                # position on irrigation is also its voice on that conflict.
                resource=water if action == irrigation and milieu else None,
            )
