"""Long PDFs laid out part by part, each part's pages cached by its content, then merged.

WeasyPrint lays out about 10 pages a second: a 400-action plan took 20 s, and one edited
sheet cost the whole layout again. A document whose outline holds ("part", None) blocks is
cut there (each part begins on a new page) and:

- each part is an HTML page of its own (the document's template, without the cover), whose
  PDF is cached under the SHA-256 of that HTML, the engine's version and WeasyPrint's: the
  same sheets give the same HTML, so an unchanged part is read back and a changed one laid
  out again; drawings travel inside the HTML (data URIs), so they are in the key too;
- the parts not in the cache are laid out in parallel processes where cores allow
  (`RESSORT_DOCUMENT_WORKERS`, one process by default on a single core); those processes
  are started once per process and kept (the background worker starts them when it starts,
  `start_layout_processes`): starting them costs about 2 s (a fresh interpreter loading
  Django and WeasyPrint), which a first export no longer waits for;
- the cover and the contents are laid out last, with the page numbers read from the parts
  (the contents cannot count pages it has not seen), and cached the same way;
- the pages are merged with pypdf: each part's structure tree becomes a « Part » of one
  « Document » (its keys renumbered, so a screen reader still finds the headings, tables and
  figures' alternatives), the named destinations of the contents' links are gathered, the
  bookmarks rebuilt, the language, title and PDF/UA marks taken from the cover;
- « page N sur M » is laid over each page afterwards, as an artifact, from a document of M
  blank numbered pages (cached by M): a part keeps its cache key when the pages before it
  change.

The cache lives in `RESSORT_DOCUMENT_CACHE_DIR` (var/cache/documents), holds the documents'
text, and is trimmed to `RESSORT_DOCUMENT_CACHE_MB`, the least recently used first.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import io
import json
import os
import tempfile
import threading
import time
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings

# Bump when what a cached part means changes outside its HTML (the merge, the tagging).
ENGINE_VERSION = "1"
# What the last write_pdf did, for the benchmark (bench/bench_documents.py): seconds per
# step, parts laid out and parts read from the cache.
last_run: dict[str, float] = {}
A4_HEIGHT_PT = 841.89
PX_TO_PT = 0.75


@dataclass
class Rendered:
    """A part laid out: its PDF, its page count, where its anchors and bookmarks are."""

    pdf: bytes
    pages: int
    anchors: dict[str, int] = field(default_factory=dict)  # anchor → page in the part
    bookmarks: list[tuple[int, str, int, float]] = field(default_factory=list)
    cached: bool = False
    cpu_s: float = 0.0  # CPU seconds of its layout (in whichever process laid it out)


# --------------------------------------------------------------------------------------
# Cache
# --------------------------------------------------------------------------------------


def cache_dir() -> Path:
    configured = getattr(settings, "RESSORT_DOCUMENT_CACHE_DIR", None)
    return Path(configured) if configured else Path(settings.VAR_DIR) / "cache" / "documents"


@functools.cache
def _weasyprint_version() -> str:
    from importlib.metadata import version

    return version("weasyprint")


def key(source: str) -> str:
    prefix = f"ressort-parts {ENGINE_VERSION} weasyprint {_weasyprint_version()}\n"
    return hashlib.sha256((prefix + source).encode()).hexdigest()


def load(name: str) -> Rendered | None:
    folder = cache_dir()
    data, meta = folder / f"{name}.pdf", folder / f"{name}.json"
    try:
        info = json.loads(meta.read_text(encoding="utf-8"))
        content = data.read_bytes()
    except (OSError, ValueError):
        return None
    if hashlib.sha256(content).hexdigest() != info.get("sha256"):
        return None  # a torn or altered file: laid out again
    os.utime(meta)  # recently used: trimmed last
    return Rendered(
        content,
        info["pages"],
        info["anchors"],
        [tuple(b) for b in info["bookmarks"]],  # type: ignore[misc]
        cached=True,
    )


def store(name: str, rendered: Rendered) -> None:
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    info = {
        "pages": rendered.pages,
        "anchors": rendered.anchors,
        "bookmarks": rendered.bookmarks,
        "sha256": hashlib.sha256(rendered.pdf).hexdigest(),
    }
    for suffix, content in (
        (".pdf", rendered.pdf),
        (".json", json.dumps(info, ensure_ascii=False).encode()),
    ):
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(temporary, folder / f"{name}{suffix}")  # atomic: readers see all or none


def trim(limit_mb: int | None = None) -> int:
    """Delete the least recently used parts beyond the size limit; return how many."""
    limit = limit_mb if limit_mb is not None else settings.RESSORT_DOCUMENT_CACHE_MB
    folder = cache_dir()
    if not folder.is_dir():
        return 0
    entries = []
    for meta in folder.glob("*.json"):
        data = meta.with_suffix(".pdf")
        try:
            size = meta.stat().st_size + (data.stat().st_size if data.exists() else 0)
            entries.append((meta.stat().st_mtime, size, meta, data))
        except OSError:
            continue
    total = sum(size for _, size, _, _ in entries)
    removed = 0
    for _, size, meta, data in sorted(entries, key=lambda e: e[0]):
        if total <= limit * 1024 * 1024:
            break
        for path in (data, meta):
            path.unlink(missing_ok=True)
        total -= size
        removed += 1
    return removed


def clear() -> int:
    """Delete every cached part; return how many. The parts hold documents' text (names of
    pilots, quotes): an erasure or a retention purge empties the cache so that no erased
    text outlives its rows there."""
    folder = cache_dir()
    if not folder.is_dir():
        return 0
    removed = 0
    for path in folder.glob("*"):
        if path.suffix in {".pdf", ".json", ".tmp"}:
            path.unlink(missing_ok=True)
            removed += path.suffix == ".json"
    return removed


# --------------------------------------------------------------------------------------
# Layout (in this process or in a worker process)
# --------------------------------------------------------------------------------------


def render(source: str, extra_anchors: Iterable[str] = ()) -> Rendered:
    """Lay out one part. `extra_anchors`: the contents' link targets, which live in other
    parts: declared on the part's first page so that WeasyPrint keeps the links (their
    destinations are put right by the merge)."""
    from ressort.documents import pdf

    started = time.process_time()
    with pdf.fewer_collections():
        document = pdf.html(source).render()
    anchors: dict[str, int] = {}
    bookmarks: list[tuple[int, str, int, float]] = []
    for index, page in enumerate(document.pages):
        for name in page.anchors:
            anchors.setdefault(name, index)
        for level, label, (_x, y), _state in page.bookmarks:
            bookmarks.append((level, label, index, float(y)))
    if document.pages:
        for name in extra_anchors:
            if name not in anchors:
                document.pages[0].anchors[name] = (0, 0, 0, 0)
    data = pdf.write(document)
    cpu = time.process_time() - started
    return Rendered(data, len(document.pages), anchors, bookmarks, cpu_s=round(cpu, 3))


def _render_plain(source: str) -> bytes:
    """An untagged PDF (the page numbers laid over the parts: artifacts, no structure)."""
    from ressort.documents import pdf

    with pdf.fewer_collections():
        data: bytes = pdf.html(source).write_pdf()
    return data


def _start_worker() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ressort.settings")
    import django

    django.setup()


def warm_up() -> None:
    """Lay out a small document like the parts (bold, italics, a table, French hyphenation,
    the tagged PDF's font subsets): what a process's first layout loads, loaded."""
    from ressort.documents import engine

    cover = engine.Cover(title="Préchauffage", authority="Ressort")
    blocks = [
        ("h2", "Préchauffage"),
        ("h3", "Une fiche"),
        ("fields", [("Objectif", "Réchauffer les polices et la césure française.")]),
        ("table", ("Budget", ["Année", "Total"], [["2026", "1 000 €"]])),
        ("bullet", "Jalon"),
        ("note", "Une note en italique."),
    ]
    render(engine.pdf_source(cover, blocks, front=False, numbered=False))


def workers() -> int:
    configured = getattr(settings, "RESSORT_DOCUMENT_WORKERS", None)
    if configured is not None:
        return max(1, int(configured))
    return max(1, min(os.cpu_count() or 1, 4))


# The layout processes, kept between documents (see the module's docstring).
_pool: Any = None
_pool_size = 0
_pool_lock = threading.Lock()
# The processes are replaced, between two documents, once they have laid out this many
# parts each (forked again from the warm fork server, in a few hundredths of a second):
# what a long-lived process might accumulate is given back. Not ProcessPoolExecutor's
# max_tasks_per_child, which hangs on Python 3.11–3.13 (CPython issue 115634).
PARTS_PER_PROCESS = 500
_pool_parts = 0


def layout_pool(size: int) -> Any:
    """The pool of `size` layout processes, started at the first call and kept."""
    global _pool, _pool_size, _pool_parts
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with _pool_lock:
        if _pool is not None and (_pool_size != size or getattr(_pool, "_broken", False)):
            _pool.shutdown(wait=False, cancel_futures=True)
            _pool = None
        if _pool is None:
            # A fork server, not fork: the web or worker process may hold threads and
            # connections; it is started once, with Django and WeasyPrint loaded and warm.
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["ressort.documents.layout_process"])
            _pool = ProcessPoolExecutor(
                max_workers=size,
                mp_context=context,
                initializer=_start_worker,
            )
            _pool_size, _pool_parts = size, 0
            atexit.register(stop_layout_processes)  # not torn down half-way at exit
        return _pool


def _renew_worn_pool() -> None:
    """Between two documents: processes that laid out PARTS_PER_PROCESS parts each are
    replaced (their tasks are all done)."""
    if _pool is not None and _pool_parts >= PARTS_PER_PROCESS * _pool_size:
        stop_layout_processes()


def start_layout_processes() -> float:
    """Start the layout processes now (the background worker calls this when it starts),
    not during the first export; returns the seconds it took (0 with one process)."""
    count = workers()
    if count < 2:
        return 0.0
    started = time.perf_counter()
    pool = layout_pool(count)
    # As many small tasks at once as processes: each one is forked and its first task run.
    list(pool.map(_ready, range(count)))
    return round(time.perf_counter() - started, 3)


def _ready(_: int) -> int:
    return os.getpid()


def stop_layout_processes(wait: bool = True) -> None:
    global _pool
    atexit.unregister(stop_layout_processes)
    with _pool_lock:
        if _pool is not None:
            _pool.shutdown(wait=wait, cancel_futures=True)
            _pool = None


def render_all(sources: list[str]) -> list[Rendered]:
    """Each part from the cache, or laid out (in parallel when there are several and cores
    to spare) and cached."""
    global _pool_parts
    names = [key(source) for source in sources]
    found = {name: load(name) for name in set(names)}
    missing = sorted({n for n, r in found.items() if r is None}, key=names.index)
    count = workers()
    if missing:
        todo = [sources[names.index(name)] for name in missing]
        if count > 1 and len(todo) > 1:
            # The longest parts first (the calendar's drawings and table cost several
            # sheet groups): a long part started last would keep one process busy alone.
            order = sorted(range(len(todo)), key=lambda i: -len(todo[i]))
            missing = [missing[i] for i in order]
            todo = [todo[i] for i in order]
            from concurrent.futures.process import BrokenProcessPool

            try:
                pool = layout_pool(count)
                _pool_parts += len(todo)
                laid_out = list(pool.map(render, todo))
            except BrokenProcessPool:
                # A kept process died since (killed, out of memory): new ones, once.
                stop_layout_processes(wait=False)
                laid_out = list(layout_pool(count).map(render, todo))
            last_run["cpu_in_layout_processes_s"] = round(sum(r.cpu_s for r in laid_out), 2)
        else:
            laid_out = [render(source) for source in todo]
        for name, rendered in zip(missing, laid_out, strict=True):
            store(name, rendered)
            found[name] = rendered
    return [found[name] for name in names]  # type: ignore[misc]


def cached(source: str, extra_anchors: Iterable[str] = ()) -> Rendered:
    """One document (the cover and contents) from the cache or laid out, in a layout
    process when there are some: they are warm, and idle at that moment, where the calling
    process may lay out its first document (fonts and hyphenation to load: about 0.3 s)."""
    name = key(source)
    rendered = load(name)
    if rendered is None:
        anchors = list(extra_anchors)
        count = workers()
        rendered = None
        if count > 1:
            from concurrent.futures.process import BrokenProcessPool

            try:
                rendered = layout_pool(count).submit(render, source, anchors).result()
            except BrokenProcessPool:
                stop_layout_processes(wait=False)  # new ones at the next document
        if rendered is None:
            rendered = render(source, anchors)
        store(name, rendered)
    return rendered


# --------------------------------------------------------------------------------------
# The document
# --------------------------------------------------------------------------------------


def split(blocks: list[Any]) -> list[tuple[int, list[Any]]]:
    """The blocks cut at each ("part", None): (index of the part's first block, blocks)."""
    out: list[tuple[int, list[Any]]] = []
    start, current = 0, []
    for index, (kind, content) in enumerate(blocks):
        if kind == "part":
            if current:
                out.append((start, current))
            start, current = index + 1, []
        else:
            current.append((kind, content))
    if current:
        out.append((start, current))
    return out


NUMBERS_STYLE = (
    '@page { size: A4; margin: 2cm; font-family: "Liberation Sans", "DejaVu Sans", '
    "sans-serif; @bottom-right { content: %s; font-size: 8pt; color: #55606a; } }"
)


def stamp_source(pages: int) -> str:
    """M blank A4 pages numbered « page N sur M » where the documents print it, none on the
    cover (no user text: only numbers). Laid out only when `page_numbers` cannot write them."""
    style = (
        NUMBERS_STYLE
        % '"page " counter(page) " sur " counter(pages)'
        + "@page :first { @bottom-right { content: none; } }"
        "div { break-after: page; }"
    )
    body = "<div></div>" * pages
    head = f"<head><style>{style}</style></head>"
    return f'<!doctype html><html lang="fr">{head}<body>{body}</body></html>'


# Every character a page number uses, once: laid out once (any M), then each page's
# « page N sur M » is written with its glyphs (see `Numbers`).
NUMBERS_SAMPLE = "page 0123456789 sur"


def numbers_sample_source() -> str:
    head = f"<head><style>{NUMBERS_STYLE % repr(NUMBERS_SAMPLE).replace(chr(39), chr(34))}"
    return f'<!doctype html><html lang="fr">{head}</style></head><body></body></html>'


class Numbers:
    """« page N sur M » for any N and M, written with the glyphs of one laid-out page: the
    sample page's footer (`NUMBERS_SAMPLE`, right-aligned where the documents print their
    numbers) is copied with its text replaced and moved left by the width it loses or
    gains — the same font (embedded once), size, colour and place as WeasyPrint's, and
    readable text (the font's ToUnicode map), without laying out M pages (about 1 s of CPU
    for 250 pages, on the export's critical path)."""

    def __init__(self, sample: bytes) -> None:
        import pikepdf
        from pikepdf import Name

        self.pdf = pikepdf.open(io.BytesIO(sample))
        page = self.pdf.pages[0]
        self.resources = page.obj.Resources
        fonts = self.resources.get(Name.Font, {})
        if len(fonts) != 1:
            raise ValueError("page numbers in more than one font")
        font = next(iter(fonts.values()))
        if font.get(Name.Encoding) != Name("/Identity-H"):
            raise ValueError("page numbers' font not in Identity-H")
        self.glyphs = _to_unicode(font.ToUnicode.read_bytes())
        self.widths = _widths(font.DescendantFonts[0].get(Name.W, pikepdf.Array()))
        self.default_width = int(font.DescendantFonts[0].get(Name.DW, 1000))
        self.operations = list(pikepdf.parse_content_stream(page))
        texts = [i for i, (_, op) in enumerate(self.operations) if str(op) == "TJ"]
        matrices = [i for i, (_, op) in enumerate(self.operations) if str(op) == "Tm"]
        sizes = [op for op in self.operations if str(op[1]) == "Tf"]
        if len(texts) != 1 or len(matrices) != 1 or len(sizes) != 1:
            raise ValueError("page numbers' sample is not one line of text")
        self.text, self.matrix = texts[0], matrices[0]
        self.size = float(sizes[0][0][1])
        sample = self.operations[self.text][0][0]
        shown = "".join(
            self.glyphs.get(int.from_bytes(bytes(item)[i : i + 2], "big"), "?")
            for item in sample
            if isinstance(item, pikepdf.String)
            for i in range(0, len(bytes(item)), 2)
        )
        if shown != NUMBERS_SAMPLE:
            raise ValueError(f"page numbers' sample reads {shown!r}")
        self.codes = {char: code for code, char in self.glyphs.items()}
        self.right = float(self.operations[self.matrix][0][4]) + self._width(sample)

    def _width(self, shown: Any) -> float:
        import pikepdf

        units = 0.0
        for item in shown:
            if isinstance(item, pikepdf.String):
                data = bytes(item)
                for i in range(0, len(data), 2):
                    code = int.from_bytes(data[i : i + 2], "big")
                    units += self.widths.get(code, self.default_width)
            else:
                units -= float(item)
        return units * self.size / 1000

    def content(self, number: int, total: int) -> bytes:
        import pikepdf

        text = f"page {number} sur {total}"
        data = b"".join(self.codes[char].to_bytes(2, "big") for char in text)
        shown = pikepdf.Array([pikepdf.String(data)])
        operations = list(self.operations)
        operands = list(self.operations[self.matrix][0])
        operands[4] = round(self.right - self._width(shown), 4)
        operations[self.matrix] = pikepdf.ContentStreamInstruction(operands, pikepdf.Operator("Tm"))
        operations[self.text] = pikepdf.ContentStreamInstruction([shown], pikepdf.Operator("TJ"))
        return pikepdf.unparse_content_stream(operations)


def _to_unicode(cmap: bytes) -> dict[int, str]:
    """The glyphs' characters of a ToUnicode map (its bfchar and bfrange entries)."""
    import re

    out: dict[int, str] = {}
    text = cmap.decode("latin-1")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for code, value in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            out[int(code, 16)] = bytes.fromhex(value).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for low, high, value in re.findall(
            r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block
        ):
            start = ord(bytes.fromhex(value).decode("utf-16-be"))
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                out[code] = chr(start + offset)
    return out


def _widths(array: Any) -> dict[int, float]:
    """A CID font's /W array: `c [w1 w2 …]` and `first last w` entries."""
    import pikepdf

    out: dict[int, float] = {}
    items = list(array)
    index = 0
    while index < len(items):
        first = int(items[index])
        following = items[index + 1]
        if isinstance(following, pikepdf.Array):
            for offset, width in enumerate(following):
                out[first + offset] = float(width)
            index += 2
        else:
            for code in range(first, int(following) + 1):
                out[code] = float(items[index + 2])
            index += 3
    return out


def page_numbers() -> Numbers | None:
    """The page numbers' writer, from the sample laid out once (and cached), or None when
    the sample is not what `Numbers` expects (a font without the glyphs…): the numbers are
    then laid out page by page (`stamp_source`)."""
    try:
        return Numbers(cached_plain(numbers_sample_source()))
    except (ValueError, KeyError, AttributeError, TypeError, IndexError):
        return None


def cached_plain(source: str) -> bytes:
    name = key(source)
    found = load(name)
    if found is None:
        found = Rendered(_render_plain(source), 1)
        store(name, found)
    return found.pdf


def write_pdf(cover: Any, blocks: list[Any]) -> bytes:
    from ressort.documents import engine

    clock = time.perf_counter()
    run: dict[str, float] = {}

    def lap(step: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        run[step] = round(now - clock, 3)
        clock = now

    last_run.clear()
    _renew_worn_pool()
    pieces = split(blocks)
    sources = [
        engine.pdf_source(cover, part, first=first, front=False, numbered=False)
        for first, part in pieces
    ]
    lap("html_s")
    body = render_all(sources)
    run["parts"] = len(body)
    run["parts_laid_out"] = sum(not part.cached for part in body)
    lap("layout_s")
    entries = [e for e in engine.headings(blocks) if e[0] == 1]
    # The cover and contents take one page each, unless the contents run longer: laid out
    # again with the right numbers when they do.
    front_pages = 2
    for _attempt in range(3):
        numbers = _anchor_pages(body, front_pages)
        toc = [(level, anchor, text, numbers.get(anchor)) for level, anchor, text in entries]
        source = engine.pdf_source(cover, [], toc=toc, front=True, numbered=False)
        front = cached(source, [anchor for _, anchor, _, _ in toc])
        if front.pages == front_pages:
            break
        front_pages = front.pages
    parts = [front, *body]
    total = sum(part.pages for part in parts)
    stamp: Numbers | bytes | None = page_numbers()
    if stamp is None:
        stamp = cached_plain(stamp_source(total))
    lap("cover_and_numbers_s")
    data = merge(parts, stamp)
    lap("merge_s")
    trim()
    run["pages"] = total
    last_run.update(run)
    return data


def _anchor_pages(body: list[Rendered], offset: int) -> dict[str, int]:
    numbers: dict[str, int] = {}
    for part in body:
        for anchor, page in part.anchors.items():
            numbers.setdefault(anchor, offset + page + 1)
        offset += part.pages
    return numbers


def merge(parts: list[Rendered], stamp: Numbers | bytes | None = None) -> bytes:
    """One tagged PDF of the parts' pages (see the module's docstring), by qpdf (pikepdf):
    pypdf took 15 s of CPU to copy the 60,000 structure elements of a 400-action plan."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name

    out = pikepdf.new()
    document = out.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, K=Array()))
    nums = Array()
    destinations: dict[str, Any] = {}
    outline: list[tuple[int, str, int, float]] = []
    next_key = 0
    sources = []  # kept open until saved: qpdf copies stream data at the end
    for part in parts:
        source = pikepdf.open(io.BytesIO(part.pdf))
        sources.append(source)
        tree = source.Root.StructTreeRoot
        kids = tree.K
        old_document = kids[0] if isinstance(kids, Array) else kids
        # The part's Document becomes a Part of ours: cut from its old root before copying.
        del old_document.P
        old_nums = tree.ParentTree.Nums
        renumber: dict[int, int] = {}
        for index in range(0, len(old_nums), 2):
            renumber[int(old_nums[index])] = next_key
            next_key += 1
        first = len(out.pages)
        with warnings.catch_warnings():  # named destinations: gathered below
            warnings.simplefilter("ignore")
            out.pages.extend(source.pages)
        for page in out.pages[first:]:
            if Name.StructParents in page.obj:
                page.obj.StructParents = renumber[int(page.obj.StructParents)]
            for annotation in page.obj.get(Name.Annots, Array()):
                if Name.StructParent in annotation:
                    annotation.StructParent = renumber[int(annotation.StructParent)]
        element = out.copy_foreign(old_document)
        element.S = Name.Part
        element.P = document
        document.K.append(element)
        # The parent tree's arrays in one copy by qpdf (item by item in Python took about
        # 0.4 s of CPU for the 25,000 entries of a 400-action plan).
        copied = out.copy_foreign(source.make_indirect(Array(list(old_nums))))
        for index in range(0, len(copied), 2):
            nums.append(renumber[int(copied[index])])
            nums.append(copied[index + 1])
        names = source.Root.get(Name.Names, Dictionary()).get(Name.Dests)
        if names is not None:
            flat = names.get(Name.Names, Array())
            for index in range(0, len(flat), 2):
                name = str(flat[index])
                if name in part.anchors and name not in destinations:
                    destinations[name] = _copy(out, flat[index + 1])
        outline += [(level, label, first + page, y) for level, label, page, y in part.bookmarks]

    tree = out.make_indirect(
        Dictionary(
            Type=Name.StructTreeRoot,
            K=Array([document]),
            ParentTree=out.make_indirect(Dictionary(Nums=nums)),
            ParentTreeNextKey=next_key,
        )
    )
    document.P = tree
    out.Root.StructTreeRoot = tree
    front = sources[0]
    for entry in ("/Lang", "/MarkInfo", "/ViewerPreferences", "/Metadata"):
        if entry in front.Root:
            out.Root[entry] = _copy(out, front.Root[entry])
    if Name.Info in front.trailer:
        out.trailer.Info = _copy(out, front.trailer.Info)
    if destinations:
        flat_names = Array()
        for name in sorted(destinations):
            flat_names.append(pikepdf.String(name))
            flat_names.append(destinations[name])
        out.Root.Names = Dictionary(Dests=out.make_indirect(Dictionary(Names=flat_names)))
    _outline(out, outline)
    if isinstance(stamp, Numbers):
        _number(out, stamp)
    elif stamp is not None:
        stamp_pdf = pikepdf.open(io.BytesIO(stamp))
        sources.append(stamp_pdf)
        _stamp(out, stamp_pdf)
    data = io.BytesIO()
    out.save(data, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    for source in sources:
        source.close()
    return data.getvalue()


def _copy(out: Any, value: Any) -> Any:
    """A value of another PDF in `out`: indirect objects through qpdf's copier (pages and
    elements already copied are found again), direct arrays and dictionaries item by item."""
    from pikepdf import Array, Dictionary

    if getattr(value, "is_indirect", False):
        return out.copy_foreign(value)
    if isinstance(value, Array):
        return Array([_copy(out, item) for item in value])
    if isinstance(value, Dictionary):
        return Dictionary({key: _copy(out, item) for key, item in value.items()})
    return value


def _outline(out: Any, bookmarks: list[tuple[int, str, int, float]]) -> None:
    from pikepdf import OutlineItem

    with out.open_outline() as tree:
        parents: list[tuple[int, Any]] = []  # (level, outline item)
        for level, label, page, y in bookmarks:
            while parents and parents[-1][0] >= level:
                parents.pop()
            item = OutlineItem(label, page, "XYZ", top=round(A4_HEIGHT_PT - y * PX_TO_PT, 2))
            (parents[-1][1].children if parents else tree.root).append(item)
            parents.append((level, item))


def _number(out: Any, numbers: Numbers) -> None:
    """« page N sur M » over every page but the cover, as an artifact (not read aloud, not
    in the tree): a small form per page, sharing one copy of the sample's font."""
    from pikepdf import Array, Dictionary, Name

    resources = out.copy_foreign(numbers.resources)
    bbox = Array([0, 0, 595.275591, A4_HEIGHT_PT])
    total = len(out.pages)
    for index, page in enumerate(out.pages):
        if index == 0:
            continue  # the cover carries no number
        form = out.make_stream(
            numbers.content(index + 1, total),
            Dictionary(Type=Name.XObject, Subtype=Name.Form, BBox=bbox, Resources=resources),
        )
        _draw_artifact(page, form)


def _draw_artifact(page: Any, form: Any) -> None:
    from pikepdf import Name

    name = page.add_resource(form, Name.XObject, prefix="RsPageNumber")
    page.contents_add(b"q\n", prepend=True)
    page.contents_add(b"Q\n/Artifact BMC q " + str(name).encode() + b" Do Q EMC\n")


def _stamp(out: Any, stamp: Any) -> None:
    """Lay the page numbers over the pages: each numbered page of `stamp` becomes a form
    drawn on the matching page, marked as an artifact (not read aloud, not in the tree)."""

    for index, (page, numbered) in enumerate(zip(out.pages, stamp.pages, strict=True)):
        if index == 0:
            continue  # the cover carries no number
        _draw_artifact(page, out.copy_foreign(numbered.as_form_xobject()))
