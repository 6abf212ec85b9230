"""Participant pages: no account, a join code, an anonymous token in a cookie.

Phone first and small: these pages do not load Bootstrap, only a few lines of CSS and one
small script. Everything works without JavaScript (plain forms); with it, answers travel
over a websocket and are acknowledged in a live region once stored.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ressort.accounts.throttle import client_ip
from ressort.workshops import live, services
from ressort.workshops.forms import JoinForm
from ressort.workshops.kinds import AnswerError, get_kind
from ressort.workshops.models import Participant, Workshop

COOKIE_PREFIX = "rs_atelier_"


def cookie_name(workshop: Workshop) -> str:
    return f"{COOKIE_PREFIX}{workshop.pk}"


def client_address(request: HttpRequest) -> str:
    return client_ip(request)  # the real client behind the trusted proxies


def _participant(request: HttpRequest, workshop: Workshop) -> Participant | None:
    return services.participant_for(workshop, request.COOKIES.get(cookie_name(workshop)))


def _activity_blocks(participant: Participant) -> list[dict[str, Any]]:
    blocks = []
    for activity in services.open_activities(participant.workshop):
        kind = get_kind(activity.kind)
        mine = services.my_answers(participant, activity)
        blocks.append(
            {
                "activity": activity,
                "kind": kind,
                "mine": mine,
                "template": kind.participant_template,
                **kind.participant_context(activity.config, mine),
            }
        )
    return blocks


def _board_context(participant: Participant, **extra: Any) -> dict[str, Any]:
    workshop = participant.workshop
    return {
        "workshop": workshop,
        "participant": participant,
        "blocks": _activity_blocks(participant),
        "closed_consultation": not workshop.accepts_answers(),
        **extra,
    }


@require_http_methods(["GET", "POST"])
def join(request: HttpRequest, code: str = "") -> HttpResponse:
    """Enter a code (or arrive from the QR code's link), optional pseudonym and category."""
    error = ""
    workshop: Workshop | None = None
    initial_code = code or request.GET.get("code", "")
    key = request.GET.get("cle", "") or request.POST.get("cle", "")  # the QR code's link
    if initial_code and request.method == "GET":
        try:
            workshop = services.find_workshop(initial_code, client_address(request), key)
        except services.JoinError as exc:
            error = str(exc)
        else:
            if _participant(request, workshop) is not None:
                return redirect("atelier:board", workshop.join_code)
    form = JoinForm(
        request.POST or None,
        initial={"code": initial_code},
        categories=workshop.category_list() if workshop and workshop.ask_category else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            workshop = services.find_workshop(
                form.cleaned_data["code"], client_address(request), key
            )
        except services.JoinError as exc:
            error = str(exc)
        else:
            existing = _participant(request, workshop)
            category = request.POST.get("category", "").strip()
            if category not in workshop.category_list() or not workshop.ask_category:
                category = ""
            if existing is None:
                existing = Participant.objects.create(
                    workshop=workshop,
                    pseudonym=form.cleaned_data["pseudonym"],
                    category=category,
                )
                live.notify_projection(workshop.pk, 0)
            response = redirect("atelier:board", workshop.join_code)
            expires = workshop.code_expires_at
            max_age = (
                int((expires - timezone.now()).total_seconds()) + 86400 * 30
                if expires
                else 86400 * 60
            )
            response.set_cookie(
                cookie_name(workshop),
                existing.token,
                max_age=max(max_age, 3600),
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
            return response
    status = 429 if error and "Trop de codes" in error else 200
    return render(
        request,
        "workshops/join.html",
        {"form": form, "error": error, "workshop": workshop, "key": key},
        status=status,
    )


def _board_or_join(
    request: HttpRequest, code: str
) -> tuple[Participant | None, HttpResponse | None]:
    workshop = Workshop.objects.filter(join_code=code.upper()).first()
    if workshop is None:
        return None, redirect(reverse("atelier:join") + f"?code={code}")
    participant = _participant(request, workshop)
    if participant is None:
        return None, redirect("atelier:enter", workshop.join_code)
    return participant, None


@require_GET
def board(request: HttpRequest, code: str) -> HttpResponse:
    participant, redirection = _board_or_join(request, code)
    if redirection is not None:
        return redirection
    assert participant is not None
    return render(request, "workshops/board.html", _board_context(participant))


@require_GET
def board_fragment(request: HttpRequest, code: str) -> HttpResponse:
    participant, redirection = _board_or_join(request, code)
    if redirection is not None:
        return HttpResponse("", status=403)
    assert participant is not None
    return render(request, "workshops/_board.html", _board_context(participant))


@require_POST
def answer(request: HttpRequest, code: str, apk: int) -> HttpResponse:
    """The no-JavaScript path: the same validation and storage as the websocket."""
    participant, redirection = _board_or_join(request, code)
    if redirection is not None:
        return redirection
    assert participant is not None
    try:
        if request.POST.get("retirer"):
            services.withdraw_answer(participant, apk, request.POST["retirer"])
            notice = "Votre contribution est retirée."
        else:
            services.store_answers(participant, apk, request.POST)
            notice = "Votre réponse est enregistrée."
    except AnswerError as error:
        return render(
            request,
            "workshops/board.html",
            _board_context(participant, error=str(error), error_activity=apk),
            status=400,
        )
    live.notify_projection(participant.workshop_id, apk)
    response = render(request, "workshops/board.html", _board_context(participant, notice=notice))
    return response
