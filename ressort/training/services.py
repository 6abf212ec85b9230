"""Training: needs from self-assessment consultations, proposed paths, coverage and
progress, attendance imports, and formation-action commitments turned into ideas/actions."""

from __future__ import annotations

import statistics
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from ressort.analysis.training_paths import ProposedStep, propose
from ressort.approaches.method import STEP_CODES
from ressort.approaches.models import Approach, StepStatus
from ressort.behaviour.questionnaire import KIND
from ressort.tables import Column, Fault, TableError, TableSchema, parse, read_rows
from ressort.training.catalogue import module_infos, modules_for, topic_labels
from ressort.training.models import (
    Attendee,
    Audience,
    Commitment,
    Headcount,
    Module,
    NeedsSurvey,
    Session,
    Trade,
    TrainingPath,
)
from ressort.workshops.models import Activity, Workshop

# The categories a respondent picks in the needs consultation, and the group each one means.
CATEGORIES: dict[str, tuple[str, str]] = {
    "Élu·e": (Audience.ELECTED, ""),
    "Direction": (Audience.DIRECTION, ""),
    **{f"Agent·e – {label}": (Audience.STAFF, code) for code, label in Trade.choices},
    "Partenaire": (Audience.PARTNERS, ""),
}


def group_label(audience: str, trade: str = "") -> str:
    label = str(dict(Audience.choices).get(audience, audience))
    return f"{label} – {dict(Trade.choices)[trade]}" if trade else label


def current_phase(approach: Approach) -> str:
    """The first step in progress, else the first not done, else the last (the statuses
    follow the work: ressort.approaches.progress)."""
    from ressort.approaches import progress

    steps = progress.progress(approach)
    ongoing = next((s for s in steps if s.status == StepStatus.ONGOING), None)
    current = ongoing or progress.next_of(steps)
    return current.method_step.code if current else STEP_CODES[-1]


# --- Needs -------------------------------------------------------------------------------


@transaction.atomic
def start_needs_survey(approach: Approach, user: Any = None, days: int = 30) -> NeedsSurvey:
    topics = topic_labels()
    workshop = Workshop(
        approach=approach,
        title="Besoins de formation\u00a0: auto-évaluation",
        mode=Workshop.Mode.ASYNC,
        open_until=timezone.now() + timedelta(days=days),
        ask_category=True,
        categories=", ".join(CATEGORIES),
        created_by=user,
    )
    workshop.code_expires_at = workshop.default_expiry()
    workshop.save()
    questions = []
    for code, label in topics.items():
        questions += [
            {"code": f"k-{code}", "label": f"Je connais\u00a0: {label}"},
            {"code": f"c-{code}", "label": f"Je me sens capable d'agir\u00a0: {label}"},
        ]
    Activity.objects.create(
        workshop=workshop,
        kind=KIND,
        title="Pour chaque thème\u00a0: de 0 (pas du tout) à 4 (tout à fait).",
        config={"questions": questions},
        state=Activity.State.OPEN,
        opened_at=timezone.now(),
    )
    return NeedsSurvey.objects.create(approach=approach, workshop=workshop, topics=list(topics))


@dataclass(frozen=True, slots=True)
class TopicNeed:
    topic: str
    label: str
    knowledge: float | None
    confidence: float | None

    @property
    def level(self) -> float | None:
        values = [v for v in (self.knowledge, self.confidence) if v is not None]
        return statistics.fmean(values) if values else None


@dataclass(frozen=True, slots=True)
class GroupNeeds:
    label: str
    audience: str
    trade: str
    respondents: int
    topics: list[TopicNeed] = field(default_factory=list)


def _scores(surveys: Iterable[NeedsSurvey]) -> list[tuple[str, str, int, str]]:
    """(category, question code, score, participant key) of every needs answer."""
    from ressort.workshops.models import Answer

    rows = []
    for survey in surveys:
        answers = Answer.objects.filter(
            activity__workshop=survey.workshop, activity__kind=KIND, hidden=False
        ).select_related("participant")
        for a in answers:
            if a.payload.get("score") is not None:
                rows.append(
                    (
                        a.participant.category,
                        a.client_id,
                        int(a.payload["score"]),
                        str(a.participant_id),
                    )
                )
    return rows


