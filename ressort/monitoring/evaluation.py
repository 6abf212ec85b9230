"""The evaluation of the strategy at a date: realisation, effects on the indicators, the
portrait re-run with the new data beside the first one, and the team's lessons.

The Doughnut statuses come from portrait.services.doughnut_gaps(approach, year=…) and the
Boussole profile from portrait.services.boussole_profile(approach, until=…), once for the
reference year and once for the evaluation year.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from ressort.analysis import doughnut as dn
from ressort.analysis.typography import agree, number, percent, plural
from ressort.approaches.models import Approach
from ressort.documents import jobs
from ressort.documents.models import DocumentJob
from ressort.monitoring import dashboard, tracking
from ressort.monitoring.models import Evaluation
from ressort.strategy.models import SheetStatus

GAP_LABELS = dn.STATUS_LABELS
GAP_RANK = {
    dn.Status.SAFE: 0,
    dn.Status.SHORTFALL: 1,
    dn.Status.OVERSHOOT: 1,
    dn.Status.MISSING: None,
}
STATUS_LABELS = dict(SheetStatus.choices)


@dataclass(frozen=True)
class IndicatorEffect:
    indicator: Any
    before: tuple[int, float] | None  # latest value at or before the reference year
    after: tuple[int, float] | None  # latest value at or before the evaluation year
    track: tracking.IndicatorTrack | None

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None or self.after[0] == self.before[0]:
            return None
        return self.after[1] - self.before[1]

    @property
    def verdict(self) -> str:
        if self.change is None:
            return "Pas de comparaison possible"
        if self.change == 0:
            return "Stable"
        better = (self.change > 0) == (self.indicator.direction == "higher")
        return "En amélioration" if better else "En dégradation"


@dataclass(frozen=True)
class DimensionChange:
    code: str
    label: str
    before: str
    after: str

    @property
    def before_label(self) -> str:
        return GAP_LABELS.get(self.before, self.before)

    @property
    def after_label(self) -> str:
        return GAP_LABELS.get(self.after, self.after)

    @property
    def moved(self) -> str:
        if self.before == self.after:
            return "Inchangé"
        b, a = GAP_RANK.get(self.before), GAP_RANK.get(self.after)
        if b is None or a is None:
            return "Mesure nouvelle" if b is None and a is not None else "Donnée perdue"
        if a < b:
            return "Amélioration"
        if a > b:
            return "Dégradation"
        return "Changement de nature"


@dataclass(frozen=True)
class LeverChange:
    code: str
    label: str
    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        return None if self.before is None or self.after is None else self.after - self.before


@dataclass
class Report:
    evaluation: Evaluation
    actions: dashboard.ActionSummary
    status_rows: list[tuple[str, int]]
    effects: list[IndicatorEffect]
    doughnut: list[DimensionChange]
    boussole: list[LeverChange]
    drawings: list[tuple[int, str]]  # (year, Doughnut SVG) for the reference and new data


def _drawings(approach: Approach, years: tuple[int, int]) -> list[tuple[int, str]]:
    """The portrait's Doughnut drawn with the data of each year."""
    from ressort.portrait import portrait as portrait_page
    from ressort.portrait import services as portrait

    return [
        (
            year,
            portrait_page.doughnut_svg(
                portrait.doughnut_report(approach, year), ident=f"donut-{year}"
            ),
        )
        for year in years
    ]


def _latest(series: list[tuple[int, float]], year: int) -> tuple[int, float] | None:
    before = [p for p in series if p[0] <= year]
    return before[-1] if before else None


def _labels(framework: str, kinds: tuple[str, ...]) -> dict[str, str]:
    from ressort.frameworks.services import shipped_current

    version = shipped_current(framework)
    if version is None:
        return {}
    return {
        d.code: d.short_label or d.label
        for d in version.dimensions.filter(kind__in=kinds).order_by("order")
    }


def _doughnut(approach: Approach, before: int, after: int) -> list[DimensionChange]:
    from ressort.portrait import services as portrait

    first = portrait.doughnut_gaps(approach, year=before)
    second = portrait.doughnut_gaps(approach, year=after)
    missing = dn.Status.MISSING
    return [
        DimensionChange(code, label, first.get(code, missing), second.get(code, missing))
        for code, label, _ring in portrait.doughnut_dimensions()
        if code in first or code in second
    ]


def _boussole(approach: Approach, before: date, after: date) -> list[LeverChange]:
    from ressort.portrait import services as portrait

    first = portrait.boussole_profile(approach, until=before)
    second = portrait.boussole_profile(approach, until=after)
    if not any(v is not None for v in [*first.values(), *second.values()]):
        return []
    labels = _labels("boussole", ("principe", "levier"))
    codes = list(dict.fromkeys([*first, *second]))
    return [LeverChange(c, labels.get(c, c), first.get(c), second.get(c)) for c in codes]


