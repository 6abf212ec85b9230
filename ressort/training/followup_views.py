"""Training follow-up: coverage per group against its headcount, progress over time."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ressort.approaches.models import Approach
from ressort.training import services
from ressort.training.forms import HeadcountForm
from ressort.training.models import Headcount, NeedsSurvey
from ressort.web import Right, demarche_view, link_to
from ressort.web.generic import Noun, object_pages

_followup_url = link_to("training:followup")


@demarche_view(Right.VIEW)
def followup(request: HttpRequest, approach: Approach) -> HttpResponse:
    surveys = NeedsSurvey.objects.filter(approach=approach).select_related("workshop")
    needs_over_time = []
    for survey in surveys.order_by("created_at"):
        groups = services.needs_by_group([survey])
        levels = [t.level for g in groups for t in g.topics if t.level is not None]
        needs_over_time.append(
            {
                "survey": survey,
                "respondents": sum(g.respondents for g in groups),
                "level": sum(levels) / len(levels) if levels else None,
            }
        )
    return render(
        request,
        "training/followup.html",
        {
            "coverage": services.coverage(approach),
            "progress": services.progress(approach),
            "needs_over_time": needs_over_time,
            "headcounts": Headcount.objects.filter(approach=approach),
        },
    )


headcount_edit, headcount_delete = object_pages(
    Headcount,
    HeadcountForm,
    noun=Noun("l'effectif", None, add="Indiquer un effectif"),
    done=_followup_url,
    delete="training:headcount_delete",
)
