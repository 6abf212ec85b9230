"""Conflicts put to work: the register, and each conflict's parties, options and meetings."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ressort.approaches.models import Approach
from ressort.governance.forms import ConflictForm, MeetingForm, OptionForm, PartyForm
from ressort.governance.models import Conflict, ConflictMeeting, ConflictOption, ConflictParty
from ressort.web import Right, demarche_view, get_scoped, link_to
from ressort.web.generic import add_view, delete_view, object_pages, with_approach

_detail_url = link_to("governance:conflict_detail", "pk")


_list_url = link_to("governance:conflict_list")


@demarche_view(Right.VIEW)
def conflict_list(request: HttpRequest, approach: Approach) -> HttpResponse:
    conflicts = (
        Conflict.objects.filter(approach=approach)
        .annotate(party_count=Count("parties", distinct=True))
        .prefetch_related("parties__actor")
    )
    return render(request, "governance/conflict_list.html", {"conflicts": conflicts})


conflict_edit, conflict_delete = object_pages(
    Conflict,
    ConflictForm,
    title=lambda c: (
        f"Modifier «\u00a0{c.title}\u00a0»" if c.pk else "Inscrire un conflit au registre"
    ),
    done=_detail_url,
    listing=_list_url,
    form_kwargs=with_approach,
    delete="governance:conflict_delete",
    saved="Le conflit est enregistré.",
    what=lambda c: f"Le conflit «\u00a0{c.title}\u00a0»",
    consequence="ses parties, options et rencontres partent avec lui",
    gone="{what} est supprimé.",
)

# Each kind of part of a conflict: its form, its prefix, its success message.
PARTS: dict[str, tuple[type[ModelForm], str]] = {  # type: ignore[type-arg]
    "party": (PartyForm, "La partie est ajoutée."),
    "option": (OptionForm, "L'option est ajoutée."),
    "meeting": (MeetingForm, "La rencontre est ajoutée."),
}


def _forms(approach: Approach, bound: dict[str, Any]) -> dict[str, Any]:
    forms = {}
    for name, (form_class, _) in PARTS.items():
        kwargs = {"approach": approach} if form_class is PartyForm else {}
        forms[name] = bound.get(name) or form_class(prefix=name, **kwargs)
    return forms


def _render_detail(
    request: HttpRequest, approach: Approach, conflict: Conflict, bound: dict[str, Any]
) -> HttpResponse:
    return render(
        request,
        "governance/conflict_detail.html",
        {
            "conflict": conflict,
            "parties": conflict.parties.select_related("actor"),
            "options": conflict.options.all(),
            "meetings": conflict.meetings.all(),
            "forms": _forms(approach, bound),
        },
        status=400 if bound else 200,
    )


@demarche_view(Right.VIEW, objects={"pk": Conflict})
def conflict_detail(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    return _render_detail(request, approach, get_scoped(Conflict, approach, pk=pk), {})


def _part_add(part: str) -> Any:
    form_class, message = PARTS[part]
    return add_view(
        Conflict,
        form_class,
        parent="conflict",
        prefix=part,
        form_kwargs=with_approach if form_class is PartyForm else None,
        page=lambda request, approach, conflict, form: _render_detail(
            request, approach, conflict, {part: form}
        ),
        saved=message,
        done=link_to("governance:conflict_detail", "conflict_id", fragment=f"{part}s"),
    )


party_add = _part_add("party")
option_add = _part_add("option")
meeting_add = _part_add("meeting")


_parent = link_to("governance:conflict_detail", "conflict_id")


party_delete = delete_view(
    ConflictParty,
    what=lambda p: f"La partie «\u00a0{p.label}\u00a0»",
    done=_parent,
    gone="{what} est retirée.",
)
option_delete = delete_view(
    ConflictOption,
    what=lambda o: f"L'option «\u00a0{o.title}\u00a0»",
    done=_parent,
    gone="{what} est retirée.",
)
meeting_delete = delete_view(
    ConflictMeeting,
    what=lambda m: f"La rencontre du {m.held_on:%d/%m/%Y}",
    done=_parent,
    gone="{what} est retirée.",
)
