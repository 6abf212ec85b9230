"""The web layer: how a démarche page is written. No models live here.

A démarche page is one view function, one navigation entry and one template::

    # ressort/<app>/views.py
    from ressort.web import Right, demarche_view, get_scoped

    @demarche_view(Right.VIEW, objects={"pk": Indicator})
    def indicator(request, approach, pk):
        indicator = get_scoped(Indicator, approach, pk=pk)
        return render(request, "portrait/indicator.html", {"indicator": indicator})

    # ressort/<app>/urls.py — relative to demarches/<slug:slug>/, mounted once in ressort/urls.py
    path("indicateurs/<int:pk>/", views.indicator, name="indicator"),

    # ressort/<app>/nav.py — read by the sidebar, the phone menu, the journey page and the
    # route-wide rights test (tests/web/test_routes.py)
    register(Entry("Indicateurs", "portrait:indicators", phase="2",
                   active=("portrait:indicator*",)))

    {# the template #}
    {% extends "approaches/_layout.html" %}
    {% block approach_content %}<h1 class="h3">{{ indicator.name }}</h1>{% endblock %}

`demarche_view` resolves the démarche and the right once (404 for anyone who is not a member,
an explained 403 for a member whose role lacks the right, the login page for the anonymous),
sets `request.approach`, and passes the démarche to the view instead of its slug. Templates
get `approach`, `role`, `role_label`, `can` and `menu` from the context processor
`ressort.web.context.demarche`, so views never build that context themselves.

Add, edit and delete pages of one object are declared, not written (`object_pages`,
`edit_view`, `delete_view`, `add_view`, their French from a `Noun`: see `ressort.web.generic`);
their forms are `DemarcheForm`s, whose choices are the démarche's (`ressort.web.forms`).
A page every member reads whose form only some roles may send declares that right too:
`demarche_view(Right.VIEW, FORM, post=Right.EDIT_FRAMING)`.
Links to démarche pages go through `demarche_url(request, "app:view", *ids)` and, for the
generic views' `done`, `link_to("app:view", "pk")` (see `ressort.web.links`).
"""

from typing import Any

__all__ = ["Right", "demarche_url", "demarche_view", "get_scoped", "link_to"]


def __getattr__(name: str) -> Any:
    # Lazy: this package is imported while the app registry loads, before models may be.
    if name == "Right":
        from ressort.approaches.access import Right

        return Right
    if name in ("demarche_view", "get_scoped"):
        from ressort.web import scoped

        return getattr(scoped, name)
    if name in ("demarche_url", "link_to"):
        from ressort.web import links

        return getattr(links, name)
    raise AttributeError(name)
