"""Uploaded files are capped in size before anything reads them.

Every upload field of Ressort is a `CappedFileField`: a file above its cap is refused with a
French form error naming both sizes, before a byte is parsed. Spreadsheets are also checked
for their unpacked size (tables.read_rows, a zip bomb), photos and logos for their pixel
count (fieldwork.photos, branding.clean_logo: a decompression bomb); a logo is a PNG or a
JPEG written again as PNG (`LogoField`), never an SVG.
"""

from __future__ import annotations

from typing import Any

from django import forms

from ressort.analysis.typography import unit

MB = 1024 * 1024
TABLE_MAX_BYTES = 10 * MB  # indicator values, progress, ballots, MICMAC matrices
FRAMEWORK_MAX_BYTES = 2 * MB  # a framework's YAML
PHOTO_MAX_BYTES = 20 * MB


def size_text(size: int) -> str:
    """A size in French: « 2 Mo », « 12,5 Mo », « 300 ko »."""
    if size >= MB:
        return unit(size / MB, "Mo", 1)
    return unit(max(1, round(size / 1024)), "ko", 0)


def too_big(upload: Any, max_bytes: int, what: str = "Le fichier") -> str | None:
    """The French message refusing `upload`, or None if it fits; `what` names the field
    (« Le logo de la collectivité »)."""
    size = getattr(upload, "size", None)
    if size is None or size <= max_bytes:
        return None
    return (
        f"{what} « {getattr(upload, 'name', '')} » fait {size_text(size)} : la limite est "
        f"de {size_text(max_bytes)}. Découpez-le ou allégez-le, puis recommencez."
    )


class CappedFileField(forms.FileField):
    def __init__(
        self,
        *args: Any,
        max_bytes: int = TABLE_MAX_BYTES,
        what: str = "Le fichier",
        **kwargs: Any,
    ) -> None:
        self.max_bytes = max_bytes
        self.what = what
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        upload = super().clean(data, initial)
        if upload and (message := too_big(upload, self.max_bytes, self.what)):
            raise forms.ValidationError(message, code="too_big")
        return upload


class LogoField(CappedFileField):
    """A logo (PNG or JPEG, ressort.branding.clean_logo): cleaned into a `branding.Logo`,
    written again as PNG; anything else refused with a French message naming the field."""

    def __init__(self, *args: Any, what: str = "Le logo", **kwargs: Any) -> None:
        from ressort.branding import LOGO_MAX_BYTES

        kwargs.setdefault("max_bytes", LOGO_MAX_BYTES)
        kwargs.setdefault("widget", forms.FileInput(attrs={"accept": "image/png,image/jpeg"}))
        super().__init__(*args, what=what, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        from ressort.branding import LogoError, clean_logo

        upload = super().clean(data, initial)
        if not upload or not hasattr(upload, "read"):
            return None
        upload.seek(0)
        try:
            return clean_logo(upload.read(), self.what)
        except LogoError as error:
            raise forms.ValidationError(str(error), code="invalid_image") from error
