"""Demo content of portrait for the demo démarche (illustrative, labelled as such).

Real: the official figures computed from the territory data (population, density, number of
communes, area of the CAPI, of the Isère, of Auvergne-Rhône-Alpes and of France).
Illustrative: every other indicator value (flagged `illustrative`, shown with a badge and
named as such in their source), the scoring session's answers and the team's strengths and
weaknesses. The sources named are where a real démarche would find each figure.
"""

from __future__ import annotations

import datetime
from typing import Any

from simple_history.utils import bulk_create_with_history

from ressort.approaches.models import Approach
from ressort.frameworks.models import FrameworkVersion
from ressort.portrait import services
from ressort.portrait.models import Direction, Indicator, IndicatorValue, Reading, Scope

ILLUSTRATIVE = "Valeurs illustratives (démonstration) — à remplacer par : "

# code, name, unit, direction, dimensions, floor, ceiling, target, where the real figure is,
# values 2016…2024 (None = not measured that year)
INDICATORS: list[tuple[Any, ...]] = [
    (
        "pauvrete",
        "Taux de pauvreté monétaire",
        "%",
        Direction.LOWER,
        ["income_work", "social_equity"],
        12.0,
        None,
        10.0,
        "INSEE, Filosofi (taux de pauvreté au seuil de 60 %)",
        [11.2, 11.4, 11.9, 12.1, 12.8, 12.6, 12.9, 13.1, None],
    ),
    (
        "chomage",
        "Taux de chômage (au sens du recensement)",
        "%",
        Direction.LOWER,
        ["income_work"],
        10.0,
        None,
        7.0,
        "INSEE, recensement de la population",
        [10.9, 10.6, 10.1, 9.8, 10.2, 9.5, 9.1, 8.8, 8.9],
    ),
    (
        "medecins",
        "Médecins généralistes pour 10 000 habitants",
        "méd./10 000 hab.",
        Direction.HIGHER,
        ["health"],
        8.0,
        None,
        9.0,
        "DREES, accessibilité potentielle localisée (APL)",
        [7.9, 7.7, 7.4, 7.2, 7.0, 6.8, 6.7, 6.5, 6.4],
    ),
    (
        "logement-suroccupe",
        "Résidences principales suroccupées",
        "%",
        Direction.LOWER,
        ["housing"],
        5.0,
        None,
        4.0,
        "INSEE, recensement (logements suroccupés)",
        [5.6, None, 5.4, None, 5.3, None, 5.1, None, 5.0],
    ),
    (
        "precarite-energetique",
        "Ménages en précarité énergétique (logement)",
        "%",
        Direction.LOWER,
        ["energy", "housing"],
        10.0,
        None,
        8.0,
        "ONPE, Géodip",
        [None, None, 11.8, None, None, 12.4, None, 13.0, None],
    ),
    (
        "eau-conforme",
        "Population desservie par une eau conforme",
        "%",
        Direction.HIGHER,
        ["water"],
        99.0,
        None,
        100.0,
        "ARS, contrôle sanitaire des eaux (SISE-Eaux)",
        [99.6, 99.5, 99.7, 99.4, 99.5, 99.6, 99.3, 99.5, 99.6],
    ),
    (
        "participation",
        "Participation aux élections municipales",
        "%",
        Direction.HIGHER,
        ["political_voice"],
        50.0,
        None,
        60.0,
        "Ministère de l'Intérieur, résultats électoraux",
        [None, None, None, None, 38.4, None, None, None, None],
    ),
    (
        "ges-habitant",
        "Émissions de gaz à effet de serre par habitant",
        "tCO₂e/hab.",
        Direction.LOWER,
        ["climate_change"],
        None,
        2.0,
        4.5,
        "Observatoire régional climat air énergie (ORCAE), inventaire territorial",
        [7.9, 7.8, 7.6, 7.4, 6.7, 7.1, 6.9, 6.6, None],
    ),
    (
        "artificialisation",
        "Surfaces naturelles, agricoles et forestières consommées par an",
        "ha/an",
        Direction.LOWER,
        ["land_conversion", "biodiversity"],
        None,
        40.0,
        20.0,
        "Cerema, portail de l'artificialisation des sols",
        [72.0, 65.0, 61.0, 58.0, 49.0, 52.0, 44.0, 39.0, None],
    ),
    (
        "prelevements-eau",
        "Prélèvements d'eau rapportés à la ressource disponible en été",
        "%",
        Direction.LOWER,
        ["freshwater"],
        None,
        40.0,
        30.0,
        "BNPE (prélèvements) et étude volumes prélevables du bassin",
        [34.0, 36.0, 38.0, 41.0, 39.0, 37.0, 46.0, 44.0, 43.0],
    ),
    (
        "no2",
        "Concentration moyenne annuelle en dioxyde d'azote",
        "µg/m³",
        Direction.LOWER,
        ["air_pollution"],
        None,
        10.0,
        10.0,
        "Atmo Auvergne-Rhône-Alpes",
        [21.0, 20.0, 19.5, 18.0, 15.5, 16.0, 15.0, 14.2, 13.8],
    ),
    (
        "bio-sau",
        "Part de la surface agricole en agriculture biologique",
        "%",
        Direction.HIGHER,
        ["food", "chemical_pollution"],
        None,
        None,
        25.0,
        "Agence Bio, surfaces certifiées",
        [6.1, 6.9, 7.8, 8.6, 9.9, 10.8, 11.2, 11.0, 11.3],
    ),
]
YEARS = list(range(2016, 2025))

