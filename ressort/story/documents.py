"""The story as a document (PDF, DOCX, ODT) through the document engine."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone

from ressort.approaches.models import Approach
from ressort.documents import engine, jobs
from ressort.documents.models import DocumentJob
from ressort.story import services

KIND = "recit"
Progress = Callable[[int, str], None]
TITLE = "Le récit du territoire"


def outline(approach: Approach) -> list[engine.Block]:
    blocks: list[engine.Block] = [("h1", f"{TITLE} — {approach.perimeter_name}")]
    chapters = services.chapters(approach)
    blocks.append(("h2", "En bref"))
    blocks.append(
        (
            "keys",
            (
                "D'où l'on vient, où l'on va, et comment on y va",
                [f"{c.title}\u00a0: {_first_sentence(c.text)}" for c in chapters],
            ),
        )
    )
    for chapter in chapters:
        blocks.append(("h2", chapter.title))
        if not chapter.written:
            blocks.append(("note", "Proposition de l'application, à relire par l'équipe."))
        blocks += [("p", p.strip()) for p in chapter.text.split("\n\n") if p.strip()]
    return blocks


def _first_sentence(text: str) -> str:
    first = text.strip().split("\n")[0]
    sentence = first.split(". ")[0].rstrip(".")
    return (sentence[:180] + "…") if len(sentence) > 180 else sentence + "."


def _write(fmt: str, approach: Approach, adoption: str = "") -> bytes:
    cover = engine.cover_for(
        approach,
        TITLE,
        kind="Mise en récit",
        adoption=adoption,
        deliverable="recit",
    )
    return engine.write(fmt, cover, outline(approach))


def adopted_pdf(approach: Approach, _target: int | None, adoption: str) -> bytes:
    """The PDF frozen at adoption (ressort.documents.adoption)."""
    return _write("pdf", approach, adoption)


def _build_job(job: DocumentJob, progress: Progress) -> bytes:
    progress(20, "Écriture du récit")
    data = _write(job.format, job.approach)
    progress(100, "Terminé")
    return data


def start_job(approach: Approach, fmt: str, user: Any) -> DocumentJob:
    if fmt not in engine.MIMES:
        raise ValueError(f"Format inconnu\u00a0: «\u00a0{fmt}\u00a0» (pdf, docx ou odt).")
    return jobs.start_job(
        approach,
        KIND,
        fmt,
        _build_job,
        mime=engine.MIMES[fmt],
        filename=f"{approach.slug}-recit-{timezone.localtime():%Y%m%d-%H%M}.{fmt}",
        user=user,
    )
