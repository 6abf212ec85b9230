"""The shared vision's key words, fed by the team and by workshops' word clouds."""

from __future__ import annotations

from django.db import transaction

from ressort.approaches.models import Approach
from ressort.systems.models import Vision, VisionKeyword
from ressort.territories.text import normalize


def add_vision_keywords(approach: Approach, words: list[str], *, source: str) -> None:
    """Add key words to the vision (a workshop's word cloud): a word already there counts
    once more and remembers the source; blank words are skipped; case and accents merge."""
    with transaction.atomic():
        Vision.objects.get_or_create(approach=approach)
        for raw in words:
            word = " ".join(str(raw).split())[:80]
            key = normalize(word)[:80]
            if not key:
                continue
            keyword, created = VisionKeyword.objects.select_for_update().get_or_create(
                approach=approach, key=key, defaults={"word": word, "sources": [source]}
            )
            if not created:
                keyword.count += 1
                if source and source not in keyword.sources:
                    keyword.sources = [*keyword.sources, source]
                keyword.save(update_fields=["count", "sources"])
