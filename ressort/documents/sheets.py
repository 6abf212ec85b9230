"""Short documents that are forms rather than reports — an attendance sheet, a certificate.

They have no cover and no table of contents, but the frame every document of a démarche has
(ressort.documents.engine): the authority's logo and name at the top, the operator's logo
and name, the operator's accent colour (ressort.branding), A4, French, the document's title,
page numbers in the footer when asked, and a tagged PDF (PDF/UA-1: structure tree, language,
title, logos as figures with their alternative text). The template extends
« documents/sheet.html » and fills its `body` block (and `style` for its own rules).
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from ressort import branding
from ressort.documents import engine, pdf


def source(
    approach: Any,
    template: str,
    context: dict[str, Any],
    *,
    title: str,
    numbered: bool = True,
) -> str:
    """The HTML of the sheet: `context` plus the démarche's branding (`cover`: the
    authority's name and logo, the operator's name and logo; `accent`: #rrggbb only)."""
    accent = branding.accent()
    return render_to_string(
        template,
        {
            **context,
            "approach": approach,
            "cover": engine.cover_for(approach, title),
            "numbered": numbered,
            "accent": accent,
            "accent_tint": branding.tint(accent),
        },
    )


def write_pdf(
    approach: Any,
    template: str,
    context: dict[str, Any],
    *,
    title: str,
    numbered: bool = True,
) -> bytes:
    """The sheet as a tagged PDF that fetches nothing outside Ressort's files."""
    return pdf.write(pdf.html(source(approach, template, context, title=title, numbered=numbered)))
