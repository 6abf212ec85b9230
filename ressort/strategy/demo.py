"""Demo content of strategy for the demo démarche (illustrative, labelled as such).

Runs after the actions demo: the démarche's actions (the first twelve) get a sheet under
one of seven objectives, chosen by keywords of their titles. If the actions demo provided
fewer than twelve, the missing ones are added from DEMO_ACTIONS. Pilots, budgets, dates and
statuses are illustrative; dates are relative to the current year so that the plan always
shows actions under way, one late and one over budget.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from ressort.approaches.models import Approach
from ressort.strategy import services
from ressort.strategy.models import (
    ActionSheet,
    BudgetLine,
    Funding,
    Milestone,
    Objective,
    SheetIndicator,
    StrategyStatement,
)
from ressort.systems.models import Vision

# The vision written when the systems demo has not written one (see `_vision`).
VISION = (
    "En 2050, la Porte de l'Isère est un territoire qui garde de l'eau en été, où l'on "
    "trouve de la fraîcheur à moins de dix minutes à pied, qui se nourrit pour une bonne "
    "part de ses propres terres et de ses haies retrouvées, qui consomme moitié moins "
    "d'énergie fossile et où personne n'est laissé seul face à une crise. (Texte "
    "illustratif de la démarche de démonstration.)"
)

AXES: list[tuple[str, str, list[tuple[str, list[str], str, tuple[str, ...]]]]] = [
    (
        "Préserver l'eau et s'adapter aux fortes chaleurs",
        "Sécheresses plus longues et canicules plus fréquentes : garder l'eau et la fraîcheur.",
        [
            (
                "Sécuriser la ressource en eau",
                ["water", "freshwater"],
                "Une eau disponible pour tous les usages, même lors des étés secs.",
                ("eau", "fuite", "pluie", "nappe", "captage", "irrigation"),
            ),
            (
                "Rafraîchir la ville et protéger les plus fragiles",
                ["health", "climate_change", "social_equity"],
                "La fraîcheur accessible à tous, d'abord aux personnes vulnérables.",
                ("canicule", "fraîch", "ombr", "végétal", "cour", "îlot"),
            ),
        ],
    ),
    (
        "Se nourrir et produire localement en préservant le vivant",
        "Moins dépendre des approvisionnements lointains, restaurer sols et haies.",
        [
            (
                "Relocaliser l'alimentation",
                ["food", "income_work"],
                "Une part croissante de l'alimentation produite sur le territoire.",
                ("aliment", "cantine", "maraîch", "agricult", "circuit", "ferme", "repas"),
            ),
            (
                "Restaurer les continuités écologiques",
                ["biodiversity", "land_conversion"],
                "Des haies, des zones humides et des sols vivants qui protègent aussi.",
                ("haie", "biodiv", "trame", "humide", "arbre", "forêt", "renatur"),
            ),
        ],
    ),
    (
        "Sobriété, énergies renouvelables et solidarités",
        "Réduire la facture et la dépendance énergétiques ; se préparer ensemble aux crises.",
        [
            (
                "Réduire les consommations et produire renouvelable",
                ["energy", "climate_change"],
                "Des logements et bâtiments sobres, une énergie produite localement.",
                ("énerg", "rénov", "solaire", "photovolt", "chauff", "chaleur", "bois", "isol"),
            ),
            (
                "Se déplacer autrement",
                ["networks", "air_pollution", "climate_change"],
                "Des alternatives à la voiture individuelle pour les trajets du quotidien.",
                ("mobilit", "vélo", "covoitur", "transport", "bus", "déplac"),
            ),
            (
                "Préparer la population aux crises",
                ["social_equity", "political_voice", "housing"],
                "Chacun sait quoi faire et sur qui compter en cas de crise.",
                ("risque", "inond", "crise", "solidar", "vulnérab", "réemploi", "répar", "alerte"),
            ),
        ],
    ),
]

DEMO_ACTIONS = [
    ("Réduire les fuites des réseaux d'eau potable", "Sectoriser et renouveler les réseaux."),
    ("Récupérer l'eau de pluie des bâtiments publics", "Cuves pour l'arrosage et les services."),
    ("Désimperméabiliser et végétaliser les cours d'école", "Des îlots de fraîcheur ouverts."),
    ("Plan canicule : registre et lieux frais", "Repérer les personnes isolées, ouvrir des lieux."),
    ("Approvisionnement local des cantines", "Projet alimentaire territorial, restauration."),
    ("Espace test agricole pour de nouveaux maraîchers", "Du foncier et un accompagnement."),
    ("Plantation de haies bocagères", "Avec les agriculteurs et les communes volontaires."),
    ("Rénovation énergétique des logements modestes", "Un guichet unique et des aides."),
    ("Centrales solaires citoyennes sur les toits publics", "Une société locale d'énergie."),
    ("Covoiturage domicile-travail et lignes express", "Avec les employeurs des parcs d'activité."),
    ("Culture du risque inondation le long de la Bourbre", "Repères de crue, exercices."),
    ("Tiers-lieu de la réparation et du réemploi", "Ateliers, recyclerie, emplois d'insertion."),
]

# The pilot service of each objective, in the order of AXES.
SERVICES = [
    ("Service eau et assainissement", "Claire Dumas", "eau"),
    ("Direction de l'aménagement", "Hugo Perrin", "amenagement"),
    ("Direction de la restauration collective", "Marc Chevalier", "restauration"),
    ("Service environnement", "Léa Garnier", "environnement"),
    ("Service énergie-climat", "Sofia Benali", "energie"),
    ("Service mobilités", "Julien Roux", "mobilites"),
    ("Service prévention des risques", "Thomas Morel", "risques"),
]
ELUS = [
    "Vice-président·e eau et assainissement",
    "Vice-président·e transition écologique",
    "Vice-président·e agriculture et alimentation",
    "Vice-président·e solidarités",
]
PARTNERS = [
    "Agence de l'eau Rhône Méditerranée Corse ; communes",
    "Chambre d'agriculture de l'Isère ; associations locales",
    "ALEC ; bailleurs sociaux",
    "Département de l'Isère ; associations de quartier",
]


@dataclass(frozen=True)
class Plan:
    """Illustrative follow-up of the i-th sheet (relative to this year Y)."""

    status: str
    progress: int
    start: tuple[int, int]  # (year offset, month)
    end: tuple[int, int]
    budget: int  # planned per year, €
    spent_ratio: float  # of the past years' planned amount


PLANS = [
    Plan("engagee", 45, (-1, 3), (2, 12), 120_000, 0.9),
    Plan("engagee", 60, (-1, 9), (1, 3), 30_000, 1.0),
    Plan("planifiee", 10, (0, 6), (2, 8), 80_000, 0.0),
    Plan("realisee", 100, (-2, 5), (-1, 9), 15_000, 1.0),
    Plan("engagee", 35, (-1, 1), (3, 6), 40_000, 0.8),
    Plan("planifiee", 5, (0, 9), (3, 12), 60_000, 0.0),
    Plan("engagee", 50, (-2, 11), (1, 3), 25_000, 1.35),  # over budget
    Plan("engagee", 20, (-2, 1), (-1, 12), 90_000, 0.6),  # LATE: past its end, still open
    Plan("idee", 0, (1, 1), (3, 12), 0, 0.0),
    Plan("planifiee", 0, (0, 11), (2, 6), 35_000, 0.0),
    Plan("engagee", 70, (-1, 4), (1, 10), 10_000, 0.7),
    Plan("abandonnee", 10, (-1, 2), (0, 6), 20_000, 0.2),
]
LATE = 7


def _user() -> Any:
    return get_user_model().objects.filter(email="cheffe.projet@demo.ressort.fr").first()


def _vision(approach: Approach) -> None:
    """The strategy serves the shared vision (systems demo, page « Vision »); write one only
    where the démarche has none yet."""
    vision, _ = Vision.objects.get_or_create(approach=approach)
    if not vision.text.strip():
        vision.text = VISION
        vision.horizon_year = vision.horizon_year or 2050
        vision.save()


def _day(year: int, offset_month: tuple[int, int], last: bool = False) -> date:
    offset, month = offset_month
    return date(year + offset, month, 28 if last else 1)


@transaction.atomic
def build(approach: Approach) -> None:
    """Add this app's demo content to a freshly created demo démarche."""
    if approach.strategic_axes.exists():
        return
    user = _user()
    statement = StrategyStatement(
        approach=approach,
        title="Stratégie de résilience de la Porte de l'Isère",
        preamble=(
            "Trois axes, sept objectifs opérationnels et douze actions issues des ateliers "
            "(contenu illustratif de la démarche de démonstration)."
        ),
    )
    services._set_user(statement, user)
    statement.save()
    _vision(approach)
    objectives: list[tuple[Objective, tuple[str, ...]]] = []
    for title, description, items in AXES:
        axis = services.add_axis(approach, title, description, user=user)
        for obj_title, gaps, link, keywords in items:
            objective = services.add_objective(
                axis, obj_title, vision_link=link, gap_codes=gaps, user=user
            )
            objectives.append((objective, keywords))
    actions = _demo_actions(approach, user)
    year = timezone.localdate().year
    communes = list(approach.communes.order_by("-population").values_list("code", flat=True))
    for i, action in enumerate(actions):
        objective = _objective_for(action.title, objectives, i)
        position = [o for o, _k in objectives].index(objective)
        _sheet(approach, action, objective, i, year, communes, user, SERVICES[position])
    _partner_comment(approach)


