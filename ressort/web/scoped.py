"""The démarche-scoped view: the démarche and the right resolved once, for every page.

The rule is `ressort.approaches.access`'s: anyone who is not a member of the démarche gets
a 404 for anything of it, as if it did not exist; a member whose role lacks the right gets
a 403 explained in French (see `ressort.web.errors`); the anonymous go to the login page.

A member limited to some parts of the démarche (`Membership.scope`, phases of the menu)
gets a 404 for every page outside them, the démarche's home excepted.

A page of a complementary brique (its navigation entry names a `module`) that the démarche
has not activated answers 404 too, but explained: the page names the brique and offers
those who may change the cadrage to activate it (nothing of its content is shown or lost).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from ressort.approaches.access import Right, RightRefused, get_approach_for_user, role_has
from ressort.approaches.method import MODULE_BY_CODE
from ressort.approaches.models import Approach
from ressort.web import freshness, nav
from ressort.web import kept as kept_pages

M = TypeVar("M", bound=Model)
View = Callable[..., HttpResponse]

READ = ("GET", "HEAD")
WRITE = ("POST",)
FORM = ("GET", "HEAD", "POST")


def demarche_view(
    right: Right = Right.VIEW,
    methods: Iterable[str] = READ,
    *,
    post: Right | None = None,
    objects: dict[str, type[Model]] | None = None,
    samples: dict[str, Iterable[str]] | None = None,
    kept: bool = False,
) -> Callable[[View], View]:
    """Decorate `view(request, approach, **kwargs)` served under demarches/<slug>/.

    `right` is the right needed; `methods` the HTTP methods allowed (READ, WRITE or FORM);
    `post` the right a POST needs when more than reading the page does (a page every member
    reads, whose form only the leads may send).
    `objects` names the URL parameters that are ids of the démarche's objects, with their
    model (`{"pk": Indicator}`); `samples` gives example values of the other parameters (a
    `kind` slug…). All are kept on the view for the route-wide rights test
    (tests/web/test_routes.py), which opens every route with them as every role.
    `kept`: the page is kept per reader until the démarche's data changes, when what it
    read allows it (see `ressort.web.kept`).
    """
    allowed = tuple(methods)
    writing = post or right

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
            match = request.resolver_match
            view_name = match.view_name if match else ""
            reading = request.method in ("GET", "HEAD", "OPTIONS")
            try:
                approach = get_approach_for_user(request, slug, right if reading else writing)
            except RightRefused as refusal:
                outside(refusal.approach, view_name)  # a closed part is a 404, not a 403
                raise
            outside(approach, view_name)
            request.approach = approach  # type: ignore[attr-defined]
            module = nav.module_of(view_name)
            if module and module not in approach.modules:
                return inactive_module(request, approach, module)
            if reading:
                freshness.pin(approach)  # nothing written here: one reading of the versions
                page_key = kept_pages.key(request, approach) if kept else None
                if page_key is None:
                    return view(request, approach, *args, **kwargs)
                return kept_pages.read(
                    request, approach, page_key, lambda: view(request, approach, *args, **kwargs)
                )
            with freshness.covering(approach.pk):  # the computed pages see the write at once
                return view(request, approach, *args, **kwargs)

        wrapped = require_http_methods(list(allowed))(login_required(wrapper))
        wrapped.demarche_right = right  # type: ignore[attr-defined]
        wrapped.demarche_post_right = writing  # type: ignore[attr-defined]
        wrapped.demarche_kept = kept  # type: ignore[attr-defined]
        wrapped.demarche_methods = allowed  # type: ignore[attr-defined]
        wrapped.demarche_objects = dict(objects or {})  # type: ignore[attr-defined]
        wrapped.demarche_samples = {k: tuple(v) for k, v in (samples or {}).items()}  # type: ignore[attr-defined]
        return wrapped

    return decorate


def outside(approach: Approach, view_name: str) -> None:
    """404 for a member limited to some parts of the démarche, on a page outside them."""
    if not nav.open_view(view_name, getattr(approach, "current_scope", ())):
        raise Http404("Cette partie de la démarche ne vous est pas ouverte.")


def inactive_module(request: HttpRequest, approach: Approach, module: str) -> HttpResponse:
    """The explained 404 of a page whose brique the démarche has not activated."""
    context = {
        "module": MODULE_BY_CODE.get(module),
        "module_code": module,
        "can_activate": role_has(approach.current_role, Right.EDIT_FRAMING),  # type: ignore[attr-defined]
        "back": request.get_full_path() if request.method == "GET" else "",
    }
    return render(request, "approaches/inactive_module.html", context, status=404)


def scope_lookup(model: type[Model]) -> str:
    """The lookup from a model to its démarche: `approach` unless the model says otherwise.

    A model reached through a parent declares `demarche_path = "axis__approach"`.
    """
    return getattr(model, "demarche_path", "approach")


def scoped(model_or_qs: type[M] | QuerySet[M], approach: Approach) -> QuerySet[M]:
    """The objects of the démarche only."""
    qs = model_or_qs if isinstance(model_or_qs, QuerySet) else model_or_qs._default_manager.all()
    return qs.filter(**{scope_lookup(qs.model): approach})


def get_scoped(model_or_qs: type[M] | QuerySet[M], approach: Approach, **lookup: Any) -> M:
    """One object of the démarche, or 404 (another démarche's object is a 404 too)."""
    return get_object_or_404(scoped(model_or_qs, approach), **lookup)
