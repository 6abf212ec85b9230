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
from ressort.web.generic import Noun, add_view, delete_view, object_pages

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
    noun=Noun("le conflit", "title", add="Inscrire un conflit au registre"),
    done=_detail_url,
    listing=_list_url,
    delete="governance:conflict_delete",
    consequence="ses parties, options et rencontres partent avec lui",
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
        forms[name] = bound.get(name) or form_class(prefix=name, approach=approach)
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
    ConflictParty, noun=Noun("la partie", "label", feminine=True, removed=True), done=_parent
)
option_delete = delete_view(
    ConflictOption, noun=Noun("l'option", "title", feminine=True, removed=True), done=_parent
)
meeting_delete = delete_view(
    ConflictMeeting,
    what=lambda m: f"La rencontre du {m.held_on:%d/%m/%Y}",
    done=_parent,
    gone="{what} est retirée.",
)