def _partner_comment(approach: Approach) -> None:
    """A partner's remark on the first action: commenting is all a partner may do there."""
    from ressort.approaches.models import Role
    from ressort.strategy.models import ActionSheet, Comment

    partner = approach.memberships.filter(role=Role.PARTNER).select_related("user").first()
    sheet = ActionSheet.objects.filter(approach=approach).order_by("pk").first()
    if partner and sheet:
        Comment.objects.create(
            approach=approach,
            sheet=sheet,
            author=partner.user,
            text="La chambre d'agriculture peut co-animer les rencontres avec les exploitants "
            "(commentaire d'exemple).",
        )


def _demo_actions(approach: Approach, user: Any) -> list[Any]:
    from ressort.actions.models import Action

    actions = list(
        Action.objects.filter(approach=approach, kind=Action.Kind.ACTION).order_by("pk")[:12]
    )
    titles = {a.title for a in actions}
    for title, description in DEMO_ACTIONS:
        if len(actions) >= 12:
            break
        if title not in titles:
            actions.append(
                Action.objects.create(
                    approach=approach, title=title, description=description, created_by=user
                )
            )
    return actions


def _objective_for(
    title: str, objectives: list[tuple[Objective, tuple[str, ...]]], index: int
) -> Objective:
    lowered = title.lower()
    for objective, keywords in objectives:
        # Keywords start a word: « eau » is not found in « nouveaux ».
        if any(re.search(rf"\b{re.escape(k)}", lowered) for k in keywords):
            return objective
    return objectives[index % len(objectives)][0]


