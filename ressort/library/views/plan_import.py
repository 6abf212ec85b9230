"""Import an existing action plan into the démarche's ideas or actions; export it back."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ressort import tables
from ressort.approaches.models import Approach
from ressort.library import plan_import
from ressort.library.forms import PlanImportForm
from ressort.web import Right, demarche_url, demarche_view
from ressort.web.files import download
from ressort.web.scoped import READ, WRITE

EXPORTS = {"actions", "politiques", "idees"}


def _page(
    request: HttpRequest, form: PlanImportForm, faults: list[str] | None = None
) -> HttpResponse:
    return render(
        request,
        "library/plan_import.html",
        {"form": form, "faults": faults or [], "headers": plan_import.PLAN_SCHEMA.headers},
    )


@demarche_view(Right.VIEW, READ)
def plan_import_page(request: HttpRequest, approach: Approach) -> HttpResponse:
    return _page(request, PlanImportForm())


@demarche_view(Right.CONTRIBUTE, WRITE)
def plan_import_run(request: HttpRequest, approach: Approach) -> HttpResponse:
    """Import the plan's rows as ideas, actions or policies: all of them, or none."""
    form = PlanImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form)
    upload = form.cleaned_data["upload"]
    into = form.cleaned_data["into"]
    try:
        rows = plan_import.read_plan(upload.read(), upload.name)
    except tables.TableError as error:
        return _page(request, form, [str(f) for f in error.faults])
    source = form.cleaned_data["source_label"] or f"Import de {upload.name}"
    count = plan_import.import_plan(approach, rows, into=into, source=source)
    label = dict(PlanImportForm.INTO)[into].split(" (")[0].lower()
    messages.success(
        request,
        f"{count} ligne{'s' if count > 1 else ''} importée{'s' if count > 1 else ''} en {label}.",
    )
    target = "actions:idea_list" if into == "idees" else "actions:action_list"
    return redirect(demarche_url(approach, target))


@demarche_view(Right.VIEW, samples={"fmt": ["xlsx", "csv"]})
def plan_export(request: HttpRequest, approach: Approach, fmt: str) -> HttpResponse:
    what = request.GET.get("quoi", "actions")
    if what not in EXPORTS:
        what = "actions"
    rows = plan_import.export_rows(approach, what)
    name = f"plan-{what}-{approach.slug}"
    if fmt == "csv":
        return download(tables.write_csv(plan_import.PLAN_SCHEMA, rows), f"{name}.csv")
    return download(plan_import.export_xlsx(rows), f"{name}.xlsx")
