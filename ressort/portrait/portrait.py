"""What the portrait shows, gathered once for the page and the documents (PDF, DOCX, ODT).

The same `Portrait` feeds the HTML template (page and PDF) and the DOCX/ODT writers, so
that a figure, a status or a quote reads the same everywhere.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from ressort.analysis import doughnut as dn
from ressort.analysis import drawing
from ressort.analysis.typography import number
from ressort.approaches.models import Approach
from ressort.frameworks.models import Dimension, FrameworkVersion
from ressort.portrait import services
from ressort.portrait.models import Indicator, IndicatorValue, Reading

EVIDENCE_KINDS = (
    ("quotes", "Paroles recueillies"),
    ("observations", "Observations de terrain"),
    ("vulnerabilities", "Vulnérabilités"),
    ("resources", "Ressources"),
)


@dataclass
class KeyFigure:
    indicator: Indicator
    value: IndicatorValue | None
    status: str = ""  # Doughnut status label when the indicator has a threshold here
    compared: list[tuple[str, IndicatorValue]] = field(default_factory=list)  # same year

    @property
    def comparison_text(self) -> str:
        """« Isère : 5,1 ; France : 4,9 » (the same year), or ""."""
        return " ; ".join(f"{place} : {number(value.value)}" for place, value in self.compared)

    @property
    def year(self) -> int | None:
        return self.value.year if self.value else None


@dataclass
class EvidenceItem:
    text: str
    url: str
    photos: list[tuple[str, str, str]]  # page URL, description, file path (for the PDF)


def evidence_item(kind: str, item: Any) -> EvidenceItem:
    """One piece of fieldwork evidence as the portrait writes it."""
    if kind == "quotes":
        text = f"« {item.text} » — {item.testimony}"
    elif kind in ("vulnerabilities", "resources"):
        text = f"{item.title} ({item.level_label.lower()})"
    else:
        text = str(item) + (f" — {item.place_name}" if getattr(item, "place_name", "") else "")
    photos = []
    if kind == "observations":
        for photo in item.portrait_photos()[:3]:
            try:
                path = photo.image.path
            except (ValueError, NotImplementedError):
                path = ""
            photos.append((photo.get_absolute_url(), photo.description, path))
    return EvidenceItem(text, item.get_absolute_url(), photos)


@dataclass
class DimensionSection:
    code: str
    label: str
    ring: str  # "social", "ecological" or "" (not a Doughnut dimension)
    status: str  # contract status: shortfall, overshoot, within, missing ("" if not Doughnut)
    status_label: str
    figures: list[KeyFigure] = field(default_factory=list)
    evidence: dict[str, list[Any]] = field(default_factory=dict)
    readings: list[Reading] = field(default_factory=list)

    @property
    def has_evidence(self) -> bool:
        return any(self.evidence.get(k) for k, _ in EVIDENCE_KINDS)

    @property
    def evidence_groups(self) -> list[tuple[str, list[EvidenceItem]]]:
        return [
            (label, [evidence_item(k, item) for item in self.evidence[k]])
            for k, label in EVIDENCE_KINDS
            if self.evidence.get(k)
        ]


@dataclass
class Portrait:
    approach: Approach
    generated_at: datetime.datetime
    doughnut: list[services.DoughnutDimension]
    doughnut_svg: str
    boussole: list[tuple[Dimension, float | None, int]]  # principle or lever, score, depth
    boussole_svg: str
    sessions: int
    sections: list[DimensionSection]
    strengths: list[Reading]
    weaknesses: list[Reading]
    counts: dict[str, int]
    illustrative: bool

    @property
    def measured(self) -> int:
        return sum(1 for d in self.doughnut if d.contract_status != "missing")


def _evidence(approach: Approach) -> dict[str, dict[str, list[Any]]]:
    from ressort.fieldwork import services as fieldwork

    return fieldwork.evidence_by_dimension(approach)


def doughnut_svg(rows: list[services.DoughnutDimension], ident: str = "donut-portrait") -> str:
    """The Doughnut with the démarche's values: social wedges in % of shortfall, ecological
    ones as ratio of the ceiling; a dimension without data gets « ? » after its label."""
    social, ecological = [], []
    for row in rows:
        label = row.label + ("\u202f?" if row.contract_status == "missing" else "")
        gap = row.status.gap
        if row.ring == dn.Ring.SOCIAL:
            value = min(100.0, gap * 100) if gap is not None else None
            social.append(drawing.Segment(row.code, label, value))
        else:
            value = 1.0 + gap if gap is not None else None
            ecological.append(drawing.Segment(row.code, label, value))
    return drawing.doughnut_svg(
        social,
        ecological,
        title="Le Donut du territoire : déficits sociaux et dépassements écologiques",
        ident=ident,
    )


def boussole_rows(
    approach: Approach,
) -> tuple[list[tuple[Dimension, float | None, int]], str]:
    profile = services.boussole_profile(approach)
    version = FrameworkVersion.objects.filter(
        framework__code="boussole", framework__approach=None, is_current=True
    ).first()
    if version is None or not any(v is not None for v in profile.values()):
        return [], ""
    nodes = list(version.dimensions.filter(kind__in=("principe", "levier")).order_by("order"))
    rows = [(n, profile.get(n.code), 0 if n.kind == "principe" else 1) for n in nodes]
    principles = [(n, s) for n, s, d in rows if d == 0]
    svg = drawing.compass_svg(
        [drawing.Segment(n.code, n.short_label or n.label, s) for n, s in principles],
        title="Profil Boussole du territoire (médianes des ateliers, sur 4)",
        ident="boussole-portrait",
    )
    return rows, svg


def build(approach: Approach) -> Portrait:
    doughnut = services.doughnut_report(approach)
    indicators = list(approach.indicators.all())
    rows = services.comparisons(approach, indicators)
    latest = {c.indicator.pk: c.own for c in rows if c.own is not None}
    compared = {c.indicator.pk: [(p, v) for p, v in c.others if v is not None] for c in rows}
    evidence = _evidence(approach)
    readings = list(approach.readings.all())
    statuses: dict[tuple[str, str], str] = {}
    for row in doughnut:
        for indicator, _, status in row.indicators:
            statuses[(row.code, indicator.code)] = dn.STATUS_LABELS[status.status]
    sections: list[DimensionSection] = []
    known = set()
    for row in doughnut:
        known.add(row.code)
        sections.append(
            DimensionSection(
                row.code,
                row.label,
                row.ring.value,
                row.contract_status,
                row.status_label,
            )
        )
    # Other dimensions (Boussole levers, grid nodes) that have figures, evidence or readings
    labels = dict(
        Dimension.objects.filter(
            version__is_current=True, version__framework__approach__isnull=True
        ).values_list("code", "label")
    )
    extra_codes: list[str] = []
    for code in (
        [c for i in indicators for c in i.dimension_codes]
        + list(evidence)
        + [r.dimension_code for r in readings if r.dimension_code]
    ):
        if code not in known and code not in extra_codes:
            extra_codes.append(code)
    for code in extra_codes:
        sections.append(DimensionSection(code, labels.get(code, code), "", "", ""))
    by_code = {s.code: s for s in sections}
    for indicator in indicators:
        for code in indicator.dimension_codes:
            if code in by_code:
                by_code[code].figures.append(
                    KeyFigure(
                        indicator,
                        latest.get(indicator.pk),
                        statuses.get((code, indicator.code), ""),
                        compared.get(indicator.pk, []),
                    )
                )
    for code, groups in evidence.items():
        if code in by_code:
            by_code[code].evidence = groups
    for reading in readings:
        if reading.dimension_code in by_code:
            by_code[reading.dimension_code].readings.append(reading)
    boussole, boussole_svg = boussole_rows(approach)
    counts = {k: sum(len(g.get(k, [])) for g in evidence.values()) for k, _ in EVIDENCE_KINDS}
    return Portrait(
        approach=approach,
        generated_at=timezone.localtime(),
        doughnut=doughnut,
        doughnut_svg=doughnut_svg(doughnut),
        boussole=boussole,
        boussole_svg=boussole_svg,
        sessions=approach.scoring_sessions.count(),
        sections=sections,
        strengths=[r for r in readings if r.kind == Reading.Kind.STRENGTH],
        weaknesses=[r for r in readings if r.kind == Reading.Kind.WEAKNESS],
        counts=counts,
        illustrative=approach.is_demo or any(i.illustrative for i in indicators),
    )


def reading_context(portrait: Portrait, reading: Reading) -> str:
    """What the data says next to a strength or weakness: its dimension's Doughnut status
    and key figures."""
    section = next((s for s in portrait.sections if s.code == reading.dimension_code), None)
    if section is None:
        return ""
    parts = []
    if section.status_label:
        parts.append(f"Donut : {section.status_label.lower()}")
    for figure in section.figures[:3]:
        if figure.value is not None:
            parts.append(
                f"{figure.indicator.name} : {number(figure.value.value)} "
                f"{figure.indicator.unit} "
                f"({figure.value.year})"
            )
    return " ; ".join(parts)