def report(evaluation: Evaluation) -> Report:
    approach = evaluation.approach
    rows = dashboard.action_rows(approach, evaluation.date)
    actions = dashboard.summarise_actions(rows)
    status_rows = (
        [(STATUS_LABELS.get(k, k), actions.by_status.get(k, 0)) for k in STATUS_LABELS]
        if actions is not None
        else []
    )
    tracks = tracking.indicator_tracks(approach)
    effects = []
    for item in tracks:
        series = item.observations
        if not series:
            continue
        upto = [p for p in series if p[0] <= evaluation.evaluation_year]
        track = (
            tracking.track(item.indicator, item.trajectory, upto)
            if item.trajectory is not None
            else None
        )
        effects.append(
            IndicatorEffect(
                item.indicator,
                _latest(series, evaluation.reference_year),
                _latest(series, evaluation.evaluation_year),
                track,
            )
        )
    return Report(
        evaluation=evaluation,
        actions=actions,
        status_rows=status_rows,
        effects=effects,
        doughnut=_doughnut(approach, evaluation.reference_year, evaluation.evaluation_year),
        boussole=_boussole(approach, date(evaluation.reference_year, 12, 31), evaluation.date),
        drawings=_drawings(approach, (evaluation.reference_year, evaluation.evaluation_year)),
    )


# --------------------------------------------------------------------------------------
# The document: one outline of blocks, written as PDF (WeasyPrint) and DOCX (python-docx)
# --------------------------------------------------------------------------------------

Block = tuple[str, Any]


def outline(rep: Report) -> list[Block]:
    ev = rep.evaluation
    approach = ev.approach
    blocks: list[Block] = [
        ("h1", ev.title),
        (
            "p",
            f"{ev.get_kind_display()} de la démarche « {approach.name} » "
            f"({approach.perimeter_name}), "
            f"au {ev.date:%d/%m/%Y} ; données de {ev.reference_year} comparées à celles de "
            f"{ev.evaluation_year}.",
        ),
    ]
    blocks += _synthesis(rep)
    if approach.is_demo:
        blocks.append(("note", "Démarche de démonstration : contenus illustratifs."))
    blocks.append(("h2", "Réalisation du plan d'actions"))
    if not rep.actions.total:
        blocks.append(("p", "Aucune fiche action."))
    else:
        a = rep.actions
        blocks.append(
            (
                "p",
                f"{plural(a.total, 'fiche action', 'fiches action')} ; taux de réalisation "
                f"{percent(a.realisation_rate, 1)} (réalisées sur actions non abandonnées) ; "
                f"budget dépensé {number(float(a.spent), 0)} € sur {number(float(a.planned), 0)} € "
                f"prévus ; {len(a.late)} en retard, {len(a.over_budget)} en dépassement.",
            )
        )
        blocks.append(
            (
                "table",
                (
                    "Fiches action par statut",
                    ["Statut", "Nombre"],
                    [[label, str(n)] for label, n in rep.status_rows],
                ),
            )
        )
    blocks.append(("h2", "Effets sur les indicateurs"))
    if rep.effects:
        rows = []
        for e in rep.effects:
            unit = e.indicator.unit
            rows.append(
                [
                    f"{e.indicator.name} ({unit})",
                    f"{number(e.before[1])} ({e.before[0]})" if e.before else "—",
                    f"{number(e.after[1])} ({e.after[0]})" if e.after else "—",
                    e.verdict,
                    e.track.label if e.track else "Sans trajectoire",
                ]
            )
        blocks.append(
            (
                "table",
                (
                    f"Indicateurs : {ev.reference_year} et {ev.evaluation_year}",
                    ["Indicateur", "Avant", "Après", "Évolution", "Trajectoire"],
                    rows,
                ),
            )
        )
    else:
        blocks.append(("p", "Aucune valeur d'indicateur."))
    blocks.append(("h2", "Le portrait refait avec les nouvelles données"))
    for year, svg in rep.drawings:
        blocks.append(
            (
                "svg",
                (
                    svg,
                    f"Le Donut du territoire avec les données de {year}.",
                    f"donut-{year}",
                    f"Source : indicateurs de la démarche, valeurs de {year}.",
                ),
            )
        )
    if rep.doughnut:
        blocks.append(
            (
                "table",
                (
                    f"Donut : statut des dimensions en {ev.reference_year} et en "
                    f"{ev.evaluation_year}",
                    ["Dimension", str(ev.reference_year), str(ev.evaluation_year), "Mouvement"],
                    [
                        [
                            d.label,
                            d.before_label,
                            d.after_label,
                            d.moved,
                        ]
                        for d in rep.doughnut
                    ],
                ),
            )
        )
    if not rep.boussole:
        blocks.append(("p", "Boussole de la résilience : aucune cotation enregistrée."))
    else:
        blocks.append(
            (
                "table",
                (
                    "Boussole de la résilience : score médian des cotations (0 à 4)",
                    ["Principe ou levier", "Avant", "Après", "Écart"],
                    [
                        [
                            f"{b.code} — {b.label}",
                            number(b.before, 1),
                            number(b.after, 1),
                            number(b.change, 1) if b.change is not None else "—",
                        ]
                        for b in rep.boussole
                    ],
                ),
            )
        )
    blocks.append(("h2", "Constats"))
    blocks += [("p", line) for line in ev.findings.splitlines() if line.strip()] or [
        ("p", "À rédiger.")
    ]
    blocks.append(("h2", "Enseignements"))
    blocks += [("p", line) for line in ev.lessons.splitlines() if line.strip()] or [
        ("p", "À rédiger.")
    ]
    blocks += _method(rep)
    return blocks


