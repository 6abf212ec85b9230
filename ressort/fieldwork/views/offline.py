"""Capture without a network: the installable field app and the endpoint its outbox posts to.

The phone keeps each entry (observation, testimony, vulnerability) in IndexedDB from the
moment « Enregistrer » is pressed, with an id it made itself (a UUID), and posts it here when
the network is back (ressort/fieldwork/static/fieldwork/offline.js). The id makes the post
idempotent: an entry already received answers with what was stored, never a second copy. A
refusal answers in French, field by field, and the phone keeps the entry for correction.

The service worker and the manifest are served under the démarche's field pages
(`demarches/<slug>/terrain/`), so that their scope covers exactly those pages, and they go
through the same rights check as every page.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.forms import BaseForm, ModelForm
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static

from ressort.approaches.access import Right
from ressort.approaches.models import Approach
from ressort.fieldwork import tags
from ressort.fieldwork.forms import ObservationForm, TestimonyForm, VulnerabilityForm
from ressort.fieldwork.models import Observation, Testimony, Vulnerability
from ressort.fieldwork.views.observations import _save_photo
from ressort.web import demarche_url
from ressort.web.scoped import READ, WRITE, demarche_view

SW_VERSION = "v2"  # raise it when sw.js changes what it keeps: the old copies are dropped


@dataclass(frozen=True)
class Kind:
    model: type[Observation] | type[Testimony] | type[Vulnerability]
    form: type[ModelForm]  # type: ignore[type-arg]
    label: str
    saved: str  # the participle, agreed with the label


KINDS: dict[str, Kind] = {
    "observation": Kind(Observation, ObservationForm, "L'observation", "enregistrée"),
    "temoignage": Kind(Testimony, TestimonyForm, "Le témoignage", "enregistré"),
    "vulnerabilite": Kind(Vulnerability, VulnerabilityForm, "La vulnérabilité", "enregistrée"),
}


def _refused(message: str, errors: dict[str, list[str]] | None = None) -> JsonResponse:
    return JsonResponse(
        {"etat": "refuse", "message": message, "erreurs": errors or {}},
        status=400,
        json_dumps_params={"ensure_ascii": False},
    )


def _answer(obj: Any, state: str, status: int) -> JsonResponse:
    return JsonResponse(
        {"etat": state, "url": obj.get_absolute_url(), "titre": str(obj)},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


def _form_errors(form: BaseForm) -> dict[str, list[str]]:
    """Errors keyed by the field's French label (« Titre »), the form-wide ones under « »."""
    named: dict[str, list[str]] = {}
    for name, errors in form.errors.items():
        label = str(form.fields[name].label) if name in form.fields else ""
        named.setdefault(label, []).extend(str(e) for e in errors)
    return named


def _new(kind: Kind, request: HttpRequest, approach: Approach, client_id: uuid.UUID) -> Any:
    obj = kind.model(approach=approach, client_id=client_id)
    if kind.model is not Vulnerability:
        obj.author = request.user
    return obj


def field_scope(approach: Approach) -> str:
    """`/demarches/<slug>/terrain/`: the service worker's scope, the outbox's prefix."""
    return demarche_url(approach, "fieldwork:map").removesuffix("carte/")


@demarche_view(Right.CONTRIBUTE, WRITE, samples={"kind": tuple(KINDS)})
def receive(request: HttpRequest, approach: Approach, kind: str) -> HttpResponse:
    """Store one entry sent by the phone's outbox, once (its `client_id` decides)."""
    spec = KINDS.get(kind)
    if spec is None:
        return _refused("Ce type d'entrée n'est pas connu de Ressort.")
    try:
        client_id = uuid.UUID(request.POST.get("client_id", ""))
    except ValueError:
        return _refused(
            "L'entrée n'a pas d'identifiant valable (champ « client_id ») : "
            "rechargez la page de saisie et enregistrez-la de nouveau."
        )
    owner = request.POST.get("owner", "")
    if owner and owner != str(request.user.pk):
        # Noted on this phone by someone who has since signed out: it is theirs to send.
        return _refused(
            "Cette entrée a été notée sur ce téléphone par une autre personne : elle partira "
            "quand cette personne se reconnectera ; elle n'est pas enregistrée sous votre nom."
        )
    existing = spec.model.objects.filter(approach=approach, client_id=client_id).first()
    if existing is not None:
        return _answer(existing, "deja_recu", 200)
    obj = _new(spec, request, approach, client_id)
    form = spec.form(request.POST, request.FILES or None, instance=obj, approach=approach)
    if not form.is_valid():
        errors = _form_errors(form)
        first = "; ".join(
            f"{label} : {msgs[0]}" if label else msgs[0] for label, msgs in errors.items()
        )
        return _refused(f"{spec.label} n'est pas {spec.saved} — {first}", errors)
    try:
        with transaction.atomic():
            obj = form.save()
            if isinstance(obj, Observation):
                tags.record_chosen(obj, (), request.user)
                processed = getattr(form, "processed", None)
                if processed:
                    _save_photo(
                        obj,
                        processed,
                        description=form.cleaned_data["photo_description"],
                        in_portrait=form.cleaned_data["photo_in_portrait"],
                    )
    except IntegrityError:
        # The same entry sent twice at once: the other request stored it first.
        existing = spec.model.objects.filter(approach=approach, client_id=client_id).first()
        if existing is None:
            raise
        return _answer(existing, "deja_recu", 200)
    if request.headers.get("X-Ressort-Envoi") == "direct":  # sent from the form, not the outbox
        messages.success(request, f"{spec.label} est {spec.saved}.")
    return _answer(obj, "enregistre", 201)


@demarche_view(Right.VIEW, READ)
def service_worker(request: HttpRequest, approach: Approach) -> HttpResponse:
    """The service worker: keeps the field pages and our static files for use offline."""
    response = render(
        request,
        "fieldwork/sw.js",
        {
            "cache": json.dumps(f"ressort-terrain-{approach.slug}-{SW_VERSION}"),
            "prefix": json.dumps(f"ressort-terrain-{approach.slug}-"),
        },
        content_type="text/javascript; charset=utf-8",
    )
    response["Cache-Control"] = "no-cache"
    return response


@demarche_view(Right.VIEW, READ)
def manifest(request: HttpRequest, approach: Approach) -> HttpResponse:
    """The web app manifest: the démarche's field capture, installable on a phone."""
    scope = field_scope(approach)
    data = {
        "name": f"Ressort — terrain : {approach.name}",
        "short_name": "Ressort terrain",
        "description": "Noter observations, témoignages et vulnérabilités, même sans réseau.",
        "lang": "fr",
        "dir": "ltr",
        "id": scope,
        "start_url": demarche_url(approach, "fieldwork:observation_create"),
        "scope": scope,
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1f4e5f",
        "icons": [
            {
                "src": static(f"fieldwork/icon-{size}.png"),
                "sizes": f"{size}x{size}",
                "type": "image/png",
                "purpose": "any",
            }
            for size in (192, 512)
        ],
    }
    return HttpResponse(
        json.dumps(data, ensure_ascii=False), content_type="application/manifest+json"
    )
