"""The démarche's library at the sizes issue 17 asks for.

- A 300-page PDF (generated here: 40 lines of French planning prose per page, about 0.9
  million characters): its text extracted (pypdf), then the whole upload path (checks,
  extraction, storage, indexing) through `services.add_document`.
- 2,000 documents of 2 to 6 KB of text each, indexed one by one (`search.index`), then the
  full-text search among them (`search.search`, first page of 20 with highlighted excerpts)
  for a common word, a rare word, two words, and a word found nowhere.

Runs on a fresh SQLite file (FTS5) by default; `BENCH_DATABASE_URL=postgres://…` for
PostgreSQL (French full-text search, GIN index). Search figures are the best of 3 calls
(time.perf_counter), in seconds.
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from bench._django import setup_django

SEED = 20261201
PAGES, LINES = 300, 40
DOCUMENTS = 2_000
VOCABULARY = """
territoire commune eau nappe sécheresse canicule inondation crue risque plan schéma orientation
objectif agriculture forêt énergie logement mobilité santé école habitants biodiversité paysage
adaptation résilience vulnérabilité ressource prévention alerte gestion aménagement urbanisme
densité sobriété rénovation chaleur vent tempête réseau service emploi revenu solidarité
alimentation circuit court irrigation captage rivière
"""
WORDS = VOCABULARY.split()
RARE = "moustique"


def prose(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def best_of_3(call: Any) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(3):
        start = time.perf_counter()
        result = call()
        best = min(best, time.perf_counter() - start)
    return round(best, 4), result


def run() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["RESSORT_VAR_DIR"] = tmp  # the library's files go to the temporary folder
        engine = setup_django(Path(tmp))
        from ressort.approaches.models import Approach
        from ressort.library import extraction, search, services
        from ressort.library.models import Document
        from ressort.library.samples import minimal_pdf

        rng = random.Random(SEED)
        approach = Approach.objects.create(name="Banc bibliothèque", name_key="banc", slug="banc")
        pdf = minimal_pdf(
            [[prose(rng, 12).capitalize() + "." for _ in range(LINES)] for _ in range(PAGES)]
        )
        start = time.perf_counter()
        extracted = extraction.extract(pdf, "plan.pdf")
        extract_seconds = time.perf_counter() - start
        start = time.perf_counter()
        document = services.add_document(approach, pdf, "plan.pdf", title="PLUi", kind="plui")
        add_seconds = time.perf_counter() - start
        assert document.text and extracted.note.startswith("300 pages")

        texts = [prose(rng, rng.randint(300, 900)) for _ in range(DOCUMENTS)]
        for i in range(0, DOCUMENTS, 10):  # a rare word in one document out of ten
            texts[i] += f" {RARE}"
        other = Approach.objects.create(name="Autre", name_key="autre", slug="autre")
        start = time.perf_counter()
        created = Document.objects.bulk_create(
            Document(approach=other, title=f"Étude {i}", kind="etude", text=t)
            for i, t in enumerate(texts)
        )
        for item in created:
            search.index(item)
        index_seconds = time.perf_counter() - start

        queries = {"mot courant": "sécheresse", "mot rare": RARE, "deux mots": "nappe captage"}
        queries["mot absent"] = "volcan"
        searches = {}
        for label, query in queries.items():
            seconds, results = best_of_3(lambda q=query: search.search(other, q))
            searches[label] = {
                "query": query,
                "seconds": seconds,
                "found": results.count,
                "page_hits": len(results.hits),
            }
        page_5, _ = best_of_3(lambda: search.search(other, "sécheresse", page=5))
        return {
            "engine": engine,
            "pdf": {
                "pages": PAGES,
                "bytes": len(pdf),
                "characters": len(extracted.text),
                "extract_seconds": round(extract_seconds, 3),
                "add_document_seconds": round(add_seconds, 3),
            },
            "collection": {
                "documents": DOCUMENTS,
                "characters": sum(len(t) for t in texts),
                "index_seconds": round(index_seconds, 3),
            },
            "search_best_of_3": searches,
            "search_page_5_seconds": page_5,
        }
