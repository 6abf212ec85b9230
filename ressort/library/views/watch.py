"""The watch (veille): the register of weak signals, the feeds the team subscribes to, and a
signal becoming a hazard, a MICMAC variable or an action idea."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from ressort.approaches.models import Approach
from ressort.library import services
from ressort.library.forms import FeedForm, SignalForm
from ressort.library.models import Feed, FeedItem, Signal
from ressort.web import Right, demarche_url, demarche_view, get_scoped, link_to
from ressort.web.generic import Noun, object_pages
from ressort.web.scoped import WRITE

INTO = {"alea": "aléa", "variable": "variable de l'analyse structurelle", "idee": "idée d'action"}


_signals_url = link_to("library:signal_list")


_feeds_url = link_to("library:feed_list")


@demarche_view(Right.VIEW)
def signal_list(request: HttpRequest, approach: Approach) -> HttpResponse:
    labels = services.dimension_labels()
    signals = (
        Signal.objects.filter(approach=approach)
        .prefetch_related("hazards")
        .select_related("became_hazard", "became_variable", "became_idea", "feed_item__feed")
    )
    rows = [{"signal": s, "dimensions": [labels.get(c, c) for c in s.dimensions]} for s in signals]
    return render(
        request,
        "library/signal_list.html",
        {"rows": rows, "into": INTO, "feed_count": Feed.objects.filter(approach=approach).count()},
    )


signal_edit, signal_delete = object_pages(
    Signal,
    SignalForm,
    noun=Noun("le signal", attr="title", add="Noter un signal faible"),
    done=_signals_url,
    initial=lambda request, approach: {
        "noticed_on": timezone.localdate(),
        "noticed_by": request.user.get_full_name() if request.user.is_authenticated else "",
    },
    delete="library:signal_delete",
    consequence="Ce qu'il est devenu (aléa, variable, idée) reste en place.",
)


@demarche_view(Right.CONTRIBUTE, WRITE, objects={"pk": Signal}, samples={"into": list(INTO)})
def signal_convert(request: HttpRequest, approach: Approach, pk: int, into: str) -> HttpResponse:
    signal = get_scoped(Signal.objects.select_related("approach"), approach, pk=pk)
    if into == "alea":
        hazard = services.signal_to_hazard(signal)
        messages.success(request, f"Le signal est devenu l'aléa «\u00a0{hazard.label}\u00a0».")
    elif into == "variable":
        variable = services.signal_to_variable(signal)
        messages.success(request, f"Le signal est devenu la variable « {variable.name} ».")
    elif into == "idee":
        services.signal_to_idea(signal)
        messages.success(request, "Le signal est devenu une idée d'action, avec son origine.")
    else:
        raise Http404("Transformation inconnue.")
    return redirect(_signals_url(request) + f"#signal-{signal.pk}")


# --- Feeds ------------------------------------------------------------------------------------


@demarche_view(Right.VIEW)
def feed_list(request: HttpRequest, approach: Approach) -> HttpResponse:
    feeds = list(Feed.objects.filter(approach=approach))
    items = (
        FeedItem.objects.filter(feed__approach=approach)
        .select_related("feed")
        .prefetch_related("signals")
        .order_by("-published", "-pk")[:60]
    )
    return render(request, "library/feed_list.html", {"feeds": feeds, "items": items})


feed_edit, feed_delete = object_pages(
    Feed,
    FeedForm,
    noun=Noun("le flux", attr="title", add="S'abonner à un flux"),
    done=_feeds_url,
    delete="library:feed_delete",
    saved="Le flux est enregistré\u00a0: il sera relevé au prochain passage.",
    consequence="Ses articles partent avec lui\u00a0; les signaux déjà notés restent.",
)


@demarche_view(Right.CONTRIBUTE, WRITE, objects={"pk": Feed})
def feed_refresh(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    from ressort.background import queue
    from ressort.library.tasks import refresh_feed

    feed = get_scoped(Feed, approach, pk=pk)
    queue.enqueue(refresh_feed, feed.pk)
    messages.success(
        request,
        "Le relevé du flux est demandé\u00a0: les nouveaux articles apparaîtront ici dans quelques "
        "instants si l'instance est en ligne.",
    )
    return redirect(_feeds_url(request))


@demarche_view(Right.CONTRIBUTE, WRITE, objects={"pk": FeedItem})
def item_to_signal(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    """An article of a feed noted as a weak signal (then completed by the member)."""
    item = get_scoped(FeedItem.objects.select_related("feed"), approach, pk=pk)
    user: Any = request.user
    signal = Signal.objects.create(
        approach=approach,
        title=item.title[:200],
        kind=Signal.Kind.NEWS,
        description=item.summary,
        noticed_by=user.get_full_name() or "",
        noticed_on=timezone.localdate(),
        url=item.link,
        feed_item=item,
    )
    messages.success(
        request, "L'article est noté comme signal\u00a0: dites ce qu'il pourrait signifier."
    )
    return redirect(demarche_url(approach, "library:signal_edit", signal.pk))
