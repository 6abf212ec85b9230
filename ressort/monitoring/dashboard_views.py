"""The monitoring dashboard and the progress entry of the actions.

Every member reads the dashboard; members who contribute enter progress (through
strategy.services.record_progress, all rows checked before anything is written).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from ressort import tables
from ressort.approaches.access import Right, role_has
from ressort.approaches.models import Approach
from ressort.monitoring import dashboard, progress_import
from ressort.web.scoped import FORM, READ, demarche_view

MAX_UPLOAD = 2 * 1024 * 1024


@demarche_view(Right.VIEW, READ)
def dashboard_page(request: HttpRequest, approach: Approach) -> HttpResponse:
    board = dashboard.build(approach)
    return render(
        request,
        "monitoring/dashboard.html",
        {"board": board, "may_contribute": role_has(approach.current_role, Right.CONTRIBUTE)},
    )


def _status_choices() -> list[tuple[str, str]]:
    from ressort.strategy.models import SheetStatus

    return list(SheetStatus.choices)


def _read_rows(
    post: Any, rows: list[dict[str, Any]], statuses: set[str]
) -> tuple[list[tuple[Any, dict[str, Any]]], list[str]]:
    """The changes asked for each action, and every fault named by the action's title."""
    changes: list[tuple[Any, dict[str, Any]]] = []
    faults: list[str] = []
    for row in rows:
        action = row["action"]
        pk = action.pk
        wanted: dict[str, Any] = {}
        status = post.get(f"statut-{pk}", row["status"])
        if status not in statuses:
            faults.append(f"« {action.title} », statut : valeur inconnue « {status} ».")
        elif status != row["status"]:
            wanted["status"] = status
        raw = post.get(f"avancement-{pk}", "").strip()
        if raw:
            try:
                progress = int(raw)
            except ValueError:
                progress = -1
            if not 0 <= progress <= 100:
                faults.append(
                    f"« {action.title} », avancement : un nombre entier de 0 à 100 "
                    f"(reçu « {raw} »)."
                )
            elif progress != row["progress"]:
                wanted["progress"] = progress
        raw = post.get(f"depense-{pk}", "").strip().replace("\u202f", "").replace(" ", "")
        if raw:
            try:
                spent = Decimal(raw.replace(",", "."))
            except InvalidOperation:
                spent = Decimal(-1)
            if spent < 0 or not spent.is_finite():
                faults.append(
                    f"« {action.title} », dépensé dans l'année : un montant positif en euros "
                    f"(reçu « {raw} »)."
                )
            else:
                wanted["spent"] = spent
        if wanted:
            changes.append((action, wanted))
    return changes, faults


def _entry(row: dict[str, Any], post: Any) -> dict[str, Any]:
    """A row of the entry table, showing what was typed when the page comes back with faults."""
    pk = row["action"].pk
    return {
        **row,
        "status_value": post.get(f"statut-{pk}", row["status"]),
        "progress_value": post.get(f"avancement-{pk}", row["progress"]),
        "spent_value": post.get(f"depense-{pk}", ""),
    }


@demarche_view(Right.CONTRIBUTE, FORM)
def progress_entry(request: HttpRequest, approach: Approach) -> HttpResponse:
    rows = dashboard.action_rows(approach)
    rows.sort(key=lambda r: ((r["axis"].order if r["axis"] else 999), r["action"].title))
    year = timezone.localdate().year
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
                request, f"Fichier importé : avancement enregistré pour {count} action(s)."
            )
            return redirect("monitoring:dashboard", approach.slug)
    elif request.method == "POST":
        try:
            year = int(request.POST.get("annee", year))
        except ValueError:
            faults.append("Année des dépenses : un nombre entier (ex. 2026).")
        if not 1990 <= year <= 2100:
            faults.append(f"Année des dépenses : entre 1990 et 2100 (reçu {year}).")
        statuses = {value for value, _ in _status_choices()}
        changes, row_faults = _read_rows(request.POST, rows, statuses)
        faults += row_faults
        if not faults:
            from ressort.strategy import services as strategy

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
        {
            "entries": [_entry(row, {} if request.FILES else request.POST) for row in rows],
            "year": year,
            "statuses": _status_choices(),
            "faults": faults,
        },
    )


@demarche_view(Right.VIEW, READ)
def progress_export(request: HttpRequest, approach: Approach) -> HttpResponse:
    """The current progress as a CSV table, to edit and import back."""
    rows = dashboard.action_rows(approach)
    rows.sort(key=lambda r: r["action"].title)
    response = HttpResponse(
        progress_import.export_csv(approach, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{approach.slug}-avancement.csv"'
    return response
