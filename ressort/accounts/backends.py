"""The sign-in lockout (django-axes) as an authentication backend."""

from typing import Any

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """Refuses a sign-in from a locked-out account or address (settings.AXES_*).

    django-axes raises when `authenticate()` is called without a request; outside HTTP (the
    test client's `login()`, a script) there is no address to throttle, so it lets the next
    backend decide.
    """

    def authenticate(
        self, request: Any, username: Any = None, password: Any = None, **kwargs: Any
    ) -> Any:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def lockout_username(request: Any, credentials: Any = None) -> str | None:
    """The account a sign-in is for (settings.AXES_USERNAME_CALLABLE): the email, lowercased.

    Our sign-in form and the admin's post it as `username`; django-axes would look for the
    user model's `email` field and find nothing, and the per-account lock would never bite.
    """
    credentials = credentials or {}
    posted = getattr(request, "POST", {}) if request is not None else {}
    value = credentials.get("username") or credentials.get("email") or posted.get("username")
    return str(value).strip().lower() if value else None
