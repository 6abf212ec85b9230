"""The monitoring dashboard and the progress entry of the actions.

Every member reads the dashboard; members who contribute enter progress (through
strategy.services.record_progress, all rows checked before anything is written).
"""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from ressort import tables
from ressort.analysis.typography import plural
from ressort.approaches.access import Right, role_has
from ressort.approaches.models import Approach
from ressort.monitoring import dashboard, progress_import
from ressort.monitoring.forms import ProgressRowForm, ProgressYearForm
from ressort.strategy import services as strategy
from ressort.web import freshness
from ressort.web.files import download
from ressort.web.scoped import FORM, READ, demarche_view

MAX_UPLOAD = 2 * 1024 * 1024


@demarche_view(Right.VIEW, READ, kept=True)
def dashboard_page(request: HttpRequest, approach: Approach) -> HttpResponse:
    role, today = approach.current_role, timezone.localdate()  # type: ignore[attr-defined]

    def computed() -> str:
        context = {
            "board": dashboard.build(approach, today),
            "may_contribute": role_has(role, Right.CONTRIBUTE),
        }
        return render_to_string("monitoring/_dashboard_computed.html", context, request=request)

    # Late actions and trajectories are judged on the day; the role changes the buttons.
    part = freshness.cached(approach, "dashboard", computed, role, today.isoformat())
    return render(request, "monitoring/dashboard.html", {"computed": mark_safe(part)})


@demarche_view(Right.CONTRIBUTE, FORM)
def progress_entry(request: HttpRequest, approach: Approach) -> HttpResponse:
    rows = dashboard.action_rows(approach)
    rows.sort(key=lambda r: ((r["axis"].order if r["axis"] else 999), r["action"].title))
    typed = request.POST if request.method == "POST" and "fichier" not in request.FILES else None
    year_form = ProgressYearForm(typed, initial={"annee": timezone.localdate().year})
    row_forms = [ProgressRowForm(typed, row=row) for row in rows]
    faults: list[str] = []
    if request.method == "POST" and "fichier" in request.FILES:
        upload = request.FILES["fichier"]
        try:
            if upload.size is not None and upload.size > MAX_UPLOAD:
                raise tables.TableError(
                    [tables.Fault(None, None, "Fichier trop gros (2 Mo au plus).")]
                )
            changes = progress_import.read(
                approach, upload.read(), upload.name or "fichier.csv", rows
            )
            count = progress_import.write(approach, changes, request.user)
        except tables.TableError as error:
            faults = [str(f) for f in error.faults]
        except ValueError as error:  # from record_progress: nothing was written
            faults = [str(error)]
        else:
            messages.success(
                request, f"Fichier importé : avancement enregistré pour {plural(count, 'action')}."
            )
            return redirect("monitoring:dashboard", approach.slug)
    elif request.method == "POST":
        year_ok = year_form.is_valid()
        faults = [f"Année des dépenses : {m}" for m in year_form.errors.get("annee", [])]
        for form in row_forms:
            if not form.is_valid():
                faults += form.faults()
        if year_ok and not faults:
            year = year_form.cleaned_data["annee"]
            changes = [(f.row["action"], f.changes()) for f in row_forms]
            changes = [(action, wanted) for action, wanted in changes if wanted]
            try:
                with transaction.atomic():
                    for action, wanted in changes:
                        strategy.record_progress(
                            approach, action, year=year, user=request.user, **wanted
                        )
            except ValueError as exc:
                faults.append(str(exc))
            else:
                count = len(changes)
                messages.success(
                    request,
                    f"Avancement enregistré pour {count} action{'s' if count > 1 else ''}."
                    if count
                    else "Rien n'a changé.",
                )
                return redirect("monitoring:dashboard", approach.slug)
    return render(
        request,
        "monitoring/progress_entry.html",
        {"year_form": year_form, "row_forms": row_forms, "faults": faults},
    )


@demarche_view(Right.VIEW, READ)
def progress_export(request: HttpRequest, approach: Approach) -> HttpResponse:
    """The current progress as a CSV table, to edit and import back."""
    rows = dashboard.action_rows(approach)
    rows.sort(key=lambda r: r["action"].title)
    return download(progress_import.export_csv(approach, rows), f"{approach.slug}-avancement.csv")
