"""What the public page shows, part by part: the only place that reads the démarche for it.

Each part reads the few fields it publishes and nothing else, so that nothing private can
slip onto the page through a template (tests/publication/test_public_page.py marks every
other text field of the démarche and checks that none of them appears):
- the story: the chapters the team wrote and marked publiable (never the app's drafts,
  which are made from private content);
- the portrait's key messages: the synthesis the portrait document opens with (what the
  data say, the strengths and weaknesses the team wrote, the vulnerabilities it recorded),
  never the testimonies, observations or scores behind them;
- the vision: the shared vision's text, horizon, values and commitments;
- the ideas: those that came from workshops and free contributions (never the team's own),
  their text and what became of them — never who proposed them;
- the plan: the axes' titles, each action's title, state and progress;
- the documents: the versions adopted by the assembly, with their deliberation;
- the calendar: the method's steps, their planned dates and their state.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ressort.approaches import progress
from ressort.approaches.method import STEP_BY_CODE
from ressort.approaches.models import Approach
from ressort.publication.models import Part, PublicPage

PUBLIC_IDEA_SOURCES = ("atelier", "participant")  # actions.Idea.Source, not the team's


@dataclass(frozen=True, slots=True)
class StoryChapter:
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class KeyMessage:
    title: str  # « Trois forces »
    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SharedVision:
    text: str
    horizon: int | None
    values: tuple[str, ...]
    commitments: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class IdeaFate:
    text: str
    origin: str  # « Atelier », « Contribution libre »
    fate: str  # what became of it, in a sentence
    action: str  # the action it became, "" if none


@dataclass(frozen=True, slots=True)
class PlanAction:
    title: str
    status: str
    progress: int


@dataclass(frozen=True, slots=True)
class PlanAxis:
    title: str
    actions: tuple[PlanAction, ...]


@dataclass(frozen=True, slots=True)
class AdoptedDocument:
    pk: int
    kind: str
    title: str
    number: int
    adoption: str
    filename: str


@dataclass(frozen=True, slots=True)
class CalendarStep:
    code: str
    title: str
    start: date | None
    end: date | None
    status: str


def available_parts(approach: Approach) -> list[tuple[str, str]]:
    """The parts the team may publish (the story only when its brique is active)."""
    return [
        (code, label)
        for code, label in Part.choices
        if code != Part.STORY or "recit" in approach.modules
    ]


def page_of(approach: Approach) -> PublicPage:
    page = PublicPage.objects.filter(approach=approach).first()
    return page or PublicPage(approach=approach)


def shown_parts(page: PublicPage) -> list[str]:
    allowed = {code for code, _ in available_parts(page.approach)}
    return [code for code in Part.values if page.shows(code) and code in allowed]


def story(approach: Approach) -> list[StoryChapter]:
    from ressort.story.models import Chapter, ChapterKey

    chapters = {
        c.key: c
        for c in Chapter.objects.filter(approach=approach, public=True).only("key", "text")
        if c.text.strip()
    }
    return [
        StoryChapter(str(label), chapters[key].text)
        for key, label in ChapterKey.choices
        if key in chapters
    ]


def key_messages(approach: Approach) -> list[KeyMessage]:
    """The portrait's synthesis, as its document writes it (ressort.portrait.documents)."""
    from ressort.portrait import documents
    from ressort.portrait import portrait as pt
    from ressort.web import freshness

    def build() -> list[KeyMessage]:
        return [
            KeyMessage(title, tuple(items))
            for title, items in documents.key_messages(pt.build(approach))
        ]

    # Kept under the démarche's version: an anonymous visit does not compute the portrait
    # again until something of the démarche changes.
    return freshness.cached(approach, "public-key-messages", build)


def vision(approach: Approach) -> list[SharedVision]:
    from ressort.systems.models import Vision

    shared = (
        Vision.objects.filter(approach=approach)
        .only("text", "horizon_year", "values", "commitments")
        .first()
    )
    if shared is None or not shared.text.strip():
        return []

    def lines(text: str) -> tuple[str, ...]:
        return tuple(line.strip() for line in text.splitlines() if line.strip())

    return [
        SharedVision(
            shared.text, shared.horizon_year, lines(shared.values), lines(shared.commitments)
        )
    ]


def ideas(approach: Approach) -> list[IdeaFate]:
    from ressort.actions.models import Idea
    from ressort.strategy.models import ActionSheet, SheetStatus

    rows = (
        Idea.objects.filter(approach=approach, source__in=PUBLIC_IDEA_SOURCES)
        .select_related("action")
        .only("text", "source", "retained", "merged_into_id", "action__title")
        .order_by("created_at", "pk")
    )
    sheets = dict(ActionSheet.objects.filter(approach=approach).values_list("action_id", "status"))
    fates = []
    for idea in rows:
        origin = "Atelier" if idea.source == "atelier" else "Contribution libre"
        action = idea.action.title if idea.action_id else ""
        if idea.action_id and idea.action_id in sheets:
            status = SheetStatus(sheets[idea.action_id]).label.lower()
            fate = f"Devenue une action du plan ({status})"
        elif idea.action_id:
            fate = "Devenue une action étudiée par l'équipe"
        elif idea.merged_into_id:
            fate = "Regroupée avec une idée semblable"
        elif idea.retained:
            fate = "Retenue, en cours d'étude"
        else:
            fate = "Reçue, pas encore examinée"
        fates.append(IdeaFate(idea.text, origin, fate, action))
    return fates


def plan(approach: Approach) -> list[PlanAxis]:
    from ressort.strategy.models import ActionSheet, Axis, SheetStatus

    sheets = (
        ActionSheet.objects.filter(approach=approach)
        .exclude(status=SheetStatus.IDEA)
        .select_related("action", "objective")
        .only("status", "progress", "action__title", "objective__axis_id")
    )
    by_axis: dict[int | None, list[PlanAction]] = {}
    for sheet in sheets:
        axis_id = sheet.objective.axis_id if sheet.objective_id else None
        by_axis.setdefault(axis_id, []).append(
            PlanAction(
                sheet.action.title, SheetStatus(sheet.status).label, int(sheet.progress or 0)
            )
        )
    axes = [
        PlanAxis(axis.title, tuple(by_axis.get(axis.pk, ())))
        for axis in Axis.objects.filter(approach=approach).only("title", "order")
    ]
    if by_axis.get(None):
        axes.append(PlanAxis("Autres actions", tuple(by_axis[None])))
    return axes


def documents(approach: Approach) -> list[AdoptedDocument]:
    from ressort.documents.models import AdoptedVersion

    return [
        AdoptedDocument(v.pk, v.get_kind_display(), v.title, v.number, v.adoption_text, v.filename)
        for v in AdoptedVersion.objects.filter(approach=approach).defer(
            "content", "deliberation_content"
        )
    ]


def calendar(approach: Approach) -> list[CalendarStep]:
    return [
        CalendarStep(
            s.code,
            STEP_BY_CODE[s.code].title,
            s.method_step.start_date,
            s.method_step.end_date,
            s.status_label,
        )
        for s in progress.progress(approach)
    ]


READERS = {
    Part.STORY: story,
    Part.PORTRAIT: key_messages,
    Part.VISION: vision,
    Part.IDEAS: ideas,
    Part.PLAN: plan,
    Part.DOCUMENTS: documents,
    Part.CALENDAR: calendar,
}


def sections(page: PublicPage) -> dict[str, list[object]]:
    """Each part shown, with its content (an empty list: the part is shown, empty)."""
    return {code: READERS[Part(code)](page.approach) for code in shown_parts(page)}
