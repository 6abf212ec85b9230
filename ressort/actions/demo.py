"""Demo content of actions for the demo démarche (illustrative, labelled as such).

30 action ideas (team, workshops, participants) of which 4 are merged duplicates; 12 are
retained as draft actions, evaluated on the Doughnut (a few also under the TRACC +4 °C
scenario), with 2 existing policies evaluated with the same grid; 6 prioritisation
criteria with their values; 40 majority-judgment ballots; and a conflict of use over summer
water, with its uses, options and one arbitration. Every name, figure and quote is
illustrative: the démarche layout says so.
"""

from __future__ import annotations

import random
from datetime import date

from simple_history.utils import bulk_create_with_history

from ressort.actions import services
from ressort.actions.models import (
    Action,
    ActionLink,
    Arbitration,
    BudgetSetting,
    ContestedResource,
    Criterion,
    CriterionValue,
    Evaluation,
    Idea,
    PaperTally,
    TallyCount,
    Theme,
)
from ressort.approaches.models import Approach

THEMES = ("Eau", "Alimentation", "Énergie et mobilités", "Solidarités", "Aménagement et nature")

# (text, source, source label, proposer, answers, detail, dimension, theme index)
IDEAS: tuple[tuple[str, str, str, str, str, str, str, int], ...] = (
    (
        "Récupérer l'eau de pluie des bâtiments publics pour l'arrosage",
        "equipe",
        "",
        "Lucas (exemple)",
        "dimension",
        "",
        "freshwater",
        0,
    ),
    (
        "Récupérer l'eau de pluie des toits des écoles",
        "atelier",
        "Atelier du 12 mars (exemple)",
        "",
        "dimension",
        "",
        "freshwater",
        0,
    ),
    (
        "Réduire les fuites du réseau d'eau potable",
        "equipe",
        "",
        "Lucas (exemple)",
        "vulnerabilite",
        "Rendement du réseau d'eau",
        "water",
        0,
    ),
    (
        "Tarification progressive et solidaire de l'eau",
        "atelier",
        "Atelier du 12 mars (exemple)",
        "",
        "dimension",
        "",
        "water",
        0,
    ),
    (
        "Irriguer les maraîchers de la plaine depuis la nappe",
        "participant",
        "Contribution en ligne (exemple)",
        "Un maraîcher (exemple)",
        "scenario",
        "Sécheresses estivales",
        "food",
        1,
    ),
    (
        "Créer une retenue collinaire pour l'irrigation",
        "participant",
        "Contribution en ligne (exemple)",
        "",
        "scenario",
        "Sécheresses estivales",
        "food",
        1,
    ),
    (
        "Légumerie intercommunale pour la restauration scolaire",
        "equipe",
        "",
        "Sophie (exemple)",
        "dimension",
        "",
        "food",
        1,
    ),
    (
        "Une cuisine centrale qui achète local pour les cantines",
        "atelier",
        "Atelier du 12 mars (exemple)",
        "",
        "dimension",
        "",
        "food",
        1,
    ),
    (
        "Installer de jeunes maraîchers sur des terres intercommunales",
        "atelier",
        "Atelier du 2 avril (exemple)",
        "",
        "dimension",
        "",
        "food",
        1,
    ),
    (
        "Jardins partagés au pied des immeubles",
        "participant",
        "Boîte à idées (exemple)",
        "",
        "dimension",
        "",
        "social_equity",
        1,
    ),
    (
        "Réseau de chaleur bois pour les quartiers de Villefontaine",
        "equipe",
        "",
        "",
        "dimension",
        "",
        "energy",
        2,
    ),
    (
        "Chaufferie bois collective dans les quartiers",
        "atelier",
        "Atelier du 2 avril (exemple)",
        "",
        "dimension",
        "",
        "energy",
        2,
    ),
    (
        "Rénover les logements passoires du parc social",
        "equipe",
        "",
        "Sophie (exemple)",
        "vulnerabilite",
        "Précarité énergétique",
        "housing",
        2,
    ),
    (
        "Photovoltaïque sur les toits des zones d'activité",
        "atelier",
        "Atelier du 2 avril (exemple)",
        "",
        "dimension",
        "",
        "climate_change",
        2,
    ),
    (
        "Transport à la demande pour les communes rurales",
        "participant",
        "Boîte à idées (exemple)",
        "",
        "dimension",
        "",
        "networks",
        2,
    ),
    (
        "Pistes cyclables entre Bourgoin-Jallieu et Villefontaine",
        "atelier",
        "Atelier du 12 mars (exemple)",
        "",
        "dimension",
        "",
        "air_pollution",
        2,
    ),
    (
        "Vélo-route Bourgoin – Villefontaine",
        "participant",
        "Boîte à idées (exemple)",
        "",
        "dimension",
        "",
        "air_pollution",
        2,
    ),
    (
        "Îlots de fraîcheur dans les cours d'école",
        "atelier",
        "Atelier du 12 mars (exemple)",
        "",
        "scenario",
        "Canicules",
        "health",
        3,
    ),
    (
        "Végétaliser les cours d'école contre la chaleur",
        "participant",
        "Boîte à idées (exemple)",
        "",
        "scenario",
        "Canicules",
        "health",
        3,
    ),
    (
        "Registre des personnes isolées en cas de canicule",
        "equipe",
        "",
        "",
        "vulnerabilite",
        "Personnes âgées isolées",
        "social_support",
        3,
    ),
    (
        "Réserve communale de sécurité civile",
        "atelier",
        "Atelier du 2 avril (exemple)",
        "",
        "dimension",
        "",
        "peace_justice",
        3,
    ),
    (
        "Budget participatif résilience",
        "participant",
        "Boîte à idées (exemple)",
        "",
        "dimension",
        "",
        "political_voice",
        3,
    ),
    (
        "Désimperméabiliser les parkings des zones commerciales",
        "equipe",
        "",
        "",
        "dimension",
        "",
        "land_conversion",
        4,
    ),
    (
        "Restaurer les zones humides de la Bourbre",
        "atelier",
        "Atelier du 2 avril (exemple)",
        "",
        "dimension",
        "",
        "biodiversity",
        4,
    ),
    (
        "Planter des haies dans la plaine agricole",
        "participant",
        "Contribution en ligne (exemple)",
        "",
        "dimension",
        "",
        "biodiversity",
        4,
    ),
    (
        "Zone d'activité logistique sur des terres agricoles",
        "participant",
        "Contribution en ligne (exemple)",
        "Un chef d'entreprise (exemple)",
        "dimension",
        "",
        "income_work",
        4,
    ),
    (
        "Embouteillage d'eau de source pour créer des emplois",
        "participant",
        "Contribution en ligne (exemple)",
        "",
        "dimension",
        "",
        "income_work",
        0,
    ),
    (
        "Sensibiliser les habitants aux économies d'eau",
        "equipe",
        "",
        "",
        "dimension",
        "",
        "freshwater",
        0,
    ),
    (
        "Un espace test agricole pour former de nouveaux paysans",
        "atelier",
        "Atelier du 2 avril (exemple)",
        "",
        "dimension",
        "",
        "education",
        1,
    ),
    ("Cartographier les îlots de chaleur", "equipe", "", "", "scenario", "Canicules", "health", 3),
)
# (index kept, indices merged into it)
MERGES = ((0, (1,)), (6, (7,)), (10, (11,)), (15, (16,)))
# (idea indices, action title, effects today, effects under TRACC +4 °C)
ACTIONS: tuple[tuple[tuple[int, ...], str, dict[str, int], dict[str, int]], ...] = (
    (
        (0,),
        "Récupérer l'eau de pluie des bâtiments publics",
        {"freshwater": 1, "water": 1, "climate_change": 0},
        {},
    ),
    (
        (2,),
        "Réduire les fuites du réseau d'eau potable",
        {"freshwater": 2, "water": 2, "income_work": 0},
        {},
    ),
    (
        (4,),
        "Irriguer les maraîchers depuis la nappe",
        {"food": 2, "income_work": 1, "freshwater": -2, "biodiversity": -1},
        {"food": -1},
    ),
    (
        (6,),
        "Légumerie intercommunale pour les cantines",
        {"food": 2, "income_work": 1, "health": 1, "climate_change": 1},
        {},
    ),
    (
        (8, 28),
        "Installer de jeunes maraîchers (espace test agricole)",
        {"food": 2, "income_work": 1, "education": 1, "land_conversion": 1, "freshwater": -1},
        {},
    ),
    (
        (10,),
        "Réseau de chaleur bois à Villefontaine",
        {"energy": 2, "climate_change": 2, "air_pollution": -1, "biodiversity": -1},
        {},
    ),
    (
        (12,),
        "Rénover les passoires du parc social",
        {"housing": 2, "energy": 2, "health": 1, "climate_change": 1, "social_equity": 1},
        {},
    ),
    (
        (14,),
        "Transport à la demande pour les communes rurales",
        {"networks": 2, "social_equity": 1, "climate_change": -1},
        {},
    ),
    (
        (15,),
        "Vélo-route Bourgoin-Jallieu – Villefontaine",
        {"health": 1, "air_pollution": 1, "climate_change": 1, "land_conversion": -1},
        {},
    ),
    (
        (17, 18, 29),
        "Îlots de fraîcheur dans les cours d'école",
        {"health": 2, "education": 1, "biodiversity": 1, "freshwater": -1},
        {"freshwater": -2},
    ),
    (
        (19,),
        "Registre des personnes isolées et veille canicule",
        {"health": 2, "social_equity": 1, "peace_justice": 1},
        {},
    ),
    (
        (23, 24),
        "Restaurer les zones humides et planter des haies",
        {"biodiversity": 2, "freshwater": 1, "nitrogen_phosphorus": 1, "food": -1},
        {},
    ),
)
POLICIES = (
    (
        "PLUi-H en cours de révision",
        "Plan local d'urbanisme intercommunal valant programme local de l'habitat (exemple).",
        {"land_conversion": 1, "housing": 1, "biodiversity": 1, "income_work": -1},
    ),
    (
        "Zone d'activité logistique de la plaine (projet)",
        "Extension d'une zone d'activité sur 40 ha de terres agricoles (exemple).",
        {"income_work": 2, "land_conversion": -2, "biodiversity": -1, "freshwater": -1, "food": -1},
    ),
)
JUSTIFICATIONS = {
    1: "Effet attendu, à confirmer par le suivi (exemple).",
    2: "Effet direct et important selon l'équipe (exemple).",
    -1: "Effet indirect défavorable signalé en atelier (exemple).",
    -2: "Pression forte sur la ressource en été (exemple).",
    0: "",
}
# name, weight, direction, function, q, p, from grid; then one value per action (in order)
CRITERIA = (
    ("Effet de résilience", 3, "max", "usual", 0, 0, True, ()),
    (
        "Coût (k€)",
        2,
        "min",
        "linear",
        50,
        400,
        False,
        (120, 900, 250, 600, 300, 2500, 4000, 350, 1800, 450, 30, 500),
    ),
    ("Faisabilité (1 à 5)", 2, "max", "usual", 0, 0, False, (5, 3, 4, 3, 3, 2, 3, 4, 3, 4, 5, 3)),
    (
        "Délai (mois)",
        1,
        "min",
        "linear",
        3,
        24,
        False,
        (6, 24, 12, 18, 12, 36, 48, 9, 30, 12, 3, 24),
    ),
    (
        "Justice sociale (1 à 5)",
        2,
        "max",
        "usual",
        0,
        0,
        False,
        (2, 3, 2, 4, 3, 3, 5, 5, 3, 4, 5, 2),
    ),
    (
        "Effet sur le vivant (−2 à +2)",
        1,
        "max",
        "usual",
        0,
        0,
        False,
        (1, 1, -2, 0, 1, -1, 0, 0, 0, 1, 0, 2),
    ),
)
# central grade (0 … 6) of each action in the vote; ballots vary around it
VOTE_CENTRES = (4, 5, 2, 5, 4, 3, 6, 4, 3, 5, 5, 4)


