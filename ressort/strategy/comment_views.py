"""Comments on the strategy: on an action sheet or an axis, by any member (`Right.COMMENT`,
partners included), deleted by their author or a lead. One small POST view per operation."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from ressort.approaches.access import LEADS
from ressort.approaches.models import Approach, Role
from ressort.strategy.models import ActionSheet, Axis, Comment
from ressort.web import Right, demarche_view, get_scoped
from ressort.web.scoped import WRITE

MAX_LENGTH = Comment._meta.get_field("text").max_length or 3000


def _add(request: HttpRequest, approach: Approach, back: str, **target: object) -> HttpResponse:
    text = request.POST.get("text", "").strip()
    if not text:
        messages.error(request, "Le commentaire est vide\u00a0: écrivez-le avant de publier.")
    elif len(text) > MAX_LENGTH:
        messages.error(
            request,
            f"Le commentaire est trop long ({len(text)} caractères pour {MAX_LENGTH} au plus).",
        )
    else:
        Comment.objects.create(approach=approach, author=request.user, text=text, **target)
        messages.success(request, "Votre commentaire est publié pour l'équipe.")
    return redirect(back)


@demarche_view(Right.COMMENT, WRITE, objects={"pk": ActionSheet})
def sheet_comment(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    sheet = get_scoped(ActionSheet, approach, pk=pk)
    back = reverse("strategy:sheet_detail", args=[approach.slug, sheet.pk]) + "#commentaires"
    return _add(request, approach, back, sheet=sheet)


@demarche_view(Right.COMMENT, WRITE, objects={"pk": Axis})
def axis_comment(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    axis = get_scoped(Axis, approach, pk=pk)
    back = reverse("strategy:overview", args=[approach.slug]) + f"#commentaires-axe-{axis.pk}"
    return _add(request, approach, back, axis=axis)


@demarche_view(Right.COMMENT, WRITE, objects={"pk": Comment})
def comment_delete(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    comment = get_scoped(Comment, approach, pk=pk)
    role = Role(approach.current_role)  # type: ignore[attr-defined]
    if comment.author_id != request.user.pk and role not in LEADS:
        raise PermissionDenied(
            "Seuls l'auteur du commentaire et les responsables de la démarche peuvent le supprimer."
        )
    if comment.sheet_id:
        back = reverse("strategy:sheet_detail", args=[approach.slug, comment.sheet_id])
    else:
        back = reverse("strategy:overview", args=[approach.slug])
    comment.delete()
    messages.success(request, "Le commentaire est supprimé.")
    return redirect(back + "#commentaires" if comment.sheet_id else back)
