"""French typography on what the pages say from Python: forms' labels, help texts and errors
(ressort/form_typography.py, settings.FORM_RENDERER) — declared on models or forms, with
straight apostrophes — read the French way wherever the form is rendered, and so do the
messages of views (templates/includes/messages.html); what a person typed is shown as typed."""

from __future__ import annotations

from django import forms
from django.contrib.messages.storage.base import Message
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from ressort.analysis.typography import NBSP, NNBSP
from ressort.form_typography import FrenchBoundField


class Sample(forms.Form):
    name = forms.CharField(label="Nom de l'équipe", help_text="Ce qu'elle dit : tout ; vraiment ?")
    notes = forms.CharField(
        label=mark_safe("Notes <em>d'atelier</em>"), widget=forms.Textarea, required=False
    )

    def clean(self) -> dict[str, object]:
        raise forms.ValidationError("L'ensemble n'est pas « cohérent »")


def test_labels_help_texts_and_errors_read_the_french_way() -> None:
    form = Sample(data={"name": "", "notes": "l'avis : brut"})
    assert isinstance(form["name"], FrenchBoundField)
    assert form["name"].label == "Nom de l’équipe"
    assert form["name"].help_text == f"Ce qu’elle dit{NBSP}: tout{NNBSP}; vraiment{NNBSP}?"
    assert str(form["notes"].label) == "Notes <em>d’atelier</em>"
    assert list(form["name"].errors) == ["Ce champ est obligatoire."]
    assert form["name"].errors.field_id == "id_name"  # the error's id for aria-describedby
    rendered = str(form.non_field_errors())
    assert f"L’ensemble n’est pas «{NBSP}cohérent{NBSP}»" in rendered
    assert form.errors["__all__"] == ["L'ensemble n'est pas « cohérent »"]  # data untouched


def test_what_a_person_typed_is_shown_as_typed() -> None:
    form = Sample(data={"name": "", "notes": "l'avis : brut"})
    html = Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(Context({"form": form}))
    assert "l&#x27;avis : brut</textarea>" in html
    assert "Nom de l’équipe" in html
    assert f"Ce qu’elle dit{NBSP}: tout" in html
    assert f"L’ensemble n’est pas «{NBSP}cohérent{NBSP}»" in html


def test_messages_read_the_french_way() -> None:
    messages = [
        Message(25, "L'idée « eau » est ajoutée : 2 500 €"),
        Message(40, mark_safe("<b>n'a</b> ?")),
    ]
    html = render_to_string("includes/messages.html", {"messages": messages})
    assert f"L’idée «{NBSP}eau{NBSP}» est ajoutée{NBSP}: 2{NNBSP}500{NBSP}€" in html
    assert f"<b>n’a</b>{NNBSP}?" in html
