"""Context given to every template of a démarche page (set by `demarche_view`)."""

from __future__ import annotations

from django.http import HttpRequest

from ressort.approaches.access import user_rights
from ressort.approaches.models import Role
from ressort.web import nav


def demarche(request: HttpRequest) -> dict[str, object]:
    approach = getattr(request, "approach", None)
    if approach is None:
        return {}
    role = approach.current_role
    match = request.resolver_match
    view_name = match.view_name if match else ""
    entries = nav.entries_for(view_name)
    step = nav.PHASE_BY_CODE[entries[0].phase].step if entries else ""

    def step_guide() -> object:
        # Computed only by the layouts that draw it (a few queries for one step).
        from ressort.approaches.progress import guide

        return guide(approach, step) if step else None

    return {
        "step_guide": step_guide,
        "approach": approach,
        "role": role,
        "role_label": Role(role).label,
        "can": user_rights(role),
        "menu": nav.menu(
            approach.slug,
            role,
            view_name,
            approach.modules,
            getattr(approach, "current_scope", ()),
        ),
    }