def needs_by_group(surveys: Iterable[NeedsSurvey]) -> list[GroupNeeds]:
    """Mean knowledge and confidence per topic, per audience and service."""
    labels = topic_labels()
    rows = _scores(surveys)
    groups = []
    for category, (audience, trade) in CATEGORIES.items():
        mine = [r for r in rows if r[0] == category]
        if not mine:
            continue
        topics = []
        for code, label in labels.items():
            k = [s for _, q, s, _ in mine if q == f"k-{code}"]
            c = [s for _, q, s, _ in mine if q == f"c-{code}"]
            topics.append(
                TopicNeed(
                    code,
                    label,
                    statistics.fmean(k) if k else None,
                    statistics.fmean(c) if c else None,
                )
            )
        groups.append(GroupNeeds(category, audience, trade, len({r[3] for r in mine}), topics))
    return groups


def needs_for(approach: Approach, audience: str, trade: str = "") -> dict[str, float | None]:
    """Topic → mean self-assessed level (0–4) of the group, for the path proposal."""
    wanted = [
        cat for cat, (a, t) in CATEGORIES.items() if a == audience and (not trade or t == trade)
    ]
    rows = [r for r in _scores(approach.training_needs.all()) if r[0] in wanted]
    out: dict[str, float | None] = {}
    for code in topic_labels():
        values = [s for _, q, s, _ in rows if q in (f"k-{code}", f"c-{code}")]
        out[code] = statistics.fmean(values) if values else None
    return out


# --- Paths -------------------------------------------------------------------------------


REASONS = {
    "besoin": "Besoin exprimé",
    "formation-action": "Pour passer à l'action (formation-action)",
    "prerequis": "Prérequis",
}


def proposal(
    approach: Approach, audience: str, trade: str = "", size: int = 5
) -> list[tuple[Module, ProposedStep, str]]:
    """The proposed modules, in order, with the sentence that explains each."""
    modules = modules_for(approach)
    by_pk = {str(m.pk): m for m in modules}
    needs = needs_for(approach, audience, trade)
    steps = propose(
        module_infos(modules),
        needs,
        audience=audience,
        trade=trade,
        phase=current_phase(approach),
        size=size,
    )
    labels = topic_labels()
    out = []
    for step in steps:
        if step.reason == "prerequis":
            why = f"Prérequis de «\u00a0{by_pk[step.required_by].title}\u00a0»"
        else:
            weakest = sorted(step.gaps, key=lambda g: -g[1])[:2]
            detail = ", ".join(labels.get(t, t) for t, _ in weakest)
            why = f"{REASONS[step.reason]}" + (f" ({detail})" if detail else "")
        out.append((by_pk[step.code], step, why))
    return out


@transaction.atomic
def apply_proposal(path: TrainingPath, size: int = 5) -> int:
    path.steps.all().delete()
    items = proposal(path.approach, path.audience, path.trade, size)
    for order, (module, _step, why) in enumerate(items, start=1):
        path.steps.create(module=module, order=order, reason=why[:300])
    return len(items)


# --- Follow-up ---------------------------------------------------------------------------


def person_key(attendee: Attendee) -> str:
    if attendee.member_id:
        return f"m{attendee.member_id}"
    return "n" + normalize_name(attendee.name)


