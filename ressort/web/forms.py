"""The form of one démarche's object: its choices are the démarche's, written once.

    class GroupForm(DemarcheForm):
        class Meta:
            model = PopulationGroup
            fields = ["name", "dimension", "description"]

        def clean_name(self) -> str:
            return self.unique("name", "Un groupe de ce nom existe déjà dans la démarche.")

A `DemarcheForm` takes the démarche (`GroupForm(request.POST, approach=approach)`; the
generic views of `ressort.web.generic` pass it) and then:
- every field that chooses objects of a démarche (a foreign key, a many-to-many, to a
  model `ressort.web.scoped` knows how to scope) lists those of this démarche only, so that
  no form offers, or accepts, another démarche's object;
- a date is typed with the browser's date picker (`DATE`).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model

from ressort.approaches.models import Approach
from ressort.web.scoped import scoped

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def belongs_to_demarche(model: type[Model]) -> bool:
    """A model whose objects are one démarche's (it has an `approach` or declares its path)."""
    if hasattr(model, "demarche_path"):
        return True
    try:
        field = model._meta.get_field("approach")
    except FieldDoesNotExist:
        return False
    return getattr(field.related_model, "_meta", None) is Approach._meta


def taken(instance: Model, **lookup: Any) -> bool:
    """Another object of the instance's kind matches `lookup` (the instance itself aside)."""
    others = type(instance)._default_manager.filter(**lookup)
    return others.exclude(pk=instance.pk).exists() if instance.pk else others.exists()


class DemarcheForm(forms.ModelForm):  # type: ignore[type-arg]
    """A model form whose object choices are the démarche's only (see the module)."""

    def __init__(self, *args: Any, approach: Approach, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.approach = approach
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and belongs_to_demarche(queryset.model):
                field.queryset = scoped(queryset, approach)  # type: ignore[attr-defined]
            elif isinstance(field, forms.DateField) and _plain_text(field.widget):
                field.widget = forms.DateInput({**field.widget.attrs, "type": "date"}, "%Y-%m-%d")

    def unique(self, name: str, message: str, **within: Any) -> str:
        """The field's text, stripped, unless another object of the démarche (or of `within`,
        e.g. `study=…`) already has it, whatever its case: then `message` as its fault."""
        value: str = self.cleaned_data[name].strip()
        within = within or {"approach": self.approach}
        if taken(self.instance, **within, **{f"{name}__iexact": value}):
            raise forms.ValidationError(message)
        return value


def _plain_text(widget: forms.Widget) -> bool:
    return type(widget) is forms.DateInput and widget.input_type == "text"
