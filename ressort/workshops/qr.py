"""The QR code that leads to a workshop's join page, as a standalone SVG image.

Browsers display an SVG given as an image (`<img src=…>`, a printed sheet) only when it
declares its namespace: segno's `svg_inline` leaves `xmlns` out (it is meant to be pasted
into HTML), so the image is written with the namespace and without the XML declaration.
"""

from __future__ import annotations

import io

import segno


def qr_svg(url: str, title: str, *, scale: int = 6) -> str:
    """An SVG image of the QR code of `url` (error correction M, 4-module quiet zone)."""
    out = io.BytesIO()
    segno.make(url, error="m").save(
        out,
        kind="svg",
        scale=scale,
        border=4,
        title=title,
        xmldecl=False,
        svgns=True,
        dark="#000",
        light="#fff",  # opaque: readable on a dark theme and once rasterised
    )
    return out.getvalue().decode()
