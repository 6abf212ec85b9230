"""Error pages in French, in the site's layout, each offering the way back.

A 403 on a démarche says which roles may do what was asked and whom to ask (its leads).
The 500 page is rendered without the request's context: whatever failed must not fail again.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from ressort.approaches.access import RightRefused


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    context: dict[str, object] = {"reason": str(exception) if exception else ""}
    if isinstance(exception, RightRefused):
        context.update(
            demarche=exception.approach,
            roles_allowed=exception.roles_allowed(),
            whom_to_ask=exception.whom_to_ask(),
        )
    return render(request, "403.html", context, status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return HttpResponseServerError(loader.get_template("500.html").render())
