"""Deploy checks (`ressort check --deploy`) for what an instance must not go live with."""

import os
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import checks
from django.core.checks import Error, Tags, register
from django.db import DatabaseError
from django.db.models import Q

from ressort.approaches.demo import DEMO_PASSWORD, demo_emails


@register(Tags.security, deploy=True)
def demo_password_unchanged(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """Fail while a demo account, or any staff account, still has the public demo password.

    Only those accounts are tried: checking a password costs a hash (≈ 0.3 s), too slow to do
    for every account of a large instance.
    """
    users = get_user_model().objects.filter(
        Q(email__in=demo_emails())
        | Q(email__iendswith="@demo.ressort.fr")
        | Q(is_staff=True)
        | Q(is_superuser=True)
    )
    try:
        exposed = [user.email for user in users if user.check_password(DEMO_PASSWORD)]
    except DatabaseError:  # not migrated yet: nothing to check
        return []
    if not exposed:
        return []
    return [
        Error(
            f"Des comptes ont encore le mot de passe public de la démo : {', '.join(exposed)}.",
            hint="Changez leur mot de passe (ressort changepassword ADRESSE) ou supprimez-les.",
            id="ressort.E001",
        )
    ]


@register(Tags.security, deploy=True)
def secret_key_set(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    if settings.DEBUG or os.environ.get("SECRET_KEY"):
        return []
    return [
        Error(
            "SECRET_KEY n'est pas défini alors que DEBUG=0.",
            hint="Définissez SECRET_KEY (une longue valeur aléatoire, gardée secrète).",
            id="ressort.E002",
        )
    ]


@register(Tags.compatibility)
def branding_settings(app_configs: Any = None, **kwargs: Any) -> list[checks.Warning]:
    """The operator's colour and logo file, checked at start-up (ressort.branding): a wrong
    value is not fatal (the default colour, no logo) but is said."""
    from ressort.branding import check_startup

    return [
        checks.Warning(problem, hint="Corrigez la variable d'environnement.", id="ressort.W010")
        for problem in check_startup()
    ]
