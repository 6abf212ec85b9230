"""Invitation links: signed, expiring, single use, revocable."""

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from ressort.approaches.models import Invitation, Membership

SALT = "ressort.approaches.invitation"


class InvitationError(Exception):
    """A French message for the person who opened the link."""


def make_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk, "e": invitation.email}, salt=SALT)


def read_token(token: str) -> Invitation:
    max_age = settings.RESSORT_INVITATION_DAYS * 24 * 3600
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise InvitationError(
            f"Ce lien d'invitation a expiré (il est valable {settings.RESSORT_INVITATION_DAYS} "
            "jours). Demandez à la personne qui vous a invité·e de vous en envoyer un nouveau."
        ) from exc
    except signing.BadSignature as exc:
        raise InvitationError(
            "Ce lien d'invitation n'est pas valide\u00a0: il a pu être tronqué ou modifié. "
            "Copiez-le en entier depuis le message reçu."
        ) from exc
    invitation = (
        Invitation.objects.select_related("approach")
        .filter(pk=data.get("i"), email=data.get("e"))
        .first()
    )
    if invitation is None or invitation.revoked_at is not None:
        raise InvitationError("Cette invitation a été annulée.")
    if invitation.accepted_at is not None:
        raise InvitationError(
            "Cette invitation a déjà été utilisée. Connectez-vous pour accéder à la démarche."
        )
    return invitation


def invitation_url(request: HttpRequest, invitation: Invitation) -> str:
    return request.build_absolute_uri(
        reverse("approaches:invitation", args=[make_token(invitation)])
    )


def send_invitation(request: HttpRequest, invitation: Invitation) -> None:
    inviter = invitation.invited_by.display_name if invitation.invited_by else "Un membre"  # type: ignore[attr-defined]
    send_mail(
        subject=f"Invitation à la démarche «\u00a0{invitation.approach.name}\u00a0»",
        message=(
            f"Bonjour,\n\n{inviter} vous invite à rejoindre la démarche «\u00a0"
            f"{invitation.approach.name}\u00a0» sur {settings.RESSORT_INSTANCE_NAME}, "
            f"avec le rôle «\u00a0{invitation.get_role_display()}\u00a0».\n\n"
            f"Pour accepter, ouvrez ce lien (valable {settings.RESSORT_INVITATION_DAYS} jours) :\n"
            f"{invitation_url(request, invitation)}\n"
        ),
        from_email=None,
        recipient_list=[invitation.email],
    )


@transaction.atomic
def accept(invitation: Invitation, user: object) -> Membership:
    membership, _ = Membership.objects.get_or_create(
        approach=invitation.approach, user=user, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return membership
