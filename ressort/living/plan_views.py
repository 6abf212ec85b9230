"""The living lens of the action plan: effects per action and milieu, ERC, the portfolio."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ressort.approaches.models import Approach
from ressort.living import services
from ressort.living.forms import LivingEffectForm
from ressort.living.models import LivingEffect
from ressort.web import Right, demarche_view, link_to
from ressort.web.generic import object_pages

_lens = link_to("living:lens")


@demarche_view(Right.VIEW)
def lens(request: HttpRequest, approach: Approach) -> HttpResponse:
    return render(request, "living/lens.html", {"plan": services.plan_view(approach)})


effect_edit, effect_delete = object_pages(
    LivingEffect,
    LivingEffectForm,
    title=lambda e: (
        f"Modifier l'effet de «\u00a0{e.action}\u00a0» sur «\u00a0{e.milieu}\u00a0»"
        if e.pk
        else "Décrire l'effet d'une action sur un milieu"
    ),
    done=_lens,
    new=lambda request, approach: LivingEffect(),
    delete="living:effect_delete",
    saved="L'effet sur le vivant est enregistré.",
    what=lambda e: f"L'effet de «\u00a0{e.action}\u00a0» sur «\u00a0{e.milieu}\u00a0»",
    gone="{what} est supprimé.",
)
