"""The démarche's navigation, as a registry that each app fills from its own nav.py.

An entry names a page of the démarche (label, URL name), the phase of the method it belongs
to, the views that make it the current entry (glob patterns of namespaced URL names), the
right needed to open it and, for a complementary brique, the module it belongs to. The
sidebar, the phone menu, the site map and the « Parcours de la méthode » page are drawn from
it, and show a brique's entries only when the démarche has activated the brique (the pages
themselves answer an explained 404 then: see `ressort.web.scoped`); the
route-wide test checks that every démarche route makes exactly one entry current and that
a role sees only the entries it may open.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from functools import lru_cache

from django.urls import get_script_prefix, reverse

from ressort.analysis.typography import french
from ressort.approaches.access import Right, role_has


@dataclass(frozen=True, slots=True)
class Phase:
    code: str
    label: str
    step: str = ""  # the method's step (approaches.method.STEPS) this phase carries


PHASES: tuple[Phase, ...] = (
    Phase("demarche", "La démarche"),
    Phase("1", "Prendre la mesure", step="1"),
    Phase("2", "Dresser le portrait", step="2"),
    Phase("3A", "Se projeter", step="3A"),
    Phase("3B", "Agir", step="3B"),
    Phase("3C", "Suivre", step="3C"),
    Phase("participation", "Participer"),
)
PHASE_BY_CODE = {phase.code: phase for phase in PHASES}


@dataclass(frozen=True, slots=True)
class Entry:
    label: str
    url_name: str  # namespaced, taking the démarche's slug only: "portrait:indicators"
    phase: str
    active: tuple[str, ...] = ()  # glob patterns of namespaced URL names: "portrait:indicator*"
    right: Right = Right.VIEW
    module: str = ""  # a brique's code (approaches.method.MODULES), "" for the base
    order: int = 100
    on_journey: bool = True  # listed on the « Parcours de la méthode » page
    in_menu: bool = True  # False: claims its routes (fragments, files) without a link
    of_demarche: bool = True  # False: a page outside the démarche (no slug in its URL)
    patterns: tuple[str, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        if self.phase not in PHASE_BY_CODE:
            raise ValueError(f"Phase inconnue « {self.phase} » pour l'entrée « {self.label} ».")
        object.__setattr__(self, "patterns", (self.url_name, *self.active))
        # Shown in the menu and on the journey page as written: in French typography
        # (« Idées d’actions »), whoever declared it.
        object.__setattr__(self, "label", french(self.label))

    def matches(self, view_name: str) -> bool:
        return any(fnmatchcase(view_name, pattern) for pattern in self.patterns)

    def visible_to(self, role: str | None) -> bool:
        return role_has(role, self.right)

    def open_to(self, scope: Iterable[str]) -> bool:
        """Within a member's parts (phases); an empty scope opens every part."""
        scope = tuple(scope)
        return not scope or self.phase in scope or self.url_name in ALWAYS_OPEN

    def active_in(self, modules: Iterable[str]) -> bool:
        """Part of the base, or of a brique the démarche has activated."""
        return not self.module or self.module in modules


_REGISTRY: list[Entry] = []
# The démarche's door: open to a member limited to some parts, whatever they are.
ALWAYS_OPEN = frozenset({"approaches:detail"})


def open_view(view_name: str, scope: Iterable[str]) -> bool:
    """May a member limited to `scope` (phases) open this view? (empty scope: yes)"""
    scope = tuple(scope)
    if not scope:
        return True
    claims = entries_for(view_name)
    return bool(claims) and claims[0].open_to(scope)


def register(*entries: Entry) -> None:
    for entry in entries:
        if any(e.url_name == entry.url_name for e in _REGISTRY):
            raise ValueError(f"Entrée de menu déclarée deux fois : {entry.url_name}")
        _REGISTRY.append(entry)
    # What was drawn from the registry is drawn again from the new one.
    for memo in (_sorted, entries_for_name, _links):
        memo.cache_clear()


