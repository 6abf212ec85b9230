"""Full-text search in the démarche's library, one function over two engines.

- PostgreSQL: French full-text search (`to_tsvector('french', …)`, stemming « inondations »
  and « inondé » alike), the vector stored in `Document.search_vector` (title weighted A,
  text B) under a GIN index (migration 0002), ranked by `ts_rank`, excerpts by `ts_headline`.
- SQLite (the embedded instance): an FTS5 virtual table `library_document_fts` (unicode61
  tokenizer, accents folded), each word matched as a prefix (a rough stand-in for French
  stemming), ranked by bm25, excerpts by `snippet()`.

Excerpts are marked with \\x02 and \\x03 (removed from extracted text beforehand), escaped,
then turned into <mark>: a document's text can never inject HTML.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ressort.library.models import Document

START, STOP = "\x02", "\x03"
FTS_TABLE = "library_document_fts"  # written literally in the SQL below
PER_PAGE = 20
MAX_QUERY_WORDS = 12


@dataclass
class Hit:
    document: Document
    excerpt: SafeString


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def words_of(query: str) -> list[str]:
    return re.findall(r"\w+", query.lower())[:MAX_QUERY_WORDS]


def highlighted(raw: str) -> SafeString:
    """Escape an excerpt, then turn the engine's marks into <mark>."""
    text = escape(raw.replace(STOP + " " + START, " "))
    return mark_safe(text.replace(START, "<mark>").replace(STOP, "</mark>"))


# --- Indexing ---------------------------------------------------------------------------------


def ensure_fts() -> None:
    """Create the SQLite FTS5 table if missing (migration 0002 creates it; tests run without
    migrations, and a restored database may lack it)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS library_document_fts USING fts5("
            "title, body, approach_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')"
        )


def index(document: Document) -> None:
    """(Re)index one document after its title or text changed."""
    if is_postgres():
        from django.contrib.postgres.search import SearchVector

        Document.objects.filter(pk=document.pk).update(
            search_vector=SearchVector("title", weight="A", config="french")
            + SearchVector("text", weight="B", config="french")
        )
        return
    ensure_fts()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM library_document_fts WHERE rowid = %s", [document.pk])
        cursor.execute(
            "INSERT INTO library_document_fts (rowid, title, body, approach_id) "
            "VALUES (%s, %s, %s, %s)",
            [document.pk, document.title, document.text, document.approach_id],
        )


def heal(approach: Any) -> int:
    """Index the démarche's documents the index lacks (a démarche restored from a backup, rows
    written without `index`); the number indexed. Cheap when nothing is missing."""
    if is_postgres():
        from django.contrib.postgres.search import SearchVector

        return Document.objects.filter(approach=approach, search_vector__isnull=True).update(
            search_vector=SearchVector("title", weight="A", config="french")
            + SearchVector("text", weight="B", config="french")
        )
    ensure_fts()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, title, text, approach_id FROM library_document WHERE approach_id = %s "
            "AND id NOT IN (SELECT rowid FROM library_document_fts WHERE approach_id = %s)",
            [approach.pk, approach.pk],
        )
        missing = cursor.fetchall()
        for row in missing:
            cursor.execute(
                "INSERT INTO library_document_fts (rowid, title, body, approach_id) "
                "VALUES (%s, %s, %s, %s)",
                list(row),
            )
    return len(missing)


def unindex(document_id: int) -> None:
    if is_postgres():
        return  # the vector goes with the row
    ensure_fts()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM library_document_fts WHERE rowid = %s", [document_id])


# --- Searching --------------------------------------------------------------------------------


@dataclass
class Results:
    query: str
    page: Page[Any]
    hits: list[Hit]

    @property
    def count(self) -> int:
        return self.page.paginator.count


def search(
    approach: Any, query: str, page: int | str = 1, per_page: int = PER_PAGE, kind: str = ""
) -> Results:
    """The démarche's documents matching `query` (of one `kind` if given), best first, one
    page of them with a highlighted excerpt each. An empty query finds nothing."""
    words = words_of(query)
    if words:
        heal(approach)
    if is_postgres():
        return _search_postgres(approach, query, words, page, per_page, kind)
    return _search_sqlite(approach, words, query, page, per_page, kind)


def _search_postgres(
    approach: Any, query: str, words: list[str], page: int | str, per_page: int, kind: str
) -> Results:
    from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
    from django.db.models import F

    if not words:
        paginator = Paginator(Document.objects.none(), per_page)
        return Results(query, paginator.get_page(1), [])
    search_query = SearchQuery(" ".join(words), config="french", search_type="plain")
    documents = Document.objects.filter(approach=approach)
    if kind:
        documents = documents.filter(kind=kind)
    found = (
        documents.filter(search_vector=search_query)
        .annotate(rank=SearchRank(F("search_vector"), search_query))
        .order_by("-rank", "pk")
    )
    paginator = Paginator(found.only("pk"), per_page)
    current = paginator.get_page(page)
    ids = [d.pk for d in current.object_list]
    documents = (
        Document.objects.filter(pk__in=ids)
        .defer("search_vector")
        .annotate(
            headline=SearchHeadline(
                "text",
                search_query,
                config="french",
                start_sel=START,
                stop_sel=STOP,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )
    )
    by_id = {d.pk: d for d in documents}
    hits = [Hit(by_id[i], highlighted(by_id[i].headline or "")) for i in ids if i in by_id]
    return Results(query, current, hits)


def _fts_match(words: list[str]) -> str:
    return " ".join(f'"{w}"*' for w in words)


def _search_sqlite(
    approach: Any, words: list[str], query: str, page: int | str, per_page: int, kind: str
) -> Results:
    if not words:
        paginator = Paginator([], per_page)
        return Results(query, paginator.get_page(1), [])
    ensure_fts()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid FROM library_document_fts WHERE library_document_fts MATCH %s "
            "AND approach_id = %s AND (%s = '' OR rowid IN (SELECT id FROM library_document "
            "WHERE approach_id = %s AND kind = %s)) "
            "ORDER BY bm25(library_document_fts, 5.0, 1.0), rowid",
            [_fts_match(words), approach.pk, kind, approach.pk, kind],
        )
        ids = [row[0] for row in cursor.fetchall()]
    paginator = Paginator(ids, per_page)
    current = paginator.get_page(page)
    page_ids = list(current.object_list)
    excerpts: dict[int, str] = {}
    if page_ids:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid, snippet(library_document_fts, 1, %s, %s, ' … ', 30) "
                "FROM library_document_fts WHERE library_document_fts MATCH %s "
                "AND rowid IN (SELECT value FROM json_each(%s))",
                [START, STOP, _fts_match(words), json.dumps(page_ids)],
            )
            excerpts = {row[0]: row[1] or "" for row in cursor.fetchall()}
    by_id = Document.objects.filter(approach=approach).defer("search_vector").in_bulk(page_ids)
    hits = [Hit(by_id[i], highlighted(excerpts.get(i, ""))) for i in page_ids if i in by_id]
    return Results(query, current, hits)
