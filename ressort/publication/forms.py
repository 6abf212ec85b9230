from __future__ import annotations

from typing import Any

from django import forms

from ressort.publication.models import PublicPage


class PublicPageForm(forms.ModelForm):
    parts = forms.MultipleChoiceField(
        label="Parties publiées",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Seules les parties cochées apparaissent sur la page publique.",
    )

    class Meta:
        model = PublicPage
        fields = ["published", "parts", "introduction"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parts"].choices = choices
        self.fields[
            "published"
        ].help_text = "Décochée, la page publique n'existe plus pour personne, dès maintenant."
