"""Who may do what on a démarche. Every view goes through get_approach_for_user.

A user who is not a member of a démarche gets a 404 for anything of it, as if it did not
exist; a member whose role lacks a right gets a 403 with a French message.
"""

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from ressort.approaches.models import Approach, Membership, Role


class Right(StrEnum):
    VIEW = "voir"
    COMMENT = "commenter"
    CONTRIBUTE = "contribuer"
    EDIT_FRAMING = "modifier le cadrage"
    MANAGE_MEMBERS = "gérer les membres"
    DELETE = "supprimer la démarche"


ALL_ROLES = frozenset(Role)
LEADS = frozenset({Role.FACILITATOR, Role.PROJECT_LEAD})

RIGHTS: dict[Right, frozenset[Role]] = {
    Right.VIEW: ALL_ROLES,
    Right.COMMENT: ALL_ROLES,
    Right.CONTRIBUTE: frozenset(
        {Role.FACILITATOR, Role.PROJECT_LEAD, Role.ELECTED_LEAD, Role.TEAM_MEMBER}
    ),
    Right.EDIT_FRAMING: LEADS,
    Right.MANAGE_MEMBERS: LEADS,
    Right.DELETE: LEADS,
}


class RightRefused(PermissionDenied):
    """A member's role lacks a right: carries what the 403 page explains."""

    def __init__(self, approach: Approach, role: str, right: Right) -> None:
        self.approach = approach
        self.role = role
        self.right = right
        super().__init__(f"Votre rôle ({Role(role).label}) ne permet pas de {right.value}.")

    def roles_allowed(self) -> list[str]:
        return [role.label for role in Role if role in RIGHTS[self.right]]

    def whom_to_ask(self) -> list[str]:
        """The démarche's leads, who can change roles."""
        leads = self.approach.memberships.filter(role__in=LEADS).select_related("user")
        return [m.user.display_name for m in leads.order_by("role", "user__email")]


def role_has(role: str | None, right: Right) -> bool:
    return role is not None and Role(role) in RIGHTS[right]


def approaches_for_user(user: object) -> QuerySet[Approach]:
    if not getattr(user, "is_authenticated", False):
        return Approach.objects.none()
    return Approach.objects.filter(memberships__user=user)


def get_approach_for_user(request: HttpRequest, slug: str, right: Right = Right.VIEW) -> Approach:
    """The démarche if the user is a member with this right; 404 or 403 otherwise."""
    user = request.user
    membership = (
        Membership.objects.select_related("approach", "approach__territory")
        .filter(approach__slug=slug, user_id=getattr(user, "pk", None))
        .first()
        if user.is_authenticated
        else None
    )
    if membership is None:
        raise Http404("Démarche introuvable.")
    approach = membership.approach
    approach.current_role = membership.role  # type: ignore[attr-defined]
    approach.current_scope = tuple(membership.scope or ())  # type: ignore[attr-defined]
    if not role_has(membership.role, right):
        raise RightRefused(approach, membership.role, right)
    return approach


def user_rights(role: str) -> set[str]:
    """Rights of a role, as names usable in templates (can.modifier_le_cadrage…)."""
    return {right.name.lower() for right in Right if role_has(role, right)}
