"""The full-text indexes (ressort.library.search): a GIN index on the French text vector on
PostgreSQL, an FTS5 virtual table on SQLite. Each engine gets its own; the other is a no-op."""

from django.db import migrations

FTS = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS library_document_fts USING fts5("
    "title, body, approach_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS library_document_search_gin "
            "ON library_document USING gin (search_vector)"
        )
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(FTS)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS library_document_search_gin")
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS library_document_fts")


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
