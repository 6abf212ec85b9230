"""Learning pages (any signed-in user) and the staff's publication of corrected versions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods

from ressort.analysis import drawing
from ressort.analysis import frameworks as fw
from ressort.frameworks import services
from ressort.frameworks.models import Dimension, Framework, FrameworkVersion
from ressort.uploads import CappedFileField
from ressort.web.files import download

FACT_LABELS = {
    "seuil": "Seuil",
    "limite": "Limite",
    "unite": "Unité",
    "echelle": "Échelle",
    "reference_preindustrielle": "Référence préindustrielle",
    "normalisation": "Normalisation pour le tracé",
    "valeur_2000": "Valeur 2000-2001",
    "valeur_recente": "Valeur récente (2021-2022)",
    "depassement_recent_pct": "Écart à la limite, récent (%)",
    "france_2015_normalise": "France 2015 (1 = seuil ou limite)",
    "borne_note_0": "Valeur notée 0",
    "borne_note_1": "Valeur notée 1",
    "bornage": "Bornage",
    "horizon": "Horizon",
    "rechauffement_c": "Réchauffement (°C)",
    "reference": "Période de référence",
    "couleur": "Couleur officielle",
    "lentille": "Lentille",
    "numero": "Numéro",
}


def facts(node: Dimension) -> list[tuple[str, str]]:
    return [
        (FACT_LABELS.get(key, key), str(value))
        for key, value in (node.extra or {}).items()
        if not isinstance(value, list | dict)
    ]


def annotate_tree(version: FrameworkVersion) -> list[Dimension]:
    """The version's top nodes, each with `.kids`, `.facts` and `.depth` set (one query)."""
    rows = services.tree(version)
    by_parent: dict[int | None, list[Dimension]] = {}
    for row, depth in rows:
        row.depth = depth  # type: ignore[attr-defined]
        row.facts = facts(row)  # type: ignore[attr-defined]
        by_parent.setdefault(row.parent_id, []).append(row)
    for row, _ in rows:
        row.kids = by_parent.get(row.pk, [])  # type: ignore[attr-defined]
    return by_parent.get(None, [])


def drawing_for(version: FrameworkVersion, top: list[Dimension]) -> tuple[str, str]:
    """The SVG of a framework when it has one (Doughnut, compass) and its table caption."""
    code = version.framework.derived_from.framework.code if version.framework.derived_from else ""
    code = code or version.framework.code
    ident = f"dessin-{version.pk}"
    if code == "donut":
        rings = {n.code: n.kids for n in top}  # type: ignore[attr-defined]
        social = rings.get("plancher_social", [])
        ecological = rings.get("plafond_ecologique", [])
        if social and ecological:
            svg = drawing.doughnut_svg(
                [drawing.Segment(n.code, n.short_label or n.label) for n in social],
                [drawing.Segment(n.code, n.short_label or n.label) for n in ecological],
                ident=ident,
            )
            return svg, "donut"
    principles = [n for n in top if n.kind == "principe"]
    if len(principles) >= 3:
        svg = drawing.compass_svg(
            [drawing.Segment(n.code, n.short_label or n.label) for n in principles], ident=ident
        )
        return svg, "boussole"
    return "", ""


@require_GET
@login_required
def framework_list(request: HttpRequest) -> HttpResponse:
    versions = (
        FrameworkVersion.objects.filter(framework__approach=None, is_current=True)
        .select_related("framework")
        .order_by("framework__code")
    )
    order = {code: i for i, code in enumerate((*fw.SHIPPED_CODES, services.CONDITIONS_CODE))}
    versions_sorted = sorted(versions, key=lambda v: order.get(v.framework.code, 99))
    return render(request, "frameworks/list.html", {"versions": versions_sorted})


def _shipped_version(code: str, wanted: str | None) -> FrameworkVersion:
    framework = get_object_or_404(Framework, code=code, approach=None)
    versions = framework.versions.all()
    version = (
        versions.filter(version=wanted).first()
        if wanted
        else versions.filter(is_current=True).first()
    )
    if version is None:
        raise Http404("Version introuvable.")
    return version


