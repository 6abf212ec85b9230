"""JSON API of the graph editor: the server owns the chain, the browser only asks.

GET  …/api/                       the chain: nodes, links, kinds
POST …/api/elements/              create a node        {label, kind, places?, description?, x?, y?}
PATCH/DELETE …/api/elements/<id>/ change (any of those fields, dimension_codes) or delete it
POST …/api/ranger/                put every node at its place in the layout by stage
POST …/api/liens/                 create a link        {source, target, sign, weight, note?}
PATCH/DELETE …/api/liens/<id>/    change or delete it

Bodies are JSON; the CSRF token goes in the X-CSRFToken header (Django's middleware checks
it on every unsafe method). Reading needs membership; writing needs CONTRIBUTE. Faults answer
400 with {"errors": {field: [French messages]}}; another démarche's chain is a 404.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.forms.models import model_to_dict
from django.http import Http404, HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404

from ressort.approaches.models import Approach
from ressort.systems.forms import LinkForm, NodeForm
from ressort.systems.models import ImpactChain, Link, Node
from ressort.systems.services.chains import arrange_by_stage, chain_json, link_json, node_json
from ressort.web import Right
from ressort.web.scoped import READ, WRITE, demarche_view, get_scoped

CHANGE = ("PATCH", "DELETE")
NODE_FIELDS = ("label", "kind", "places", "description", "dimension_codes")
LINK_FIELDS = ("source", "target", "sign", "weight", "note")
MAX_POSITION = 1e9  # far beyond any drawing; a larger number would not survive the editor


def json_errors(view: Callable[..., JsonResponse]) -> Callable[..., JsonResponse]:
    """Answer refusals in JSON too: 404 (not found, or another démarche's) and 403.

    Put above `demarche_view`, so that the démarche's own refusals are JSON as well; the
    declared right and methods are carried over by `wraps` for the route-wide test.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
        try:
            return view(request, *args, **kwargs)
        except Http404:
            return JsonResponse({"errors": {"__all__": ["Introuvable."]}}, status=404)
        except PermissionDenied as refusal:
            return JsonResponse({"errors": {"__all__": [str(refusal)]}}, status=403)

    return wrapper


def _non_finite(word: str) -> float:
    raise ValueError(word)


def _body(request: HttpRequest) -> dict[str, Any] | JsonResponse:
    try:
        # JSON has no Infinity or NaN; Python's reader accepts them unless told not to.
        data = json.loads(request.body or b"{}", parse_constant=_non_finite)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return _fault("__all__", "Le corps de la requête n'est pas du JSON valide.")
    except ValueError as word:
        return _fault("__all__", f"Nombre non fini refusé ({word}) : un nombre fini est attendu.")
    if not isinstance(data, dict):
        return _fault("__all__", "Le corps de la requête doit être un objet JSON.")
    return data


def _fault(field: str, message: str) -> JsonResponse:
    return JsonResponse({"errors": {field: [message]}}, status=400)


def _form_errors(form: Any) -> JsonResponse:
    return JsonResponse(
        {"errors": {f: [str(e) for e in errs] for f, errs in form.errors.items()}}, status=400
    )


def _position(node: Node, data: dict[str, Any]) -> JsonResponse | None:
    for axis in ("x", "y"):
        if axis in data:
            value = data[axis]
            if value is not None and (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or not math.isfinite(value)
                or abs(value) > MAX_POSITION
            ):
                return _fault(axis, "La position doit être un nombre fini.")
            setattr(node, axis, None if value is None else float(value))
    return None


@json_errors
@demarche_view(Right.VIEW, READ, objects={"pk": ImpactChain})
def chain(request: HttpRequest, approach: Approach, pk: int) -> JsonResponse:
    instance = get_scoped(ImpactChain, approach, pk=pk)
    return JsonResponse(chain_json(instance))


@json_errors
@demarche_view(Right.CONTRIBUTE, WRITE, objects={"pk": ImpactChain})
def arrange(request: HttpRequest, approach: Approach, pk: int) -> JsonResponse:
    """Put every element of the chain at its place in the layout by stage; the chain back."""
    instance = get_scoped(ImpactChain, approach, pk=pk)
    arrange_by_stage(instance)
    return JsonResponse(chain_json(instance))


@json_errors
@demarche_view(Right.CONTRIBUTE, WRITE, objects={"pk": ImpactChain})
def nodes(request: HttpRequest, approach: Approach, pk: int) -> JsonResponse:
    instance = get_scoped(ImpactChain, approach, pk=pk)
    data = _body(request)
    if isinstance(data, JsonResponse):
        return data
    node = _unsaved(NodeForm, NODE_FIELDS, data, instance)
    if isinstance(node, JsonResponse):
        return node
    fault = _position(node, data)
    if fault:
        return fault
    node.save()
    return JsonResponse(node_json(node), status=201)


@json_errors
@demarche_view(Right.CONTRIBUTE, CHANGE, objects={"node": Node, "pk": "node.chain_id"})
def node(request: HttpRequest, approach: Approach, pk: int, node: int) -> JsonResponse:
    instance = get_scoped(ImpactChain, approach, pk=pk)
    target = get_object_or_404(Node, pk=node, chain=instance)
    if request.method == "DELETE":
        links = list(
            Link.objects.filter(chain=instance, source=target).values_list("pk", flat=True)
        ) + list(Link.objects.filter(chain=instance, target=target).values_list("pk", flat=True))
        target.delete()
        return JsonResponse({"deleted": node, "deleted_links": links})
    data = _body(request)
    if isinstance(data, JsonResponse):
        return data
    if any(f in data for f in NODE_FIELDS):
        target = _unsaved(NodeForm, NODE_FIELDS, data, instance, target)
        if isinstance(target, JsonResponse):
            return target
    fault = _position(target, data)
    if fault:
        return fault
    target.save()
    return JsonResponse(node_json(target))


@json_errors
@demarche_view(Right.CONTRIBUTE, WRITE, objects={"pk": ImpactChain})
def links(request: HttpRequest, approach: Approach, pk: int) -> JsonResponse:
    instance = get_scoped(ImpactChain, approach, pk=pk)
    data = _body(request)
    if isinstance(data, JsonResponse):
        return data
    created = _unsaved(LinkForm, LINK_FIELDS, data, instance)
    if isinstance(created, JsonResponse):
        return created
    created.save()
    return JsonResponse(link_json(created), status=201)


@json_errors
@demarche_view(Right.CONTRIBUTE, CHANGE, objects={"link": Link, "pk": "link.chain_id"})
def link(request: HttpRequest, approach: Approach, pk: int, link: int) -> JsonResponse:
    instance = get_scoped(ImpactChain, approach, pk=pk)
    target = get_object_or_404(Link, pk=link, chain=instance)
    if request.method == "DELETE":
        target.delete()
        return JsonResponse({"deleted": link})
    data = _body(request)
    if isinstance(data, JsonResponse):
        return data
    changed = _unsaved(LinkForm, LINK_FIELDS, data, instance, target)
    if isinstance(changed, JsonResponse):
        return changed
    changed.save()
    return JsonResponse(link_json(changed))


def _unsaved(
    form_class: Any,
    fields: tuple[str, ...],
    data: dict[str, Any],
    chain: ImpactChain,
    target: Any = None,
) -> Any:
    """The element or link that the JSON `data` makes, through its form, not saved yet (a
    change keeps the fields it does not send), or the 400 answer that names the faults."""
    current = model_to_dict(target, fields) if target else {}
    form = form_class(_form_data({**current, **data}, fields), instance=target, chain=chain)
    if not form.is_valid():
        return _form_errors(form)
    made = form.save(commit=False)
    made.chain = chain
    return made


def _form_data(data: dict[str, Any], fields: tuple[str, ...]) -> Any:
    """JSON values as a form's QueryDict-like data (lists for multiple choices)."""
    from django.utils.datastructures import MultiValueDict

    out: MultiValueDict[str, Any] = MultiValueDict()
    for name in fields:
        value = data.get(name)
        if value is None:
            continue
        if isinstance(value, list):
            out.setlist(name, [str(v) for v in value])
        else:
            out[name] = str(value)
    return out
