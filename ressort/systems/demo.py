"""Demo content of systems for the demo démarche (illustrative, labelled as such).

A heat-and-drought impact chain (with a reinforcing and a balancing loop) and the food
supply template, linked to the fieldwork demo's vulnerabilities and resources when they
exist; a 15-variable MICMAC matrix; the vision; a morphological box and two scenarios framed
by TRACC levels, each intensifying hazards for the stress test.
"""

from __future__ import annotations

import numpy as np

from ressort.analysis.micmac import InfluenceMatrix
from ressort.approaches.models import Approach
from ressort.systems.models import (
    Exclusion,
    ImpactChain,
    Link,
    MorphVariable,
    Node,
    Scenario,
    Variable,
    Vision,
)
from ressort.systems.services.chains import chain_templates, create_chain_from_template
from ressort.systems.services.micmac import replace_matrix
from ressort.systems.services.scenarios import save_component, save_scenario_frame
from ressort.systems.services.vision import add_vision_keywords

CHAIN_NAME = "Chaleur et sécheresse"
# Links added to the heat and drought templates to make one chain with its loops.
EXTRA_LINKS = [
    ("Canicule", "Baisse des débits d'étiage", 1, 2, "évaporation et demande en eau"),
    ("Pertes de récoltes", "Cultures irriguées", 1, 1, "on irrigue davantage pour compenser"),
    (
        "Restrictions d'usage de l'eau",
        "Sobriété des usages de l'eau",
        1,
        2,
        "les arrêtés changent les habitudes",
    ),
    ("Canicule", "Personnes âgées isolées", 1, 1, "isolement accru quand il fait chaud"),
]
FIELDWORK_LINKS = {
    "Îlots de chaleur urbains": (
        "vulnerabilities",
        "Îlots de chaleur dans les centres et les cours d'école",
    ),
    "Captages d'eau potable peu profonds": (
        "vulnerabilities",
        "Dépendance de plusieurs communes à un captage unique",
    ),
    "Végétalisation et îlots de fraîcheur": ("resources", "Lac de Saint-Bonnet, îlot de fraîcheur"),
    "Dégradation des zones humides": ("resources", "Marais de la Bourbre"),
}

VARIABLES = [
    ("Changement climatique local", "Climat"),
    ("Disponibilité de la ressource en eau", "Eau"),
    ("Agriculture et foncier agricole", "Agriculture"),
    ("Emploi industriel et logistique", "Emploi"),
    ("Prix de l'énergie", "Énergie"),
    ("Mobilité et dépendance à la voiture", "Mobilité"),
    ("Qualité du parc de logements", "Logement"),
    ("Santé et vieillissement", "Santé"),
    ("Cohésion sociale et vie associative", "Cohésion"),
    ("Biodiversité et zones humides", "Biodiversité"),
    ("Artificialisation des sols", "Artificialisation"),
    ("Capacité financière des collectivités", "Finances"),
    ("Gouvernance et coopération", "Gouvernance"),
    ("Attractivité résidentielle", "Attractivité"),
    ("Culture du risque", "Risque"),
]
# (source, target, score): illustrative scores, not a workshop's.
INFLUENCES = """
Climat Eau 3; Climat Agriculture 3; Climat Santé 2; Climat Biodiversité 2; Climat Énergie 1
Eau Agriculture 3; Eau Biodiversité 2; Eau Attractivité 1; Eau Emploi 1
Agriculture Biodiversité 2; Agriculture Eau 2; Agriculture Emploi 1; Agriculture Artificialisation 1
Emploi Attractivité 3; Emploi Finances 2; Emploi Mobilité 2; Emploi Artificialisation 2
Énergie Mobilité 2; Énergie Logement 2; Énergie Emploi 2; Énergie Finances 1; Énergie Agriculture 1
Mobilité Artificialisation 1; Mobilité Santé 1; Mobilité Cohésion 1
Logement Santé 2; Logement Attractivité 2; Logement Énergie 1
Santé Cohésion 1; Santé Finances 1
Cohésion Gouvernance 2; Cohésion Risque 2; Cohésion Santé 1
Biodiversité Eau 1; Biodiversité Attractivité 1
Artificialisation Biodiversité 3; Artificialisation Eau 2; Artificialisation Agriculture 2
Finances Logement 2; Finances Gouvernance 1; Finances Mobilité 1; Finances Risque 1
Gouvernance Artificialisation 2; Gouvernance Risque 2; Gouvernance Finances 2
Gouvernance Eau 1; Gouvernance Cohésion 1
Attractivité Artificialisation 3; Attractivité Emploi 1; Attractivité Finances 2
Attractivité Logement 1
Risque Santé 1; Risque Gouvernance 1; Risque Cohésion 1
Climat Emploi P; Gouvernance Agriculture P
"""

VISION = (
    "En 2050, la Porte de l'Isère est un territoire qui vit avec un climat plus chaud sans "
    "laisser personne seul face à la chaleur : l'eau y est partagée et économisée, les "
    "centres-villes sont ombragés, l'agriculture nourrit d'abord ses habitants, et les "
    "décisions se prennent avec eux. (Texte illustratif de la démonstration.)"
)
KEYWORDS = ["Sobriété", "Solidarité", "Ombre", "Eau partagée", "Nourrir", "Coopération", "Sobriété"]