@require_GET
@login_required
def framework_detail(request: HttpRequest, code: str) -> HttpResponse:
    version = _shipped_version(code, request.GET.get("version"))
    top = annotate_tree(version)
    svg, drawing_kind = drawing_for(version, top)
    index = services.crosswalk_index() if version.is_current else {}
    return render(
        request,
        "frameworks/detail.html",
        {
            "version": version,
            "framework": version.framework,
            "versions": version.framework.versions.order_by("-loaded_at"),
            "top": top,
            "svg": mark_safe(svg),
            "drawing_kind": drawing_kind,
            "scale": services.doc_scale(version),
            "link_counts": {k[1]: len(v) for k, v in index.items() if k[0] == code},
            "to_verify": list(version.dimensions.filter(to_verify=True).order_by("order")),
        },
    )


@require_GET
@login_required
def node_detail(request: HttpRequest, code: str, node_code: str) -> HttpResponse:
    version = _shipped_version(code, None)
    node = get_object_or_404(version.dimensions.select_related("parent"), code=node_code)
    node.facts = facts(node)  # type: ignore[attr-defined]
    kids = list(node.children.order_by("order"))
    for kid in kids:
        kid.facts = facts(kid)  # type: ignore[attr-defined]
    links = services.crosswalk_index().get((code, node.code), [])
    grouped: dict[str, list[services.LinkView]] = {}
    for link in links:
        grouped.setdefault(link.framework_name, []).append(link)
    return render(
        request,
        "frameworks/node.html",
        {
            "version": version,
            "framework": version.framework,
            "node": node,
            "kids": kids,
            "scale": services.doc_scale(version) if node.kind == "levier" else None,
            "grouped_links": sorted(grouped.items()),
        },
    )


@require_GET
@login_required
def framework_export(request: HttpRequest, code: str) -> HttpResponse:
    version = _shipped_version(code, request.GET.get("version"))
    return download(services.export_yaml(version), f"{code}-{version.version}.yaml")


MAX_UPLOAD_BYTES = 2_000_000


class FrameworkFileForm(forms.Form):
    file = CappedFileField(
        max_bytes=MAX_UPLOAD_BYTES,
        label="Fichier YAML",
        required=False,
        help_text="Un fichier exporté de Ressort, corrigé ; ou collez son contenu ci-dessous.",
    )
    text = forms.CharField(
        label="Contenu YAML", required=False, widget=forms.Textarea(attrs={"rows": 18})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("file")
        if upload:
            if upload.size > MAX_UPLOAD_BYTES:
                raise forms.ValidationError(
                    f"Le fichier dépasse {MAX_UPLOAD_BYTES // 1_000_000} Mo : un référentiel "
                    "en fait quelques dizaines de kilo-octets."
                )
            try:
                data["yaml"] = upload.read().decode("utf-8")
            except UnicodeDecodeError as exc:
                raise forms.ValidationError("Le fichier n'est pas encodé en UTF-8.") from exc
            data["name"] = upload.name
        elif data.get("text", "").strip():
            data["yaml"] = data["text"]
            data["name"] = "contenu collé"
        else:
            raise forms.ValidationError("Choisissez un fichier ou collez un contenu YAML.")
        return data


def read_uploaded(form: FrameworkFileForm) -> tuple[fw.FrameworkDoc | None, list[str]]:
    """The validated document, or the French faults (with their line) to show."""
    try:
        return fw.parse_framework(form.cleaned_data["yaml"], form.cleaned_data["name"]), []
    except fw.FrameworkFileError as exc:
        return None, [str(f) for f in exc.faults]


@require_http_methods(["GET", "POST"])
@login_required
def framework_import(request: HttpRequest) -> HttpResponse:
    """A site administrator publishes a corrected version of a framework, without a developer."""
    if not request.user.is_staff:
        raise PermissionDenied("Seul un administrateur du site publie une version de référentiel.")
    initial = {}
    base = request.GET.get("depuis", "")
    if base and request.method == "GET":
        version = services.shipped_current(base)
        if version is not None:
            initial["text"] = services.export_yaml(version)
    form = FrameworkFileForm(request.POST or None, request.FILES or None, initial=initial)
    faults: list[str] = []
    if request.method == "POST" and form.is_valid():
        doc, faults = read_uploaded(form)
        if doc is not None:
            try:
                version, created = services.publish(doc, user=request.user)
            except services.PublishError as exc:
                faults = [str(exc)]
            else:
                if created:
                    messages.success(
                        request,
                        f"Version « {version.version} » de « {version.name} » publiée ; "
                        "les versions précédentes restent consultables.",
                    )
                else:
                    messages.info(request, "Cette version est déjà publiée à l'identique.")
                return redirect("frameworks:detail", doc.code)
    return render(request, "frameworks/import.html", {"form": form, "faults": faults})
