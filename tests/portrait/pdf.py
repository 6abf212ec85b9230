"""Reading back a PDF made by WeasyPrint without a PDF library: inflate its streams."""

import re
import zlib


def inflate(data: bytes) -> bytes:
    """The PDF with every Flate stream decompressed (object streams included)."""
    parts = [data]
    # (?<!end): « endstream\nendobj » is not the start of a stream.
    for match in re.finditer(rb"(?<!end)stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


def page_count(data: bytes) -> int:
    """Pages counted by pypdf: a regular expression over the streams missed the page
    objects once the object streams' order changed."""
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def title(data: bytes) -> str:
    """The document's /Title (WeasyPrint writes the HTML <title>), decoded."""
    match = re.search(rb"/Title\s*(<[0-9A-Fa-f]+>|\((?:\\.|[^\\)])*\))", inflate(data))
    if not match:
        return ""
    raw = match.group(1)
    if raw.startswith(b"<"):
        blob = bytes.fromhex(raw[1:-1].decode())
        return (
            blob[2:].decode("utf-16-be") if blob.startswith(b"\xfe\xff") else blob.decode("latin-1")
        )
    text = raw[1:-1]
    if text.startswith(b"\xfe\xff"):
        return text[2:].decode("utf-16-be", errors="replace")
    return text.decode("latin-1")