def normalize_name(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(text.lower().split())


@dataclass(frozen=True, slots=True)
class Coverage:
    label: str
    trained: int
    headcount: int | None

    @property
    def share(self) -> float | None:
        return 100 * self.trained / self.headcount if self.headcount else None


def coverage(approach: Approach) -> list[Coverage]:
    """Distinct people trained (present at least once) per group, against its headcount."""
    trained: dict[tuple[str, str], set[str]] = {}
    for a in Attendee.objects.filter(session__approach=approach, present=True):
        trained.setdefault((a.audience, a.trade), set()).add(person_key(a))
    heads = {(h.audience, h.trade): h.count for h in Headcount.objects.filter(approach=approach)}
    keys = sorted(set(trained) | set(heads), key=lambda k: (Audience.values.index(k[0]), k[1]))
    return [Coverage(group_label(*k), len(trained.get(k, set())), heads.get(k)) for k in keys]


@dataclass(frozen=True, slots=True)
class SessionProgress:
    session: Session
    present: int
    registered: int
    before: float | None
    after: float | None
    satisfaction: float | None

    @property
    def gain(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


def _mean(values: Iterable[int | None]) -> float | None:
    kept = [v for v in values if v is not None]
    return statistics.fmean(kept) if kept else None


def progress(approach: Approach) -> list[SessionProgress]:
    """Each session, oldest first: attendance and the mean self-assessment before/after."""
    rows = []
    sessions = Session.objects.filter(approach=approach).select_related("module")
    for s in sessions.prefetch_related("attendees").order_by("held_on", "pk"):
        people = list(s.attendees.all())
        present = [a for a in people if a.present]
        rows.append(
            SessionProgress(
                s,
                len(present),
                len(people),
                _mean(a.score_before for a in present),
                _mean(a.score_after for a in present),
                _mean(a.satisfaction for a in present),
            )
        )
    return rows


# --- Attendance import ---------------------------------------------------------------------

YES = {"oui", "o", "x", "1", "present", "présent", "présente", "présent·e", "vrai"}
NO = {"non", "n", "0", "absent", "absente", "absent·e", "faux", ""}


def _score_column(key: str, label: str, low: int, high: int) -> Column:
    return Column(key, label, "integer", required=False, help=f"de {low} à {high}")


ATTENDANCE = TableSchema(
    (
        Column("name", "Nom", help="tel qu'inscrit à la session"),
        Column("present", "Présent", required=False, help="oui ou non", aliases=("présence",)),
        _score_column("before", "Avant", 0, 4),
        _score_column("after", "Après", 0, 4),
        _score_column("satisfaction", "Satisfaction", 1, 5),
    ),
    name="feuille de présence",
)
RANGES = {
    "before": ("Avant", 0, 4),
    "after": ("Après", 0, 4),
    "satisfaction": ("Satisfaction", 1, 5),
}


def import_attendance(session: Session, data: bytes, filename: str) -> int:
    """Update the session's attendees from a file; every fault located, nothing half-saved."""
    rows = parse(read_rows(data, filename), ATTENDANCE)
    people = {normalize_name(a.name): a for a in session.attendees.all()}
    faults: list[Fault] = []
    seen: dict[str, int] = {}
    updates = []
    for row in rows:
        line = row["_line"]
        key = normalize_name(row["name"] or "")
        attendee = people.get(key)
        if attendee is None:
            faults.append(
                Fault(
                    line, "Nom", f"«\u00a0{row['name']}\u00a0» n'est pas inscrit·e à cette session."
                )
            )
            continue
        if key in seen:
            faults.append(
                Fault(line, "Nom", f"«\u00a0{row['name']}\u00a0» figure déjà ligne {seen[key]}.")
            )
            continue
        seen[key] = line
        raw_present = (row.get("present") or "").strip().lower()
        if raw_present not in YES | NO:
            faults.append(
                Fault(line, "Présent", f"«\u00a0{row['present']}\u00a0»\u00a0: écrivez oui ou non.")
            )
        for column, (label, low, high) in RANGES.items():
            value = row.get(column)
            if value is not None and not low <= value <= high:
                faults.append(Fault(line, label, f"{value} est hors de l'échelle {low} à {high}."))
        updates.append((attendee, raw_present in YES, row))
    if faults:
        raise TableError(faults)
    with transaction.atomic():
        for attendee, present, row in updates:
            attendee.present = present
            attendee.score_before = row.get("before")
            attendee.score_after = row.get("after")
            attendee.satisfaction = row.get("satisfaction")
            attendee.save(update_fields=["present", "score_before", "score_after", "satisfaction"])
    return len(updates)


# --- Formation-action commitments -----------------------------------------------------------


def origin_label(session: Session) -> str:
    return f"Formation-action «\u00a0{session.title}\u00a0» du {session.held_on:%d/%m/%Y}"


@transaction.atomic
def commitment_to_idea(commitment: Commitment) -> Any:
    from ressort.actions import services as actions

    if commitment.idea_id:
        return commitment.idea
    idea = actions.add_idea(
        commitment.session.approach,
        commitment.text,
        source=origin_label(commitment.session),
        proposer=commitment.attendee.name if commitment.attendee else "",
    )
    commitment.idea = idea
    commitment.save(update_fields=["idea"])
    return idea


@transaction.atomic
def commitment_to_action(commitment: Commitment, user: Any = None) -> Any:
    from ressort.actions import services as actions

    if commitment.action_id:
        return commitment.action
    idea = commitment_to_idea(commitment)
    action = actions.retain_ideas([idea], title=commitment.text[:200], user=user)
    commitment.action = action
    commitment.save(update_fields=["action"])
    return action
