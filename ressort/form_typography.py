"""French typography on what a form says to its reader — labels, help texts and error
messages — at the one place every form is rendered through (settings.FORM_RENDERER), so that
the labels and help texts declared on models (`verbose_name`, `help_text`, left as they are:
a change of typography there would only make migrations) and the messages of validators read
« l’équipe », « montant : » with their no-break spaces on every page, crispy or not.

What a person typed and the values of choices are never touched; a label or help text that
is already safe HTML is changed in its text only (ressort/analysis/typography.py)."""

from __future__ import annotations

import copy
from typing import Any

from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.forms.utils import ErrorList
from django.utils.safestring import SafeData, mark_safe

from ressort.analysis import typography


def french(text: Any) -> Any:
    """`text` with French typography, still safe HTML if it was; empty values as they are."""
    if not text:
        return text
    if isinstance(text, SafeData):
        return mark_safe(typography.french_html(str(text)))
    return typography.french(str(text))


def french_errors(errors: ErrorList) -> ErrorList:
    """A copy of `errors` (same class, renderer and field id) with French typography."""
    shown = copy.copy(errors)
    shown.data = [french(message) for message in errors]
    return shown


class FrenchBoundField(BoundField):
    def __init__(self, form: Any, field: Any, name: str) -> None:
        super().__init__(form, field, name)
        self.label = french(self.label)
        self.help_text = french(self.help_text)

    @property
    def errors(self) -> ErrorList:
        errors = super().errors
        return french_errors(errors) if errors else errors


class FrenchFormRenderer(DjangoTemplates):
    """Django's renderer; its forms bind their fields as `FrenchBoundField`, and a list of
    errors it renders (`{{ form.non_field_errors }}`) reads the French way too."""

    bound_field_class = FrenchBoundField

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        errors = context.get("errors")
        if template_name.startswith("django/forms/errors/") and isinstance(errors, ErrorList):
            context = {**context, "errors": french_errors(errors)}
        return super().render(template_name, context, request)