# Scores 0–4 (None = « je ne sais pas ») per participant: written out for a few Boussole
# questions, and for the others drawn around a level per principle (illustrative).
PRINCIPLE_LEVELS = {"P1": 2, "P2": 3, "P3": 2, "P4": 2, "P5": 1, "P6": 2}
OFFSETS = [(0, -1, 1, 0, 0, 1), (1, 0, 0, -1, 0, 0), (0, 0, -1, 1, 1, -1)]
ANSWERS = {
    "Q1.1.a": [1, 2, 1, 2, None, 3],
    "Q1.1.b": [2, 2, 3, 2, 2, 2],
    "Q1.2.a": [1, 3, 0, 4, 2, 1],
    "Q1.2.b": [1, 1, 2, None, 1, 1],
    "Q1.3.a": [2, 1, 2, 2, 1, 2],
    "Q1.3.b": [1, 2, 1, 1, None, 2],
    "Q2.1.a": [3, 3, 2, 3, 4, 3],
    "Q2.1.b": [3, 2, 3, 3, 3, 2],
}
COMMENTS = {
    ("Q1.2.a", "P3"): "Le syndicat de rivière travaille avec nous, les voisins beaucoup moins.",
    ("Q1.2.a", "P4"): "La coopération avec le département sur les routes est exemplaire.",
    ("Q1.1.a", "P1"): "Les habitants sont consultés, rarement associés aux décisions.",
    ("Q2.1.a", "P5"): "La mémoire des crues de la Bourbre reste vive dans les communes.",
}

READINGS = [
    (
        Reading.Kind.STRENGTH,
        "political_voice",
        "Un tissu associatif dense et des conseils de quartier actifs dans les communes "
        "urbaines : des relais pour associer les habitants (exemple).",
    ),
    (
        Reading.Kind.STRENGTH,
        "air_pollution",
        "La qualité de l'air s'améliore nettement depuis dix ans (exemple).",
    ),
    (
        Reading.Kind.WEAKNESS,
        "health",
        "La désertification médicale progresse dans les communes rurales du nord du "
        "territoire (exemple).",
    ),
    (
        Reading.Kind.WEAKNESS,
        "freshwater",
        "Les étés secs tendent la ressource en eau : la nappe de la Bourbre est sollicitée "
        "au-delà du volume prélevable (exemple).",
    ),
]


def _scores(version: FrameworkVersion) -> dict[str, list[int | None]]:
    """Every question of the Boussole: the written-out answers, else the principle's level
    shifted by a fixed pattern per participant, with a « je ne sais pas » now and then."""
    result: dict[str, list[int | None]] = {}
    for n, question in enumerate(services.grid_questions(version)):
        if question.code in ANSWERS:
            result[question.code] = list(ANSWERS[question.code])
            continue
        level = PRINCIPLE_LEVELS.get("P" + question.code[1:2], 2)
        scores: list[int | None] = [
            max(0, min(4, level + offset)) for offset in OFFSETS[n % len(OFFSETS)]
        ]
        if n % 4 == 1:
            scores[4] = None
        result[question.code] = scores
    return result


def build(approach: Approach) -> None:
    """Add this app's demo content to a freshly created demo démarche."""
    services.sync_official_indicators(approach)
    for code, name, unit, direction, dims, floor, ceiling, target, where, series in INDICATORS:
        indicator = Indicator.objects.create(
            approach=approach,
            code=code,
            name=name,
            unit=unit,
            source=ILLUSTRATIVE + where,
            year=max(y for y, v in zip(YEARS, series, strict=True) if v is not None),
            direction=direction,
            social_floor=floor,
            ecological_ceiling=ceiling,
            target=target,
            dimension_codes=dims,
            illustrative=True,
            description="Indicateur de démonstration : les valeurs sont inventées.",
        )
        bulk_create_with_history(  # each value's first state, to compare and revert to
            [
                IndicatorValue(
                    indicator=indicator,
                    scope=Scope.PERIMETER,
                    year=year,
                    value=value,
                    illustrative=True,
                    source_note="Valeur illustrative",
                )
                for year, value in zip(YEARS, series, strict=True)
                if value is not None
            ],
            IndicatorValue,
        )
    version = FrameworkVersion.objects.filter(
        framework__code="boussole", framework__approach=None, is_current=True
    ).first()
    if version is not None:
        answers = [
            {
                "question": question,
                "score": score,
                "participant": f"P{i + 1}",
                "comment": COMMENTS.get((question, f"P{i + 1}"), ""),
            }
            for question, scores in _scores(version).items()
            for i, score in enumerate(scores)
        ]
        session = services.record_grid_answers(
            approach,
            version,
            answers,
            source="Atelier d'analyse Boussole avec les élus et les services (exemple)",
            category="élus et agents",
        )
        session.held_on = datetime.date(2026, 3, 12)
        session.notes = (
            "Séance illustrative : six participants, toutes les questions de la Boussole."
        )
        session.save(update_fields=["held_on", "notes"])
    Reading.objects.bulk_create(
        Reading(approach=approach, kind=kind, dimension_code=code, text=text)
        for kind, code, text in READINGS
    )
    _link_field_evidence(approach)


def _link_field_evidence(approach: Approach) -> None:
    """Tie each vulnerability and resource of the field inventory (built before the
    portrait) to three at most of the indicators that inform one of its dimensions."""
    indicators = list(approach.indicators.all())
    for item in [*approach.vulnerabilities.all(), *approach.resources.all()]:
        codes = set(item.dimensions)
        matching = [i for i in indicators if codes & set(i.dimension_codes or [])]
        if matching:
            item.indicators.set(matching[:3])
