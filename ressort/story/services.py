"""The story's chapters: read (the team's text, or the app's draft), save, revert."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from ressort.approaches.models import Approach
from ressort.story import drafts
from ressort.story.models import Chapter, ChapterKey


@dataclass(frozen=True, slots=True)
class ChapterView:
    key: str
    title: str
    text: str
    written: bool  # False: the text is the app's draft, not yet taken up by the team
    public: bool
    chapter: Chapter | None


def chapters(approach: Approach) -> list[ChapterView]:
    saved = {c.key: c for c in Chapter.objects.filter(approach=approach)}
    out = []
    for key, title in ChapterKey.choices:
        chapter = saved.get(key)
        if chapter is not None and chapter.text.strip():
            out.append(ChapterView(key, str(title), chapter.text, True, chapter.public, chapter))
        else:
            out.append(
                ChapterView(
                    key,
                    str(title),
                    drafts.draft(approach, key),
                    False,
                    bool(chapter and chapter.public),
                    chapter,
                )
            )
    return out


def save(approach: Approach, key: str, *, text: str, public: bool, user: Any) -> Chapter:
    with transaction.atomic():
        chapter = Chapter.objects.select_for_update().filter(
            approach=approach, key=key
        ).first() or Chapter(approach=approach, key=key)
        chapter.text = text.strip()
        chapter.public = public
        chapter.updated_by = user if getattr(user, "is_authenticated", False) else None
        chapter.save()
    return chapter


def revert(chapter: Chapter, history_id: int, user: Any) -> Chapter:
    """Bring back an earlier text of the chapter (a new entry of its history)."""
    record = chapter.history.get(history_id=history_id)
    return save(chapter.approach, chapter.key, text=record.text, public=record.public, user=user)