@lru_cache(maxsize=1)
def _sorted() -> tuple[Entry, ...]:
    phase_rank = {phase.code: i for i, phase in enumerate(PHASES)}
    return tuple(sorted(_REGISTRY, key=lambda e: (phase_rank[e.phase], e.order)))


def entries() -> list[Entry]:
    return list(_sorted())


def entries_for(view_name: str) -> list[Entry]:
    """The entries a view makes current (the route-wide test wants exactly one)."""
    return list(entries_for_name(view_name))


@lru_cache(maxsize=2048)
def entries_for_name(view_name: str) -> tuple[Entry, ...]:
    # Every page asks (its menu, its step, its brique, its scope): matched once per view.
    return tuple(entry for entry in _REGISTRY if entry.matches(view_name))


def module_of(view_name: str) -> str:
    """The brique a view belongs to ("" for the base): that of the entry it makes current."""
    claims = entries_for(view_name)
    return claims[0].module if claims else ""


@dataclass(frozen=True, slots=True)
class MenuLink:
    label: str
    url: str
    current: bool


@dataclass(frozen=True, slots=True)
class MenuGroup:
    phase: Phase
    links: tuple[MenuLink, ...]


def _url(entry: Entry, slug: str) -> str:
    return _reversed(entry.url_name, slug if entry.of_demarche else "", get_script_prefix())


@lru_cache(maxsize=8192)
def _reversed(url_name: str, slug: str, prefix: str) -> str:
    # The same few dozen URLs on every page of a démarche: reversed once per process (the
    # script prefix, set per request by the server, is part of the key).
    return reverse(url_name, args=[slug] if slug else [])


@lru_cache(maxsize=1024)
def _links(
    slug: str, role: str | None, modules: tuple[str, ...], scope: tuple[str, ...], prefix: str
) -> tuple[tuple[Phase, tuple[tuple[Entry, str], ...]], ...]:
    """The menu's groups without the current page: the same for every page of a démarche
    that one role sees (nothing here reads the database)."""
    groups = []
    for phase in PHASES:
        links = tuple(
            (e, _url(e, slug))
            for e in entries()
            if e.phase == phase.code
            and e.in_menu
            and e.visible_to(role)
            and e.active_in(modules)
            and e.open_to(scope)
        )
        if links:
            groups.append((phase, links))
    return tuple(groups)


def menu(
    slug: str,
    role: str | None,
    view_name: str,
    modules: Iterable[str],
    scope: Iterable[str] = (),
) -> list[MenuGroup]:
    """The menu of a démarche for a role and its active briques, the current page marked;
    for a member limited to some parts (`scope`), those parts only."""
    current = entries_for_name(view_name)
    chosen = current[0] if current else None
    return [
        MenuGroup(phase, tuple(MenuLink(e.label, url, e is chosen) for e, url in links))
        for phase, links in _links(slug, role, tuple(modules), tuple(scope), get_script_prefix())
    ]


def journey_tools(
    step: str, slug: str, role: str | None, modules: Iterable[str], scope: Iterable[str] = ()
) -> list[tuple[str, str]]:
    """(label, URL) of the pages that carry one step of the method, for the journey page."""
    modules, scope = tuple(modules), tuple(scope)
    return [
        (e.label, _url(e, slug))
        for e in entries()
        if PHASE_BY_CODE[e.phase].step == step
        and e.in_menu
        and e.on_journey
        and e.of_demarche
        and e.visible_to(role)
        and e.active_in(modules)
        and e.open_to(scope)
    ]


def module_tools(
    module: str, slug: str, role: str | None, scope: Iterable[str] = ()
) -> list[tuple[str, str]]:
    """(label, URL) of a brique's pages that a role may open, for the journey page."""
    scope = tuple(scope)
    return [
        (e.label, _url(e, slug))
        for e in entries()
        if e.module == module
        and e.in_menu
        and e.of_demarche
        and e.visible_to(role)
        and e.open_to(scope)
    ]
