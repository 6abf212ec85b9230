"""What a démarche page answers with when it is not a page: an export, a stored file.

return download(matrix_csv(approach), f"{approach.slug}-micmac.csv")
return private_file(photo.image, "image/jpeg", missing="Photo introuvable.")
"""

from __future__ import annotations

from typing import Any

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse

# By the file name's extension; text is always UTF-8.
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "ics": "text/calendar; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "yaml": "application/yaml; charset=utf-8",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}


def download(content: bytes | str, filename: str, content_type: str = "") -> HttpResponse:
    """An export the browser saves as `filename`, its type read from the extension unless
    given (a stored document knows its own)."""
    kind = content_type or CONTENT_TYPES[filename.rsplit(".", 1)[-1]]
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def private_file(
    file: FieldFile, content_type: str, *, missing: str, max_age: int = 3600, **options: Any
) -> FileResponse:
    """A stored file of the démarche, served to its members only (never a public media URL,
    never cached by a shared cache); `missing` is the 404's French message."""
    try:
        handle = file.open("rb")
    except FileNotFoundError as exc:
        raise Http404(missing) from exc
    response = FileResponse(handle, content_type=content_type, **options)
    response["Cache-Control"] = f"private, max-age={max_age}"
    response["X-Content-Type-Options"] = "nosniff"
    return response