def _sheet(
    approach: Approach,
    action: Any,
    objective: Objective,
    i: int,
    year: int,
    communes: list[str],
    user: Any,
    pilot: tuple[str, str, str],
) -> ActionSheet:
    plan = PLANS[i % len(PLANS)]
    service, person, mailbox = pilot
    some_communes = communes[i % 3 : i % 3 + 3] if i % 4 == 2 and communes else []
    sheet = services.create_sheet(
        approach,
        action=action,
        objective=objective,
        user=user,
        purpose=f"{objective.vision_link} (Objectif illustratif.)",
        pilot_service=service,
        pilot_name=f"{person} (fictif)",
        pilot_email=f"{mailbox}@demo.ressort.fr",
        elected_lead=ELUS[i % len(ELUS)],
        partners=PARTNERS[i % len(PARTNERS)],
        target_public="Habitant·es, en priorité les ménages modestes et les personnes isolées"
        if i % 2
        else "Communes, agriculteurs et entreprises du territoire",
        whole_territory=not some_communes,
        commune_codes=some_communes,
        start_date=_day(year, plan.start),
        end_date=_day(year, plan.end, last=True),
        status=plan.status,
        progress=plan.progress,
        prerequisites="Délibération du conseil communautaire ; accord des communes concernées.",
        risks="Retard des financements : phaser les travaux. Adhésion : associer les usagers.",
        skills="Conduite de projet, marchés publics, animation de la concertation.",
    )
    start, end = plan.start[0], plan.end[0]
    if plan.budget:
        for offset in range(start, end + 1):
            line_year = year + offset
            kind = "investissement" if offset % 2 == 0 else "fonctionnement"
            spent = plan.budget * plan.spent_ratio if offset < 0 or plan.status == "realisee" else 0
            line = BudgetLine(
                sheet=sheet,
                kind=kind,
                year=line_year,
                label="Travaux et équipements" if kind == "investissement" else "Animation",
                planned=Decimal(plan.budget),
                spent=Decimal(round(spent)),
            )
            services._set_user(line, user)
            line.save()
        for funder, kind, share, state in (
            ("Communauté d'agglomération", "autofinancement", 0.5, "acquis"),
            ("Agence de l'eau" if i < 4 else "Région Auvergne-Rhône-Alpes", "agence"
             if i < 4 else "region", 0.3, "sollicite"),
        ):  # fmt: skip
            funding = Funding(
                sheet=sheet,
                funder=funder,
                kind=kind,
                amount=Decimal(round(plan.budget * (end - start + 1) * share)),
                state=state,
            )
            services._set_user(funding, user)
            funding.save()
    first = _day(year, plan.start)
    last = _day(year, plan.end, last=True)
    middle = first + (last - first) / 2
    today = timezone.localdate()
    behind = i == LATE  # the one action left behind schedule on purpose
    for title, due, done in (
        ("Lancement (comité de pilotage)", first, first <= today),
        ("Point d'étape", middle, middle <= today and not behind),
        ("Bilan", last, plan.status == "realisee"),
    ):
        milestone = Milestone(sheet=sheet, title=title, due_date=due, done_on=due if done else None)
        services._set_user(milestone, user)
        milestone.save()
    _indicators(approach, sheet, objective, year, user)
    return sheet


def _indicators(
    approach: Approach, sheet: ActionSheet, objective: Objective, year: int, user: Any
) -> None:
    output = SheetIndicator(
        sheet=sheet,
        kind="realisation",
        label="Part des réalisations prévues effectuées",
        unit="%",
        baseline=0,
        baseline_year=year - 1,
        target=100,
        target_year=sheet.end_date.year if sheet.end_date else year + 2,
    )
    services._set_user(output, user)
    output.save()
    for indicator in approach.indicators.all():
        if set(indicator.dimension_codes or []) & set(objective.gap_codes):
            latest = indicator.values.order_by("-year").first()
            outcome = SheetIndicator(
                sheet=sheet,
                kind="resultat",
                indicator=indicator,
                baseline=latest.value if latest else None,
                baseline_year=latest.year if latest else None,
                target=indicator.target,
                target_year=2030 if indicator.target is not None else None,
            )
            services._set_user(outcome, user)
            outcome.save()
            break
