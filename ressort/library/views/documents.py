"""The library's pages: the list and its full-text search, adding a file or a link, a
document's page (passages, citations, objectives), and the file itself, to members only."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ressort.approaches.models import Approach
from ressort.library import search, services
from ressort.library.forms import DocumentForm, ObjectiveForm, PassageForm
from ressort.library.models import Citation, Document, DocumentKind, Passage
from ressort.web import Right, demarche_view, get_scoped, link_to
from ressort.web.files import private_file
from ressort.web.generic import Noun, delete_view, object_pages
from ressort.web.scoped import FORM, WRITE

_list_url = link_to("library:document_list")


@demarche_view(Right.VIEW)
def document_list(request: HttpRequest, approach: Approach) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    kind = request.GET.get("type", "")
    if kind not in DocumentKind.values:
        kind = ""
    documents = services.documents_of(approach)
    if kind:
        documents = documents.filter(kind=kind)
    page = request.GET.get("page", 1)
    results = search.search(approach, query, page, kind=kind) if query else None
    listing = None if query else Paginator(documents, 50).get_page(page)
    return render(
        request,
        "library/document_list.html",
        {
            "listing": listing,
            "query": query,
            "results": results,
            "kinds": DocumentKind.choices,
            "kind": kind,
        },
    )


@demarche_view(Right.CONTRIBUTE, FORM)
def document_add(request: HttpRequest, approach: Approach) -> HttpResponse:
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        fields = {
            k: form.cleaned_data[k] for k in ("title", "kind", "issued_on", "author", "scope")
        }
        if form.data_bytes is not None:
            upload = form.cleaned_data["upload"]
            document = services.add_document(
                approach, form.data_bytes, upload.name, user=request.user, **fields
            )
        else:
            document = services.add_link(
                approach, form.cleaned_data["url"], user=request.user, **fields
            )
        messages.success(request, f"Le document est ajouté. {document.extraction_note}")
        return redirect(document.get_absolute_url())
    return render(
        request,
        "web/edit.html",
        {"title": "Ajouter un document", "form": form, "cancel_url": _list_url(request)},
    )


def _save_and_reindex(request: HttpRequest, form: Any) -> Document:
    document: Document = form.save()
    services.reindex(document)
    return document


document_edit, document_delete = object_pages(
    Document,
    DocumentForm,
    noun=Noun("le document", attr="title"),
    done=lambda request, d: d.get_absolute_url(),
    save=_save_and_reindex,
    delete="library:document_delete",
    deleted=_list_url,
    consequence="Ses passages cités et les objectifs relevés partent avec lui.",
    perform=lambda request, d: services.delete_document(d),
)


@demarche_view(Right.VIEW, objects={"pk": Document})
def document_detail(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    document = get_scoped(Document.objects.defer("search_vector"), approach, pk=pk)
    passages = []
    cited = Citation.objects.select_related("vulnerability", "chain", "action")
    for passage in document.passages.prefetch_related(Prefetch("citations", cited)):
        targets = [(c, services.target_of(c)) for c in passage.citations.all()]
        passages.append({"passage": passage, "targets": [(c, t) for c, t in targets if t]})
    return render(
        request,
        "library/document_detail.html",
        {
            "document": document,
            "passages": passages,
            "passage_form": PassageForm(),
            "cite_groups": services.citation_targets(approach),
            "objective_form": ObjectiveForm(),
            "objectives": document.objectives.all(),
            "text_preview": document.text[:3000],
        },
    )


@demarche_view(Right.VIEW, objects={"pk": Document})
def document_file(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    """The file, to members of its démarche only (never a public media URL)."""
    document = get_scoped(Document.objects.defer("text", "search_vector"), approach, pk=pk)
    if not document.file:
        raise Http404("Ce document n'a pas de fichier.")
    inline = document.mime in ("application/pdf", "image/png", "image/jpeg")
    response = private_file(
        document.file,
        document.mime or "application/octet-stream",
        missing="Fichier introuvable.",
        max_age=600,
        as_attachment=not inline,
        filename=document.original_name or "document",
    )
    response["Content-Security-Policy"] = "sandbox"
    return response


# --- Passages and citations -------------------------------------------------------------------


@demarche_view(Right.CONTRIBUTE, WRITE, objects={"pk": Document})
def passage_add(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    document = get_scoped(Document.objects.defer("text", "search_vector"), approach, pk=pk)
    form = PassageForm(request.POST)
    if form.is_valid():
        passage = form.save(commit=False)
        passage.document = document
        passage.created_by = request.user
        passage.save()
        messages.success(request, "Le passage est enregistré : citez-le maintenant comme preuve.")
        return redirect(document.get_absolute_url() + f"#passage-{passage.pk}")
    errors = " ".join(e for errs in form.errors.values() for e in errs)
    messages.error(request, f"Passage non enregistré — {errors}")
    return redirect(document.get_absolute_url() + "#passages")


@demarche_view(Right.CONTRIBUTE, WRITE, objects={"pk": Passage})
def passage_cite(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    passage = get_scoped(Passage.objects.select_related("document__approach"), approach, pk=pk)
    try:
        services.cite(passage, request.POST.get("target", ""))
    except ValueError as error:
        messages.error(request, f"Citation non enregistrée — {error}")
    else:
        messages.success(request, "Le passage est cité comme preuve.")
    return redirect(passage.document.get_absolute_url() + f"#passage-{passage.pk}")


passage_delete = delete_view(
    Passage,
    what=lambda p: f"Le passage «\u00a0{p.excerpt[:60]}\u00a0»",
    done=lambda request, p: p.document.get_absolute_url(),
    consequence="Ses citations comme preuve partent avec lui.",
    gone="{what} est supprimé.",
)


@demarche_view(Right.CONTRIBUTE, WRITE, objects={"pk": Citation})
def citation_delete(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    citation = get_scoped(Citation.objects.select_related("passage__document"), approach, pk=pk)
    document = citation.passage.document
    citation.delete()
    messages.success(request, "La citation est retirée.")
    return redirect(document.get_absolute_url() + "#passages")


@demarche_view(Right.VIEW)
def citations(request: HttpRequest, approach: Approach) -> HttpResponse:
    """Every passage cited as evidence, grouped by what it is cited on."""
    rows = []
    wanted = request.GET.get("dimension", "")
    found = Citation.objects.filter(passage__document__approach=approach).select_related(
        "passage__document__approach", "vulnerability", "chain", "action"
    )
    if wanted:
        found = found.filter(target=Citation.Target.DIMENSION, dimension_code=wanted)
    for citation in found.order_by("target", "dimension_code", "pk"):
        target = services.target_of(citation)
        if target is not None:
            rows.append({"citation": citation, "target": target})
    return render(request, "library/citations.html", {"rows": rows, "dimension": wanted})


# --- Objectives of the plans in force ---------------------------------------------------------


@demarche_view(Right.CONTRIBUTE, WRITE, objects={"pk": Document})
def objective_add(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    document = get_scoped(Document.objects.defer("text", "search_vector"), approach, pk=pk)
    form = ObjectiveForm(request.POST)
    if not document.is_regulatory:
        messages.error(
            request,
            "Seuls les documents en vigueur (PLUi, SCoT, PCAET…) ont des objectifs à relever.",
        )
    elif form.is_valid():
        objective = form.save(commit=False)
        objective.document = document
        objective.order = document.objectives.count() + 1
        objective.save()
        messages.success(request, "L'objectif est enregistré.")
    else:
        errors = " ".join(e for errs in form.errors.values() for e in errs)
        messages.error(request, f"Objectif non enregistré — {errors}")
    return redirect(document.get_absolute_url() + "#objectifs")
