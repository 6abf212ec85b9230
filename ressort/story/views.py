"""La mise en récit: the story page, a chapter's editing with history and revert, the
document. Every page goes through demarche_view (another démarche's story is a 404)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ressort.approaches.models import Approach
from ressort.documents import jobs
from ressort.documents import views as document_views
from ressort.documents.engine import MIMES
from ressort.story import documents, services
from ressort.story.forms import ChapterForm
from ressort.story.models import Chapter, ChapterKey
from ressort.web import Right, demarche_view
from ressort.web.scoped import FORM, READ, WRITE

KEYS = {"key": tuple(ChapterKey.values)}


@demarche_view(Right.VIEW, READ)
def story(request: HttpRequest, approach: Approach) -> HttpResponse:
    return render(
        request,
        "story/story.html",
        {
            "chapters": services.chapters(approach),
            "document_jobs": jobs.jobs_context(approach, documents.KIND),
        },
    )


def _chapter_or_404(key: str) -> str:
    from django.http import Http404

    if key not in ChapterKey.values:
        raise Http404("Chapitre inconnu.")
    return key


@demarche_view(Right.CONTRIBUTE, FORM, samples=KEYS)
def chapter_edit(request: HttpRequest, approach: Approach, key: str) -> HttpResponse:
    _chapter_or_404(key)
    chapter = Chapter.objects.filter(approach=approach, key=key).first()
    view = next(c for c in services.chapters(approach) if c.key == key)
    if request.method == "POST":
        form = ChapterForm(request.POST, instance=chapter)
        if form.is_valid():
            services.save(
                approach,
                key,
                text=form.cleaned_data["text"],
                public=form.cleaned_data["public"],
                user=request.user,
            )
            messages.success(request, f"Chapitre «\u00a0{view.title}\u00a0» enregistré.")
            return redirect("story:story", approach.slug)
    else:
        form = ChapterForm(
            instance=chapter, initial={"text": view.text} if not view.written else None
        )
    history = list(chapter.history.select_related("history_user")[:20]) if chapter else []
    return render(
        request,
        "story/chapter_form.html",
        {"form": form, "chapter": view, "history": history, "draft_shown": not view.written},
        status=400 if request.method == "POST" else 200,
    )


@demarche_view(Right.CONTRIBUTE, WRITE, samples=KEYS)
def chapter_revert(request: HttpRequest, approach: Approach, key: str) -> HttpResponse:
    """Bring back an earlier version of the chapter (posted as « version »)."""
    _chapter_or_404(key)
    chapter = Chapter.objects.filter(approach=approach, key=key).first()
    try:
        history_id = int(request.POST.get("version", ""))
        services.revert(chapter, history_id, request.user)  # type: ignore[arg-type]
    except (ValueError, AttributeError, Chapter.history.model.DoesNotExist):
        messages.error(request, "Cette version du chapitre n'existe pas.")
        return redirect("story:chapter_edit", approach.slug, key)
    messages.success(request, "La version choisie du chapitre est rétablie.")
    return redirect("story:chapter_edit", approach.slug, key)


document_start = document_views.start_view(documents, "story:story", formats=MIMES)
