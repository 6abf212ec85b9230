"""What every activity kind is: the interface, its errors and the registry of kinds.

A kind declares, in one class: the fields a facilitator fills to prepare it
(`form_fields` → `build_config`), how a participant's submitted fields become stored
answers (`parse`: validation with French messages, and the key of each answer), how the
answers aggregate for the projection and results pages (`results`), which templates render
it, and where its results go in the démarche (`deliver`, calling the other apps' contract
functions). The live machinery (consumers, views) only talks to this interface.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django import forms

from ressort.approaches.models import Approach
from ressort.workshops.models import Activity, Answer

NSP = "nsp"  # « je ne sais pas »
GRID_SCORES = (0, 1, 2, 3, 4)
RATING_SCORES = (-2, -1, 0, 1, 2)
SINGLE_KEY = "bulletin"
MAX_TEXT = 500
MAX_WORD = 40


class AnswerError(ValueError):
    """A participant's answer that cannot be stored; the message is shown to them."""


class DeliveryError(RuntimeError):
    """Results that cannot be sent into the démarche (yet); the message says why."""


Fields = Mapping[str, Sequence[str]]  # a form's fields: name → values (QueryDict-like)


def first(fields: Fields, name: str) -> str:
    getlist = getattr(fields, "getlist", None)
    values = getlist(name) if getlist is not None else fields.get(name)
    if isinstance(values, str):
        return values.strip()
    return str(values[0]).strip() if values else ""


def new_client_id() -> str:
    return uuid.uuid4().hex


def clean_client_id(raw: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9_-]{8,64}", raw):
        raise AnswerError("Identifiant de réponse invalide : rechargez la page.")
    return raw


def participant_ref(answer: Answer) -> str:
    """An opaque participant reference (never the token, never a name)."""
    return f"p{answer.participant_id}"


def category_of(answer: Answer) -> str:
    return answer.participant.category or "Sans catégorie"


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


@dataclass(frozen=True)
class Parsed:
    key: str
    payload: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Copies:
    """What the same reuse copied into the new démarche, source id → copy id: an activity
    copied as a template points at these copies, never at the source démarche's objects."""

    versions: Mapping[int, int] = field(default_factory=dict)  # its own grids' versions
    actions: Mapping[int, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Template:
    """An activity's configuration as a template for another démarche, and what was left
    out (French, shown to the user who copies)."""

    config: dict[str, Any]
    notes: tuple[str, ...] = ()


def parse_scores(
    fields: Fields,
    config: Mapping[str, Any],
    allowed: Sequence[int],
    *,
    scale: str,
    at_least: str,
) -> list[Parsed]:
    """One score per question of `config` (`q-<code>`, a value of `allowed` or « je ne sais
    pas »), with its optional comment (`c-<code>`); the fault names the question."""
    out = []
    for q in config.get("questions", []):
        raw = first(fields, f"q-{q['code']}")
        if raw == "":
            continue
        if raw == NSP:
            score = None
        elif raw.isdigit() and int(raw) in allowed:
            score = int(raw)
        else:
            raise AnswerError(f"« {q['label']} » : {scale} ou « je ne sais pas ».")
        comment = first(fields, f"c-{q['code']}")[:MAX_TEXT]
        out.append(Parsed(q["code"], {"score": score, "comment": comment}))
    if not out:
        raise AnswerError(at_least)
    return out


class ActivityKind:
    code = ""
    label = ""
    description = ""
    delivers_to = ""
    multiple = False  # several entries per participant (idea wall, word cloud)

    @property
    def participant_template(self) -> str:
        return f"workshops/kinds/{self.code}_participant.html"

    @property
    def projection_template(self) -> str:
        return f"workshops/kinds/{self.code}_projection.html"

    # -- preparation --------------------------------------------------------------------
    def form_fields(self, approach: Approach) -> dict[str, forms.Field]:
        return {}

    def build_config(self, data: Mapping[str, Any], approach: Approach) -> dict[str, Any]:
        return {}

    def initial(self, config: Mapping[str, Any]) -> dict[str, Any]:
        return {}

    # -- answering ----------------------------------------------------------------------
    def parse(self, fields: Fields, config: Mapping[str, Any]) -> list[Parsed]:
        """The stored answers of one submission; every kind declares its own."""
        raise AnswerError("Ce type d'activité ne reçoit pas de réponses.")

    def participant_context(self, config: Mapping[str, Any], mine: list[Answer]) -> dict[str, Any]:
        return {}

    def describe(self, config: Mapping[str, Any], payload: Mapping[str, Any]) -> str:
        """One answer in words, for the moderation table (never the stored structure)."""
        return ""

    # -- results ------------------------------------------------------------------------
    def results(self, config: Mapping[str, Any], answers: Sequence[Answer]) -> dict[str, Any]:
        return {}

    def deliver(self, activity: Activity, answers: Sequence[Answer], source: str) -> str:
        raise DeliveryError("Ce type d'activité n'envoie rien dans la démarche.")

    # -- reuse as a template (ressort.workshops.reuse) ----------------------------------
    # Each kind declares what of its configuration another démarche may start from: the
    # keys copied as they are (questions, settings), and `as_template` for the references
    # to the source démarche's objects, mapped to their copies or dropped with a note.
    # Never answers, participants, codes or dates: those are not in the configuration.
    template_keys: tuple[str, ...] | None = None  # None: the kind has not declared it

    def as_template(self, config: Mapping[str, Any], copies: Copies) -> Template:
        if self.template_keys is None:
            raise NotImplementedError(f"{self.code} : ce qui se copie n'est pas déclaré.")
        return Template({k: config[k] for k in self.template_keys if k in config})


REGISTRY: dict[str, ActivityKind] = {}


def register(kind_class: type[ActivityKind]) -> type[ActivityKind]:
    kind = kind_class()
    REGISTRY[kind.code] = kind
    return kind_class


class UnknownKind(KeyError):
    """An activity kind that is not in the registry (a typed URL's ?type=…)."""


def get_kind(code: str) -> ActivityKind:
    if code not in REGISTRY:
        raise UnknownKind(code)
    return REGISTRY[code]


def kind_choices() -> list[tuple[str, str]]:
    return [(k.code, k.label) for k in REGISTRY.values()]