def build(approach: Approach) -> None:
    """Add this app's demo content to a freshly created demo démarche."""
    user = approach.created_by
    themes = [
        Theme.objects.create(approach=approach, name=n, order=i) for i, n in enumerate(THEMES)
    ]
    ideas = [
        Idea.objects.create(
            approach=approach,
            text=text,
            source=source,
            source_label=label,
            proposer=proposer,
            answers=answers,
            answers_detail=detail,
            dimension_code=dimension,
            theme=themes[theme],
        )
        for text, source, label, proposer, answers, detail, dimension, theme in IDEAS
    ]
    for kept, merged in MERGES:
        services.merge_ideas(ideas[kept], [ideas[i] for i in merged])
    actions = []
    for indices, title, today, hot in ACTIONS:
        action = services.retain_ideas([ideas[i] for i in indices], title=title, user=user)
        _evaluate(action, today, "")
        _evaluate(action, hot, "TRACC +4 °C en 2100")
        actions.append(action)
    for title, description, effects in POLICIES:
        policy = Action.objects.create(
            approach=approach,
            kind=Action.Kind.POLICY,
            title=title,
            description=description,
            theme=themes[4],
            created_by=user,
        )
        _evaluate(policy, effects, "")
    services.record_evaluations(
        approach,
        actions[7],
        [
            {"networks": 2, "social_equity": 1, "climate_change": -1},
            {"networks": 1, "social_equity": 2, "climate_change": 0},
            {"networks": 2, "social_equity": 1},
        ],
        source="Atelier du 2 avril (exemple)",
    )
    for order, (name, weight, direction, function, q, p, from_grid, values) in enumerate(CRITERIA):
        criterion = Criterion.objects.create(
            approach=approach,
            name=name,
            weight=weight,
            direction=direction,
            function=function,
            q=q,
            p=p,
            from_grid=from_grid,
            order=order,
        )
        CriterionValue.objects.bulk_create(
            CriterionValue(criterion=criterion, action=a, value=v)
            for a, v in zip(actions, values, strict=False)
        )
    rng = random.Random(2026)  # noqa: S311 — illustrative ballots, not security
    ballots = [
        {
            a.pk: max(0, min(6, centre + rng.choice((-2, -1, -1, 0, 0, 0, 1, 1, 2))))
            for a, centre in zip(actions, VOTE_CENTRES, strict=True)
        }
        for _ in range(40)
    ]
    services.record_ballots(approach, ballots, source="Forum citoyen du 15 mai (exemple)")
    _paper_tally(approach, actions, rng)
    _water_conflict(approach, actions)
    _budget(approach, actions)