def _sources(rep: Report) -> list[str]:
    """« Insee, RP 2021 »: the source and vintage of each indicator value the effects read."""
    from ressort.portrait import services as portrait

    ev = rep.evaluation
    indicators = [e.indicator for e in rep.effects]
    found: set[str] = set()
    for year in (ev.reference_year, ev.evaluation_year):
        for value in portrait.latest_values(ev.approach, indicators, year).values():
            vintage = value.vintage or str(value.year)
            found.add(f"{value.source}, {vintage}" if value.source else f"valeur saisie, {vintage}")
    return sorted(found)


def _method(rep: Report) -> list[Block]:
    """The annex « Méthode et sources »: where each figure comes from, and its year or date."""
    ev = rep.evaluation
    when = f"{ev.date:%d/%m/%Y}"
    blocks: list[Block] = [
        ("h2", "Annexe : méthode et sources"),
        (
            "p",
            f"Réalisation du plan d'actions : les fiches action de la démarche, état au {when} "
            "(statut, avancement, lignes de budget et jalons saisis par l'équipe). Le taux de "
            "réalisation rapporte les actions réalisées aux actions non abandonnées ; une "
            "action planifiée ou engagée est en retard quand sa fin prévue est passée ou "
            "qu'un de ses jalons non atteint est échu ; le budget additionne les montants "
            "prévus et dépensés de toutes les années.",
        ),
        (
            "p",
            "Effets sur les indicateurs : pour chaque indicateur suivi, la valeur la plus "
            f"récente du périmètre de la démarche au plus tard en {ev.reference_year} "
            f"(«\u00a0avant\u00a0») et au plus tard en {ev.evaluation_year} "
            "(«\u00a0après\u00a0»), avec l'année de chaque valeur entre parenthèses ; "
            "l'évolution tient compte du sens souhaité de l'indicateur ; la trajectoire "
            "compare la dernière valeur à la trajectoire cible fixée par l'équipe.",
        ),
        (
            "p",
            f"Donut : le statut de chaque dimension est calculé par le portrait à partir des "
            f"valeurs des indicateurs de {ev.reference_year} et de {ev.evaluation_year}, "
            "comparées aux seuils du plancher social et du plafond écologique de la grille.",
        ),
        (
            "p",
            "Boussole de la résilience : score médian des cotations de l'équipe (de 0 à 4), "
            f"séances tenues jusqu'au 31/12/{ev.reference_year} («\u00a0avant\u00a0») et "
            f"jusqu'au {when} («\u00a0après\u00a0»).",
        ),
    ]
    if sources := _sources(rep):
        blocks.append(("p", "Sources des valeurs d'indicateurs : " + " ; ".join(sources) + "."))
    blocks.append(("p", f"Constats et enseignements : rédigés par l'équipe projet au {when}."))
    return blocks


def _counted(counts: Counter[str], order: list[tuple[str, str, str]]) -> str:
    """« 2 en amélioration, 1 stable » from counts of verdicts, in `order`
    ((verdict, singular, plural) of the words after the number)."""
    parts = [
        f"{number(counts[key], 0)} {agree(counts[key], one, many)}"
        for key, one, many in order
        if counts[key]
    ]
    return ", ".join(parts) if parts else "aucun mouvement"


