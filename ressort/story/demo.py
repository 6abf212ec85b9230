"""Demo content of the story: the first chapter written by the team (illustratif)."""

from __future__ import annotations

from ressort.approaches.models import Approach
from ressort.story import drafts, services
from ressort.story.models import ChapterKey


def build(approach: Approach) -> None:
    from ressort.opendata.models import PastShock

    if not PastShock.objects.filter(approach=approach).exists():
        return  # the draft would only say what to write
    text = drafts.draft(approach, ChapterKey.ORIGINS)
    services.save(
        approach,
        ChapterKey.ORIGINS,
        text=text + "\n\n(Chapitre illustratif de la démonstration, relu par l'équipe.)",
        public=True,
        user=None,
    )