def _paper_tally(approach: Approach, actions: list[Action], rng: random.Random) -> None:
    """Twelve paper ballots of a public meeting, counted per action and grade; the last
    two actions were left blank on two of them (absent grades)."""
    tally = PaperTally.objects.create(
        approach=approach, label="Urne papier de la réunion publique du 22 mai (exemple)", voters=12
    )
    counts: dict[tuple[int, int], int] = {}
    for index, (action, centre) in enumerate(zip(actions, VOTE_CENTRES, strict=True)):
        for _ in range(10 if index >= len(actions) - 2 else 12):
            grade = max(0, min(6, centre + rng.choice((-2, -1, -1, 0, 0, 0, 1, 1, 2))))
            counts[(action.pk, grade)] = counts.get((action.pk, grade), 0) + 1
    TallyCount.objects.bulk_create(
        TallyCount(tally=tally, action_id=action, grade=grade, count=n)
        for (action, grade), n in counts.items()
    )


def _evaluate(action: Action, effects: dict[str, int], scenario: str) -> None:
    bulk_create_with_history(  # each effect's first state, to compare and revert to
        [
            Evaluation(
                action=action,
                dimension_code=code,
                scenario=scenario,
                effect=effect,
                justification=(
                    JUSTIFICATIONS[effect] if not scenario else "Sous TRACC +4 °C (exemple)."
                ),
                confidence=Evaluation.Confidence.MEDIUM if effect else Evaluation.Confidence.LOW,
            )
            for code, effect in effects.items()
        ],
        Evaluation,
    )


