"""Edit and delete pages of one object of a démarche, declared in a few lines.

    group_edit, group_delete = object_pages(
        PopulationGroup,
        GroupForm,
        right=Right.CONTRIBUTE,
        noun=Noun("le groupe"),
        done=link_to("justice:groups"),
        delete="justice:group_delete",
    )

The same declaration serves the add page (URL without `pk`), the edit page (with `pk`) and
the delete page; `edit_view` and `delete_view` declare one of them alone. The `noun` writes
their French: « Ajouter un groupe », « Modifier le groupe « Jeunes » », « Le groupe est
enregistré. », « Le groupe « Jeunes » est supprimé. » (`title`, `saved`, `what` and `gone`
say it otherwise where that does not fit). A delete page asks
for confirmation on GET (one template for the whole site) and deletes on POST, so a
« Supprimer » button may also post to it directly.

An object added from a form on its parent's page (a node on its chain's page) is declared
with `add_view`: the POST, and on a fault the parent's page drawn again with the typed values.

    node_add = add_view(ImpactChain, NodeForm, prefix="noeud", parent="chain",
                        page=lambda request, approach, chain, form: _chain_page(
                            request, approach, chain, node_form=form),
                        saved=lambda node: f"« {node.label} » est ajouté à la chaîne.",
                        done=link_to("systems:chain", "chain_id", fragment="elements"))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.db.models import Model
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ressort.approaches.access import Right
from ressort.approaches.models import Approach
from ressort.web.forms import DemarcheForm
from ressort.web.links import demarche_url
from ressort.web.scoped import FORM, WRITE, demarche_view, get_scoped

Obj = Any
UrlOf = Callable[[HttpRequest, Obj], str]


@dataclass(frozen=True, slots=True)
class Noun:
    """How the pages of one kind of object name it, in French.

    `words` has its article (« le groupe », « la séance », « l'espèce »), `attr` is the
    attribute that names one object (None: the words alone, « L'engagement »), `add` the add
    page's title when « Ajouter un groupe » does not say it; a part of a page (`removed`) is
    « retiré », not « supprimé ».
    """

    words: str
    attr: str | None = "name"
    feminine: bool = False
    add: str = ""
    removed: bool = False

    def _named(self, obj: Obj) -> str:
        if self.attr is None:
            return self.words
        return f"{self.words} «\u00a0{getattr(obj, self.attr)}\u00a0»"

    def title(self, obj: Obj) -> str:
        if obj.pk:
            return f"Modifier {self._named(obj)}"
        bare = self.words[2:] if self.words.startswith("l'") else self.words.split(" ", 1)[1]
        return self.add or f"Ajouter {'une' if self.feminine else 'un'} {bare}"

    def what(self, obj: Obj) -> str:
        named = self._named(obj)
        return named[0].upper() + named[1:]

    @property
    def saved(self) -> str:
        return f"{self.words[0].upper()}{self.words[1:]} est enregistré{self._e}."

    @property
    def gone(self) -> str:
        return f"{{what}} est {'retiré' if self.removed else 'supprimé'}{self._e}."

    @property
    def _e(self) -> str:
        return "e" if self.feminine else ""


def with_approach(request: HttpRequest, approach: Approach, obj: Obj) -> dict[str, Any]:
    """The `form_kwargs` of a form that takes the démarche (its choices are the démarche's);
    a `DemarcheForm` gets it without saying."""
    return {"approach": approach}


def _form_kwargs(
    form_class: type[BaseForm],
    form_kwargs: Callable[[HttpRequest, Approach, Obj], dict[str, Any]] | None,
    request: HttpRequest,
    approach: Approach,
    obj: Obj,
) -> dict[str, Any]:
    if form_kwargs:
        return form_kwargs(request, approach, obj)
    return {"approach": approach} if issubclass(form_class, DemarcheForm) else {}


def edit_view(
    model: type[Model],
    form_class: type[BaseForm],
    *,
    right: Right = Right.CONTRIBUTE,
    noun: Noun | None = None,
    title: Callable[[Obj], str] | None = None,
    done: UrlOf,
    listing: UrlOf | None = None,
    new: Callable[[HttpRequest, Approach], Obj] | None = None,
    form_kwargs: Callable[[HttpRequest, Approach, Obj], dict[str, Any]] | None = None,
    initial: Callable[[HttpRequest, Approach], dict[str, Any]] | None = None,
    delete: str | None = None,
    template: str = "web/edit.html",
    saved: str = "",
    save: Callable[[HttpRequest, BaseForm], Obj] | None = None,
    extra: Callable[[HttpRequest, Obj], dict[str, Any]] | None = None,
    parent: str = "",
    item: str = "pk",
) -> Callable[..., HttpResponse]:
    """A page that adds (no `pk` in the URL) or edits (with `pk`) one object of the démarche.

    « Annuler » leads to `done` from the edit page, and from the add page to `listing`, the
    page the object is added from (its list), when `done` needs the saved object. An object
    whose URL goes through its parent's names `item` and `parent` as `delete_view` does.
    """
    heading = title or (noun.title if noun else str)
    saved = saved or (noun.saved if noun else "Les modifications sont enregistrées.")
    objects: dict[str, Any] = {item: model}
    if parent:
        objects["pk"] = f"{item}.{parent}_id"

    @demarche_view(right, FORM, objects=objects)
    def view(request: HttpRequest, approach: Approach, **ids: int) -> HttpResponse:
        if item not in ids:
            obj = new(request, approach) if new else model(approach=approach)
            start = initial(request, approach) if initial else {}
        else:
            within = {f"{parent}_id": ids["pk"]} if parent else {}
            obj = get_scoped(model, approach, pk=ids[item], **within)
            start = {}
        kwargs = _form_kwargs(form_class, form_kwargs, request, approach, obj)
        data, files = request.POST or None, request.FILES or None
        form = form_class(data, files, instance=obj, initial=start, **kwargs)  # type: ignore[call-arg]
        if request.method == "POST" and form.is_valid():
            with transaction.atomic():
                obj = save(request, form) if save else form.save()  # type: ignore[attr-defined]
            messages.success(request, saved)
            return redirect(done(request, obj))
        back = (listing if listing and not obj.pk else done)(request, obj)
        context = {
            "title": heading(obj),
            "form": form,
            "object": obj,
            "cancel_url": back,
            "delete_url": demarche_url(approach, delete, obj.pk) if delete and obj.pk else "",
        }
        if extra:
            context.update(extra(request, obj))
        return render(request, template, context)

    return view


def delete_view(
    model: type[Model],
    *,
    right: Right = Right.CONTRIBUTE,
    noun: Noun | None = None,
    what: Callable[[Obj], str] | None = None,
    done: UrlOf,
    back: UrlOf | None = None,
    perform: Callable[[HttpRequest, Obj], None] | None = None,
    consequence: str = "",
    gone: str = "",
    parent: str = "",
    item: str = "pk",
) -> Callable[..., HttpResponse]:
    """A page that asks to confirm (GET) and deletes (POST) one object of the démarche.

    `what` names the object in French (« L'axe « Eau » »), `done` is where to go after,
    `back` where « Annuler » leads (default: `done`), `perform` deletes when a plain
    `obj.delete()` is not enough (files, history), `consequence` says what goes with it.
    An object whose URL goes through its parent's (…/indicateurs/<pk>/valeurs/<value_pk>/)
    names its URL parameter `item` and the field of its parent `parent`: the object must be
    the parent's, the parent `pk`.
    """
    naming = what or (noun.what if noun else str)
    gone = gone or (noun.gone if noun else "{what} est supprimé·e.")
    objects: dict[str, Any] = {item: model}
    if parent:
        objects["pk"] = f"{item}.{parent}_id"

    @demarche_view(right, FORM, objects=objects)
    def view(request: HttpRequest, approach: Approach, **kwargs: Any) -> HttpResponse:
        within = {f"{parent}_id": kwargs["pk"]} if parent else {}
        obj = get_scoped(model, approach, pk=kwargs[item], **within)
        name = naming(obj)
        if request.method == "POST":
            target = done(request, obj)
            with transaction.atomic():
                if perform:
                    perform(request, obj)
                else:
                    obj.delete()
            messages.success(request, gone.format(what=name))
            return redirect(target)
        return render(
            request,
            "web/confirm_delete.html",
            {
                "what": name,
                "consequence": consequence,
                "back": (back or done)(request, obj),
            },
        )

    return view


def object_pages(
    model: type[Model],
    form_class: type[BaseForm],
    *,
    noun: Noun | None = None,
    what: Callable[[Obj], str] | None = None,
    done: UrlOf,
    listing: UrlOf | None = None,
    deleted: UrlOf | None = None,
    back: UrlOf | None = None,
    consequence: str = "",
    gone: str = "",
    perform: Callable[[HttpRequest, Obj], None] | None = None,
    **edit: Any,
) -> tuple[Callable[..., HttpResponse], Callable[..., HttpResponse]]:
    """The edit page (add page too) and the delete page of one kind of object, declared once.

    The edit page takes `edit_view`'s options (`right` serves both pages). After a deletion
    the user goes to `deleted`, by default `listing` or, without one, `done`; « Annuler » on
    the confirmation leads to `back`, by default `done` (the object's page, or its parent's).
    """
    edit_page = edit_view(model, form_class, noun=noun, done=done, listing=listing, **edit)
    delete_page = delete_view(
        model,
        right=edit.get("right", Right.CONTRIBUTE),
        noun=noun,
        what=what,
        done=deleted or listing or done,
        back=back or done,
        perform=perform,
        consequence=consequence,
        gone=gone,
    )
    return edit_page, delete_page


def add_view(
    owner: type[Model] | None,
    form_class: type[BaseForm],
    *,
    page: Callable[[HttpRequest, Approach, Obj, BaseForm], HttpResponse],
    done: UrlOf,
    saved: str | Callable[[Obj], str],
    parent: str = "approach",
    prefix: str | None = None,
    right: Right = Right.CONTRIBUTE,
    form_kwargs: Callable[[HttpRequest, Approach, Obj], dict[str, Any]] | None = None,
    fill: Callable[[HttpRequest, Obj, BaseForm], None] | None = None,
) -> Callable[..., HttpResponse]:
    """A POST that adds one object from a form on its owner's page.

    The owner is the object of the URL's `pk` (a chain for its nodes), or the démarche itself
    when `owner` is None (a workshop on the list of workshops). The new object gets the owner
    in its field `parent`; `fill(request, obj, form)` sets what else the form does not (an
    order, an author). On a fault, `page(request, approach, owner, form)` draws the owner's
    page again with the bound form, so the typed values stay and nothing is saved.
    """

    def add(request: HttpRequest, approach: Approach, holder: Obj) -> HttpResponse:
        kwargs = _form_kwargs(form_class, form_kwargs, request, approach, holder)
        form = form_class(request.POST, prefix=prefix, **kwargs)
        if not form.is_valid():
            return page(request, approach, holder, form)
        with transaction.atomic():
            obj = form.save(commit=False)  # type: ignore[attr-defined]
            setattr(obj, parent, holder)
            if fill:
                fill(request, obj, form)
            obj.save()
            form.save_m2m()  # type: ignore[attr-defined]
        messages.success(request, saved(obj) if callable(saved) else saved)
        return redirect(done(request, obj))

    if owner is None:

        @demarche_view(right, WRITE)
        def view(request: HttpRequest, approach: Approach) -> HttpResponse:
            return add(request, approach, approach)

        return view
    model = owner

    @demarche_view(right, WRITE, objects={"pk": model})
    def owned(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
        return add(request, approach, get_scoped(model, approach, pk=pk))

    return owned