BOX = [
    (
        "Ressource en eau",
        ["Abondante grâce aux économies", "Tendue l'été", "Rationnée toute l'année"],
    ),
    ("Agriculture", ["Irriguée et exportatrice", "Nourricière et sobre", "En déclin"]),
    ("Emploi", ["Logistique dominante", "Économie locale diversifiée", "Désindustrialisation"]),
    ("Gouvernance", ["Coopération intercommunale forte", "Chacun pour soi"]),
]
EXCLUSIONS = [
    (
        ("Ressource en eau", "Rationnée toute l'année"),
        ("Agriculture", "Irriguée et exportatrice"),
        "pas d'irrigation massive sous rationnement",
    ),
    (
        ("Agriculture", "Nourricière et sobre"),
        ("Gouvernance", "Chacun pour soi"),
        "un projet alimentaire territorial suppose de coopérer",
    ),
]
SCENARIOS = [
    {
        "name": "Sobriété coopérative",
        "tracc": "metropole.2050",
        "story": "À +2,7 °C, le territoire a choisi de partager l'eau et de relocaliser son "
        "alimentation : les étés sont durs mais personne n'est laissé seul. "
        "(Récit illustratif.)",
        "figures": "−20 % de prélèvements d'eau\n30 % de l'alimentation produite localement",
        "hypotheses": {
            "Ressource en eau": "Tendue l'été",
            "Agriculture": "Nourricière et sobre",
            "Emploi": "Économie locale diversifiée",
            "Gouvernance": "Coopération intercommunale forte",
        },
        "hazards": {"Canicule": 2, "Sécheresse": 2},
    },
    {
        "name": "Fil de l'eau sous contrainte",
        "tracc": "metropole.2100",
        "story": "À +4 °C, sans changement de trajectoire : rationnement, pertes agricoles, "
        "logistique fragilisée. (Récit illustratif.)",
        "figures": "60 jours de restrictions par an\n−40 % de récoltes les années sèches",
        "hypotheses": {
            "Ressource en eau": "Rationnée toute l'année",
            "Agriculture": "En déclin",
            "Emploi": "Logistique dominante",
            "Gouvernance": "Chacun pour soi",
        },
        "hazards": {"Canicule": 3, "Sécheresse": 3},
    },
]


def build(approach: Approach) -> None:
    """Add this app's demo content to a freshly created demo démarche."""
    chain = _heat_and_drought(approach)
    create_chain_from_template(approach, "alimentation")
    _micmac(approach)
    Vision.objects.create(
        approach=approach,
        text=VISION,
        horizon_year=2050,
        values="Solidarité\nSobriété\nCoopération entre communes",
        commitments="Un registre des personnes fragiles à jour dans chaque commune\n"
        "Un partage de l'eau décidé avec les usagers",
    )
    add_vision_keywords(approach, KEYWORDS, source="Atelier vision (illustratif)")
    _scenarios(approach, chain)


def _heat_and_drought(approach: Approach) -> ImpactChain:
    heat = create_chain_from_template(approach, "chaleur", CHAIN_NAME)
    drought = next(t for t in chain_templates() if t.code == "secheresse")
    nodes = {n.label: n for n in heat.nodes.all()}
    for item in drought.nodes:
        if item["libelle"] not in nodes:
            nodes[item["libelle"]] = Node.objects.create(
                chain=heat,
                label=item["libelle"],
                kind=item["nature"],
                places=item.get("lieux", ""),
                dimension_codes=list(item.get("dimensions", [])),
            )
    links = [
        (k["de"], k["vers"], 1 if k["signe"] == "+" else -1, k["poids"], "") for k in drought.links
    ] + EXTRA_LINKS
    Link.objects.bulk_create(
        Link(chain=heat, source=nodes[a], target=nodes[b], sign=s, weight=w, note=note)
        for a, b, s, w, note in links
    )
    heat.description = (
        "Canicules et sécheresses se renforcent : chaleur, eau, agriculture et santé. "
        "(Contenu illustratif de la démonstration.)"
    )
    heat.save(update_fields=["description"])
    for label, (relation, title) in FIELDWORK_LINKS.items():
        manager = getattr(approach, relation, None)
        item = manager.filter(title=title).first() if manager is not None else None
        if item is not None:
            getattr(nodes[label], relation).add(item)
    return heat


def _micmac(approach: Approach) -> None:
    short = {s: i for i, (_, s) in enumerate(VARIABLES)}
    n = len(VARIABLES)
    values = np.zeros((n, n), dtype=np.int64)
    potential = np.zeros((n, n), dtype=np.bool_)
    for line in INFLUENCES.strip().splitlines():
        for cell in line.split(";"):
            source, target, score = cell.split()
            i, j = short[source], short[target]
            if score == "P":
                potential[i, j] = True
            else:
                values[i, j] = int(score)
    replace_matrix(
        approach,
        InfluenceMatrix(
            names=tuple(name for name, _ in VARIABLES), values=values, potential=potential
        ),
    )
    for name, label in VARIABLES:
        Variable.objects.filter(approach=approach, name=name).update(short_name=label)


def _scenarios(approach: Approach, chain: ImpactChain) -> None:
    hypotheses = {}
    for order, (name, labels) in enumerate(BOX):
        component = MorphVariable(approach=approach, name=name, order=order)
        save_component(component, labels)
        for h in component.hypotheses.all():
            hypotheses[name, h.label] = h
    for first, second, reason in EXCLUSIONS:
        a, b = sorted((hypotheses[first], hypotheses[second]), key=lambda h: h.pk)
        Exclusion.objects.create(approach=approach, first=a, second=b, reason=reason)
    nodes = {n.label: n for n in chain.nodes.all()}
    for item in SCENARIOS:
        scenario = Scenario.objects.create(
            approach=approach,
            name=item["name"],
            story=item["story"],
            key_figures=item["figures"],
            tracc_level=item["tracc"],
        )
        save_scenario_frame(
            scenario,
            [hypotheses[c, h].pk for c, h in item["hypotheses"].items()],
            {nodes[label].pk: x for label, x in item["hazards"].items()},
        )