def _synthesis(rep: Report) -> list[Block]:
    """The evaluation in two minutes, for élus: the plan's realisation, the indicators, the
    Donut and the Boussole between the two years, and what the team retains."""
    ev = rep.evaluation
    years = f"de {ev.reference_year} à {ev.evaluation_year}"
    glance = []
    a = rep.actions
    if a.total:
        rate = percent(a.realisation_rate, 1) if a.realisation_rate is not None else "—"
        glance.append(
            f"Plan d'actions : {plural(a.total, 'fiche action', 'fiches action')}, taux de "
            f"réalisation {rate}, {number(float(a.spent), 0)} € dépensés sur "
            f"{number(float(a.planned), 0)} € prévus."
        )
    else:
        glance.append("Plan d'actions : aucune fiche action.")
    verdicts = Counter(e.verdict for e in rep.effects if e.change is not None)
    glance.append(
        f"Indicateurs comparés {years} : "
        + _counted(
            verdicts,
            [
                ("En amélioration", "en amélioration", "en amélioration"),
                ("En dégradation", "en dégradation", "en dégradation"),
                ("Stable", "stable", "stables"),
            ],
        )
        + f" (sur {plural(len(rep.effects), 'indicateur')} suivi"
        + ("s" if len(rep.effects) > 1 else "")
        + ")."
    )
    moves = Counter(d.moved for d in rep.doughnut)
    glance.append(
        f"Donut {years} : "
        + _counted(
            moves,
            [
                ("Amélioration", "dimension en amélioration", "dimensions en amélioration"),
                ("Dégradation", "dimension en dégradation", "dimensions en dégradation"),
                ("Mesure nouvelle", "dimension mesurée", "dimensions mesurées"),
                ("Donnée perdue", "dimension sans donnée", "dimensions sans donnée"),
            ],
        )
        + "."
    )
    scored = [b for b in rep.boussole if b.change is not None]
    if scored:
        up = sum(1 for b in scored if b.change and b.change > 0)
        down = sum(1 for b in scored if b.change and b.change < 0)
        glance.append(
            f"Boussole : {plural(up, 'levier')} en progrès, {number(down, 0)} en recul, sur "
            f"{plural(len(scored), 'levier')} coté{'s' if len(scored) > 1 else ''} deux fois."
        )
    retained = [
        line.strip()
        for text in (ev.findings, ev.lessons)
        for line in text.splitlines()[:2]
        if line.strip()
    ]
    return [
        ("h2", "Synthèse"),
        ("keys", ("L'évaluation en un coup d'œil", glance)),
        ("keys", ("Ce que l'équipe retient", retained or ["À rédiger par l'équipe."])),
    ]


def cover(rep: Report, adoption: str = "") -> Any:
    from ressort.documents import engine

    ev = rep.evaluation
    return engine.cover_for(
        ev.approach,
        ev.title,
        kind=ev.get_kind_display(),
        adoption=adoption,
        deliverable="evaluation",
        target=ev.pk,
    )


def _write(fmt: str, rep: Report, adoption: str = "") -> bytes:
    """The evaluation through the document engine (ressort.documents.engine)."""
    from ressort.documents import engine

    return engine.write(fmt, cover(rep, adoption), outline(rep))


def adopted_pdf(approach: Approach, target: int | None, adoption: str) -> bytes:
    """The PDF frozen at adoption (ressort.documents.adoption)."""
    evaluation = Evaluation.objects.get(approach=approach, pk=target)
    return _write("pdf", report(evaluation), adoption)


def build_pdf(rep: Report) -> bytes:
    return _write("pdf", rep)


def build_docx(rep: Report) -> bytes:
    return _write("docx", rep)


def build_odt(rep: Report) -> bytes:
    return _write("odt", rep)


FORMATS = {
    "pdf": ("application/pdf", build_pdf),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        build_docx,
    ),
    "odt": ("application/vnd.oasis.opendocument.text", build_odt),
}
KIND = "evaluation"


def filename(evaluation: Evaluation, fmt: str) -> str:
    return f"{evaluation.approach.slug}-evaluation-{evaluation.date:%Y-%m-%d}.{fmt}"


def _build_job(job: DocumentJob, progress: jobs.Progress) -> bytes:
    evaluation = Evaluation.objects.filter(approach=job.approach, pk=job.target).first()
    if evaluation is None:
        raise ValueError("l'évaluation a été supprimée entre-temps")
    progress(5, "Calcul des écarts et de la réalisation du plan")
    rep = report(evaluation)
    progress(40, f"Écriture du {job.format.upper()}")
    _, builder = FORMATS[job.format]
    return builder(rep)


def start_job(evaluation: Evaluation, fmt: str, user: Any) -> DocumentJob:
    """Queue the evaluation's document, built in the background (ressort.documents)."""
    return jobs.start_job(
        evaluation.approach,
        KIND,
        fmt,
        _build_job,
        mime=FORMATS[fmt][0],
        filename=filename(evaluation, fmt),
        user=user,
        target=evaluation.pk,
    )
