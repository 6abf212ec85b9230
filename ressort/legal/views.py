"""The legal pages every public site needs, linked from every page's footer."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ressort.approaches.access import approaches_for_user
from ressort.legal.models import LegalPage, LegalText
from ressort.legal.register import REGISTER
from ressort.web import nav


def _operator_text(page: LegalPage) -> str:
    return LegalText.objects.filter(page=page).values_list("body", flat=True).first() or ""


def _page(request: HttpRequest, page: LegalPage, template: str, **extra: object) -> HttpResponse:
    context = {"title": page.label, "operator_text": _operator_text(page), **extra}
    return render(request, template, context)


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        LegalPage.ACCESSIBILITY,
        "legal/accessibility.html",
        conformity=settings.RESSORT_ACCESSIBILITY_CONFORMITY,
        audit_date=settings.RESSORT_ACCESSIBILITY_AUDIT_DATE,
        contact=settings.RESSORT_CONTACT_EMAIL,
    )


@require_GET
def notice(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        LegalPage.NOTICE,
        "legal/notice.html",
        publisher=settings.RESSORT_PUBLISHER or settings.RESSORT_OPERATOR,
        director=settings.RESSORT_PUBLICATION_DIRECTOR,
        host=settings.RESSORT_HOST,
        contact=settings.RESSORT_CONTACT_EMAIL,
    )


@require_GET
def personal_data(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        LegalPage.PERSONAL_DATA,
        "legal/personal_data.html",
        register=REGISTER,
        contact=settings.RESSORT_DPO_EMAIL or settings.RESSORT_CONTACT_EMAIL,
    )


@require_GET
def sitemap(request: HttpRequest) -> HttpResponse:
    demarches = []
    for approach in approaches_for_user(request.user).order_by("name"):
        membership = approach.memberships.get(user=request.user)
        menu = nav.menu(approach.slug, membership.role, "", approach.modules, membership.scope)
        demarches.append((approach, menu))
    return render(request, "legal/sitemap.html", {"title": "Plan du site", "demarches": demarches})


SOURCE_PARTS = ("ressort", "pyproject.toml", "requirements.txt", "requirements.in", "Makefile")
SOURCE_FILES = ("README.md", "LICENSE", "manage.py")


def source_archive() -> bytes:
    """The running code as a zip: what the AGPL owes the users of a modified instance."""
    base = Path(settings.BASE_DIR)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in (*SOURCE_PARTS, *SOURCE_FILES):
            path = base / name
            files = [path] if path.is_file() else sorted(path.rglob("*")) if path.exists() else []
            for file in files:
                if file.is_file() and "__pycache__" not in file.parts and file.suffix != ".pyc":
                    archive.write(file, Path("ressort-source") / file.relative_to(base))
    return buffer.getvalue()


@require_GET
def source(request: HttpRequest) -> HttpResponse:
    if request.GET.get("telecharger") == "1":
        data = cache.get("ressort-source-zip")
        if data is None:
            data = source_archive()
            cache.set("ressort-source-zip", data, 3600)
        response = HttpResponse(data, content_type="application/zip")
        response["Content-Disposition"] = 'attachment; filename="ressort-source.zip"'
        return response
    return render(
        request,
        "legal/source.html",
        {"title": "Code source", "source_url": settings.RESSORT_SOURCE_URL},
    )
