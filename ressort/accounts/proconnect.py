"""Sign-in with ProConnect, the State's OpenID Connect federation for public agents.

mozilla-django-oidc runs the authorisation-code flow (state, nonce, signed id_token, and
ProConnect's userinfo answered as a signed JWT); this backend matches the agent to an
account — by the `sub` already linked, else by the email address — or creates one, and keeps
`sub` and `siret` (ProConnectIdentity). Password sign-in stays for everyone else.
Configured from the environment (settings: PROCONNECT_*); absent, nothing of it is served.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import resolve_url
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from ressort.accounts.models import ProConnectIdentity, User

SCOPES = "openid email given_name usual_name siret uid"


def enabled() -> bool:
    return bool(getattr(settings, "OIDC_RP_CLIENT_ID", ""))


class ProConnectBackend(OIDCAuthenticationBackend):
    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return bool(claims.get("sub")) and bool(claims.get("email"))

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        linked = User.objects.filter(proconnect__sub=claims["sub"])
        if linked.exists():
            return linked
        return User.objects.filter(email__iexact=claims["email"].strip())

    @transaction.atomic
    def create_user(self, claims: dict[str, Any]) -> User:
        user = User.objects.create_user(
            email=claims["email"].strip(),
            first_name=claims.get("given_name", "")[:150],
            last_name=claims.get("usual_name", "")[:150],
        )
        self._link(user, claims)
        return user

    @transaction.atomic
    def update_user(self, user: User, claims: dict[str, Any]) -> User:
        self._link(user, claims)
        return user

    def _link(self, user: User, claims: dict[str, Any]) -> None:
        ProConnectIdentity.objects.update_or_create(
            user=user,
            defaults={"sub": claims["sub"], "siret": str(claims.get("siret", ""))[:14]},
        )


def logout_url(request: HttpRequest) -> str:
    """ProConnect's end of session (its guidelines ask for it), back to our sign-in page."""
    params = {
        "id_token_hint": request.session.get("oidc_id_token", ""),
        "state": request.session.session_key or "fin",
        "post_logout_redirect_uri": request.build_absolute_uri(
            resolve_url(settings.LOGOUT_REDIRECT_URL)
        ),
    }
    return f"{settings.OIDC_OP_LOGOUT_ENDPOINT}?{urlencode(params)}"