def _water_conflict(approach: Approach, actions: list[Action]) -> None:
    water = ContestedResource.objects.create(
        approach=approach,
        name="Eau de la nappe de la Bourbre en été",
        kind=ContestedResource.Kind.WATER,
        description=(
            "En été, les prélèvements pour l'eau potable, l'irrigation et l'industrie se "
            "concentrent quand la nappe est au plus bas ; les arrêtés sécheresse se répètent "
            "(situation illustrative)."
        ),
    )
    for use, actors, claim in (
        (
            "Eau potable",
            "Service de l'eau, habitants",
            "Garantir l'alimentation en eau potable, y compris en canicule.",
        ),
        (
            "Irrigation maraîchère",
            "Maraîchers de la plaine, chambre d'agriculture",
            "Irriguer en juillet-août pour maintenir la production locale.",
        ),
        (
            "Usages industriels",
            "Entreprises de la zone d'activité",
            "Sécuriser les volumes prélevés pour les procédés.",
        ),
        (
            "Milieux aquatiques",
            "Syndicat de rivière, association de pêche",
            "Maintenir un débit minimal dans la Bourbre et les zones humides.",
        ),
    ):
        water.uses.create(use=use, actors=actors, claim=claim)
    options = [
        water.options.create(title=title, description=description)
        for title, description in (
            (
                "Quotas d'été par usage",
                "Volumes plafonnés de juillet à septembre, eau potable prioritaire.",
            ),
            (
                "Retenue collinaire",
                "Stocker l'eau d'hiver pour l'irrigation (impact sur les milieux à étudier).",
            ),
            (
                "Sobriété et réutilisation",
                "Réduire les fuites, récupérer l'eau de pluie, réutiliser les eaux traitées.",
            ),
        )
    ]
    water.actions.set([actions[0], actions[1], actions[2], actions[4], actions[9]])
    Arbitration.objects.create(
        resource=water,
        criteria=(
            "Priorité à l'eau potable et aux milieux ; maintien d'une production maraîchère "
            "locale ; équité entre usagers ; réversibilité."
        ),
        decided_by="Bureau communautaire, après la commission eau (exemple)",
        decided_on=date(2027, 11, 18),
        option=options[0],
        decision=(
            "Quotas d'été par usage dès 2028, accompagnés du programme de réduction des fuites "
            "et de la récupération d'eau de pluie ; la retenue collinaire n'est pas retenue."
        ),
        rationale=(
            "Les quotas protègent l'eau potable et le débit de la Bourbre tout en laissant un "
            "volume garanti aux maraîchers ; la retenue déplacerait la pression sur les milieux "
            "et reste irréversible (exemple)."
        ),
    )


# Estimated cost of each action, in euros (in order): the « Coût (k€) » criterion's values.
COSTS_KEUR = dict(zip(range(12), CRITERIA[1][7], strict=True))


def _budget(approach: Approach, actions: list[Action]) -> None:
    """Costs on the fiches, and a choice within 1.2 M€: the heat-wave register must be in,
    irrigating from the aquifer and restoring the wetlands exclude each other."""
    for i, action in enumerate(actions):
        action.cost = COSTS_KEUR[i] * 1000
        action.save(update_fields=["cost"])
    setting = BudgetSetting.objects.create(
        approach=approach, budget=1_200_000, benefit=BudgetSetting.Benefit.GRID
    )
    setting.required.set([actions[10]])
    ActionLink.objects.create(
        approach=approach, source=actions[2], kind=ActionLink.Kind.EXCLUDES, target=actions[11]
    )
