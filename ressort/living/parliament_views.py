"""The parlement du vivant: sessions, spokespeople for non-human entities, statements."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ressort.approaches.models import Approach
from ressort.living import services
from ressort.living.forms import ParliamentForm, SpokespersonForm, StatementForm
from ressort.living.models import Parliament, Position, Spokesperson, Statement
from ressort.web import Right, demarche_url, demarche_view, get_scoped, link_to
from ressort.web.generic import Noun, add_view, delete_view, object_pages
from ressort.web.scoped import WRITE

_list = link_to("living:parliament_list")


@demarche_view(Right.VIEW)
def parliament_list(request: HttpRequest, approach: Approach) -> HttpResponse:
    sessions = Parliament.objects.filter(approach=approach).prefetch_related("spokespeople")
    return render(request, "living/parliament_list.html", {"sessions": sessions})


def _detail_page(
    request: HttpRequest,
    approach: Approach,
    parliament: Parliament,
    *,
    spokesperson_form: SpokespersonForm | None = None,
    statement_form: StatementForm | None = None,
    statement_for: int | None = None,
    status: int = 200,
) -> HttpResponse:
    spokespeople = parliament.spokespeople.select_related("actor", "milieu", "species")
    statements = (
        Statement.objects.filter(spokesperson__parliament=parliament)
        .select_related("spokesperson", "action", "resource")
        .order_by("action__title", "spokesperson__entity", "pk")
    )
    by_action: dict[str, list[Statement]] = {}
    for statement in statements:
        if statement.action_id and (
            statement.position != Position.NONE or statement.grade is not None
        ):
            by_action.setdefault(statement.action.title, []).append(statement)  # type: ignore[union-attr]
    return render(
        request,
        "living/parliament_detail.html",
        {
            "parliament": parliament,
            "spokespeople": [
                (s, [st for st in statements if st.spokesperson_id == s.pk]) for s in spokespeople
            ],
            "positions": sorted(by_action.items()),
            "spokesperson_form": spokesperson_form
            or SpokespersonForm(approach=approach, parliament=parliament),
            "statement_form": statement_form or StatementForm(approach=approach),
            "statement_for": statement_for,
        },
        status=status,
    )


@demarche_view(Right.VIEW, objects={"pk": Parliament})
def parliament_detail(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    return _detail_page(request, approach, get_scoped(Parliament, approach, pk=pk))


parliament_edit, parliament_delete = object_pages(
    Parliament,
    ParliamentForm,
    noun=Noun(
        "la séance", "title", feminine=True, add="Préparer une séance du parlement du vivant"
    ),
    done=link_to("living:parliament_detail", "pk"),
    listing=_list,
    delete="living:parliament_delete",
    consequence="ses porte-parole et leurs déclarations partent avec elle\u00a0; "
    "les acteurs du registre restent",
)


@demarche_view(Right.CONTRIBUTE, WRITE, objects={"pk": Parliament})
def spokesperson_add(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    parliament = get_scoped(Parliament, approach, pk=pk)
    form = SpokespersonForm(request.POST, approach=approach, parliament=parliament)
    if not form.is_valid():
        return _detail_page(request, approach, parliament, spokesperson_form=form, status=400)
    with transaction.atomic():
        spokesperson = form.save(commit=False)
        spokesperson.parliament = parliament
        spokesperson.save()
        services.link_actor(spokesperson)
    messages.success(
        request,
        f"«\u00a0{spokesperson.entity}\u00a0» a un·e porte-parole\u00a0; elle figure parmi les "
        "acteurs du territoire, comme porte-parole du vivant.",
    )
    return redirect(demarche_url(approach, "living:parliament_detail", parliament.pk))


spokesperson_delete = delete_view(
    Spokesperson,
    what=lambda s: f"Le porte-parole de «\u00a0{s.entity}\u00a0»",
    done=link_to("living:parliament_detail", "parliament_id"),
    consequence="ses déclarations partent avec lui\u00a0; l'acteur du registre reste",
    gone="{what} est supprimé.",
)


def _session_of(request: HttpRequest, statement: Statement) -> str:
    return demarche_url(request, "living:parliament_detail", statement.spokesperson.parliament_id)


statement_add = add_view(
    Spokesperson,
    StatementForm,
    parent="spokesperson",
    page=lambda request, approach, spokesperson, form: _detail_page(
        request,
        approach,
        spokesperson.parliament,
        statement_form=form,
        statement_for=spokesperson.pk,
        status=400,
    ),
    saved="La déclaration est enregistrée.",
    done=_session_of,
)
statement_delete = delete_view(
    Statement, noun=Noun("la déclaration", None, feminine=True), done=_session_of
)
