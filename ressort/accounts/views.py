"""Sign-in lockout page and the throttled password reset."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
    OIDCLogoutView,
)

from ressort.accounts import proconnect
from ressort.accounts.throttle import Limit, client_ip

# Password reset requests: per address, and per requested email (whether or not an account
# has it, so that the answer tells nothing about which accounts exist).
RESET_BY_ADDRESS = Limit("reset-address", limit=10, window=3600)
RESET_BY_EMAIL = Limit("reset-email", limit=3, window=3600)


def locked_out(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """django-axes' lockout answer (settings.AXES_LOCKOUT_CALLABLE), in French."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "accounts/locked_out.html",
        {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes},
        status=429,
    )


class PasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, refused in French beyond a few requests an hour."""

    def form_valid(self, form: Any) -> HttpResponse:
        address = client_ip(self.request)
        email = str(form.cleaned_data["email"]).strip().lower()
        if RESET_BY_ADDRESS.exceeded(address) or RESET_BY_EMAIL.exceeded(email):
            form.add_error(
                None,
                "Trop de demandes de nouveau mot de passe pour cette adresse ou depuis cette "
                "connexion : réessayez dans une heure. Si un lien vous a déjà été envoyé, il "
                "reste valable : regardez vos courriels (et les indésirables).",
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        RESET_BY_ADDRESS.hit(address)
        RESET_BY_EMAIL.hit(email)
        return super().form_valid(form)


def _proconnect_only(view: Any) -> Any:
    """Serve a ProConnect view only on an instance where ProConnect is configured."""

    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not proconnect.enabled():
            raise Http404("ProConnect n'est pas configuré sur ce site.")
        return view(request, *args, **kwargs)

    return guarded


PROCONNECT_FAILED = (
    "La connexion avec ProConnect n'a pas abouti. Réessayez, ou connectez-vous avec votre "
    "adresse électronique et votre mot de passe."
)
proconnect_login = _proconnect_only(OIDCAuthenticationRequestView.as_view())


class ProConnectCallbackView(OIDCAuthenticationCallbackView):
    """Back from ProConnect: a failure is said in French on the sign-in page."""

    @property
    def failure_url(self) -> str:
        messages.error(self.request, PROCONNECT_FAILED)
        return super().failure_url

    def get(self, request: HttpRequest) -> HttpResponse:
        try:
            return super().get(request)
        except SuspiciousOperation:  # a state or nonce that does not match: refused
            return self.login_failure()


proconnect_callback = _proconnect_only(ProConnectCallbackView.as_view())
proconnect_logout = _proconnect_only(OIDCLogoutView.as_view())
