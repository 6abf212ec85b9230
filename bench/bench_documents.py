"""The 400-action strategy PDF (bench_strategy's plan, without its history): laid out in
one piece as before (the same HTML, no parts), then in cached parts — a first export with an
empty cache, a re-export after one sheet's text changed, a re-export after one sheet's
progress changed (which also touches its objective's table and the calendar) and a
re-export with nothing changed. Then the portrait PDF of bench_portrait's large démarche,
in the same database (`portrait_*` keys). Each figure in wall-clock seconds and in CPU
seconds of this process and its layout processes, with the load average: on a shared
machine the wall clock follows the load, the CPU time much less.

Runs on a fresh SQLite file by default; `BENCH_DATABASE_URL=postgres://…` for PostgreSQL.
"""

from __future__ import annotations

import os
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

from bench._django import setup_django


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _timed(results: dict[str, Any], name: str, build: Any) -> bytes:
    from ressort.documents import parts

    results[f"{name}_load_1min"] = round(os.getloadavg()[0], 2)
    t0, c0 = time.perf_counter(), _cpu()
    data: bytes = build()
    results[f"{name}_s"] = round(time.perf_counter() - t0, 2)
    # The layout processes are the fork server's children, not ours: their CPU time is
    # reported by the parts themselves.
    extra = parts.last_run.get("cpu_in_layout_processes_s", 0.0) if name != "single_piece" else 0
    results[f"{name}_cpu_s"] = round(_cpu() - c0 + extra, 2)
    results[f"{name}_kb"] = round(len(data) / 1024)
    if parts.last_run and name != "single_piece":
        results[f"{name}_steps"] = dict(parts.last_run)
    return data


def run() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        engine_name = setup_django(Path(tmp))
        from django.conf import settings

        from bench import bench_strategy
        from ressort.documents import engine, parts
        from ressort.strategy import documents
        from ressort.strategy.models import ActionSheet

        settings.RESSORT_DOCUMENT_CACHE_DIR = str(Path(tmp) / "parts")
        bench_strategy.EDITS = 0  # the history does not print
        t0 = time.perf_counter()
        approach, _user = bench_strategy._build()
        results: dict[str, Any] = {
            "database": engine_name,
            "load_average_1min_at_start": round(os.getloadavg()[0], 2),
            "cores": os.cpu_count(),
            "layout_processes": parts.workers(),
            "actions": bench_strategy.ACTIONS,
            "sheets_per_part": documents.SHEETS_PER_PART,
            "data_build_s": round(time.perf_counter() - t0, 2),
        }

        def single_piece() -> bytes:
            """Today's path before the parts: the same blocks, one WeasyPrint layout."""
            blocks = [b for b in documents.outline(approach) if b[0] != "part"]
            return engine.write_pdf(documents.cover(approach), blocks)

        def export() -> bytes:
            return documents.build(approach, "pdf")

        # The layout processes are started with the background worker, once (`ressort taches
        # travailleur`), not by the first export: started here the same way before timing,
        # and their start-up reported apart.
        results["layout_processes_start_s"] = parts.start_layout_processes()
        results["layout_processes_start_note"] = "started with the worker, once"
        _timed(results, "single_piece", single_piece)
        first = _timed(results, "first_export", export)
        sheet = ActionSheet.objects.filter(approach=approach).order_by("order")[200]
        sheet.purpose = "Objectif réécrit pour le banc : une fiche modifiée, une seule."
        sheet.save(update_fields=["purpose"])
        changed = _timed(results, "reexport_one_sheet_text", export)
        sheet.progress = (sheet.progress + 7) % 100
        sheet.save(update_fields=["progress"])
        _timed(results, "reexport_one_sheet_progress", export)
        _timed(results, "reexport_unchanged", export)

        import io

        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(changed))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
        results["pages"] = len(reader.pages)
        results["tagged"] = "/StructTreeRoot" in reader.trailer["/Root"]
        results["changed_text_present"] = "une fiche modifiée, une seule" in text.replace(
            "\u202f", " "
        ).replace("\u00a0", " ")
        results["first_export_pages"] = len(PdfReader(io.BytesIO(first)).pages)
        results["speedup_first_export"] = round(
            results["single_piece_s"] / results["first_export_s"], 2
        )
        results["speedup_reexport_one_sheet"] = round(
            results["single_piece_s"] / results["reexport_one_sheet_text_s"], 2
        )
        results["cpu_ratio_first_export"] = round(
            results["single_piece_cpu_s"] / results["first_export_cpu_s"], 2
        )
        results["cpu_ratio_reexport_one_sheet"] = round(
            results["single_piece_cpu_s"] / results["reexport_one_sheet_text_cpu_s"], 2
        )
        results["load_average_1min_at_end"] = round(os.getloadavg()[0], 2)
        results.update(_portrait())  # with the same layout processes, still started
        parts.stop_layout_processes()
        return results


def _portrait() -> dict[str, Any]:
    """The portrait PDF of bench_portrait's large démarche (300 indicators × 10 years, 2,000
    testimonies, 500 observations), built in the same database after the strategy's figures
    (its user is the plan's): the web export's builder, through the document engine, laid out
    in parts like the strategy; timed twice — a first export with none of its parts in the
    cache, then a new export of the same data (the parts cached: merge only)."""
    import io

    from pypdf import PdfReader

    from bench import bench_portrait
    from ressort.documents import parts
    from ressort.portrait import documents as portrait_documents
    from ressort.portrait import portrait as pt

    t0 = time.perf_counter()
    approach, _user = bench_portrait._build_approach()
    out: dict[str, Any] = {
        "portrait_indicators": bench_portrait.INDICATORS,
        "portrait_years": bench_portrait.YEARS,
        "portrait_testimonies": bench_portrait.TESTIMONIES,
        "portrait_observations": bench_portrait.OBSERVATIONS,
        "portrait_data_build_s": round(time.perf_counter() - t0, 2),
    }
    t0 = time.perf_counter()
    portrait = pt.build(approach)
    out["portrait_computed_s"] = round(time.perf_counter() - t0, 2)
    t0 = time.perf_counter()
    blocks = portrait_documents._outline(approach, portrait)
    out["portrait_outline_s"] = round(time.perf_counter() - t0, 2)
    out["portrait_blocks"] = len(blocks)
    data = b""
    for name in ("portrait_pdf", "portrait_pdf_again"):
        out[f"{name}_load_1min"] = round(os.getloadavg()[0], 2)
        t0, c0 = time.perf_counter(), _cpu()
        data = portrait_documents.build(approach, "pdf")
        out[f"{name}_s"] = round(time.perf_counter() - t0, 2)
        # Laid out in parts (ressort.portrait.documents.PART): the layout processes' CPU
        # time is reported by the parts, as for the strategy.
        extra = parts.last_run.get("cpu_in_layout_processes_s", 0.0)
        out[f"{name}_cpu_s"] = round(_cpu() - c0 + extra, 2)
        out[f"{name}_steps"] = dict(parts.last_run)
    reader = PdfReader(io.BytesIO(data))
    out["portrait_pdf_kb"] = round(len(data) / 1024)
    out["portrait_pdf_pages"] = len(reader.pages)
    out["portrait_pdf_tagged"] = "/StructTreeRoot" in reader.trailer["/Root"]
    return out
