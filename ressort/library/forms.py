"""Forms of the library and the watch."""

from __future__ import annotations

from typing import Any

from django import forms

from ressort.library import extraction
from ressort.library.models import Document, Feed, Passage, PlanObjective, Signal
from ressort.uploads import TABLE_MAX_BYTES, CappedFileField
from ressort.web.forms import DATE, DemarcheForm

LIBRARY_MAX_BYTES = 50 * 1024 * 1024  # a PLUi's rapport de présentation is often 20 to 40 Mo


class DocumentForm(forms.ModelForm):
    upload = CappedFileField(
        label="Fichier",
        required=False,
        max_bytes=LIBRARY_MAX_BYTES,
        widget=forms.ClearableFileInput(attrs={"accept": extraction.ACCEPT}),
        help_text="PDF, DOCX, ODT, XLSX, ODS, PNG, JPEG ou TXT, 50 Mo au plus. "
        "Le fichier reste privé\u00a0: seuls les membres de la démarche peuvent l'ouvrir.",
    )
    url = forms.URLField(
        label="Lien",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="Pour une page web plutôt qu'un fichier\u00a0: l'adresse est enregistrée, "
        "la page n'est pas téléchargée.",
    )

    class Meta:
        model = Document
        fields = ["title", "kind", "issued_on", "author", "scope", "url"]
        widgets = {"issued_on": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.data_bytes: bytes | None = None
        if self.instance.pk:
            del self.fields["upload"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        upload = data.get("upload")
        if self.instance.pk:
            return data
        if upload and data.get("url"):
            raise forms.ValidationError("Donnez un fichier ou un lien, pas les deux.")
        if not upload and not data.get("url"):
            raise forms.ValidationError("Joignez un fichier ou donnez l'adresse d'une page web.")
        if upload:
            raw = upload.read()
            try:
                extraction.check(raw, upload.name)
            except extraction.UnsafeFile as error:
                self.add_error("upload", str(error))
            else:
                self.data_bytes = raw
        return data


class PassageForm(forms.ModelForm):
    class Meta:
        model = Passage
        fields = ["excerpt", "location"]
        widgets = {"excerpt": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"excerpt": "Copiez le passage tel qu'il figure dans le document."}


class ObjectiveForm(forms.ModelForm):
    class Meta:
        model = PlanObjective
        fields = ["code", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class PlanImportForm(forms.Form):
    INTO = [
        ("idees", "Idées d'action (à trier ensuite)"),
        ("actions", "Actions à mettre en place"),
        ("politiques", "Politiques ou projets en cours"),
    ]
    upload = CappedFileField(
        label="Tableau du plan d'actions",
        max_bytes=TABLE_MAX_BYTES,
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.ods,.csv"}),
        help_text="XLSX, ODS ou CSV, 10 Mo au plus\u00a0; une ligne par action.",
    )
    into = forms.ChoiceField(label="Importer comme", choices=INTO, initial="idees")
    source_label = forms.CharField(
        label="Document d'origine",
        max_length=150,
        required=False,
        help_text="ex.\u00a0: PCAET 2020-2026, programme d'actions",
    )


class SignalForm(DemarcheForm):
    url = forms.URLField(label="Lien", required=False, max_length=1000, assume_scheme="https")
    dimensions = forms.MultipleChoiceField(
        label="Dimensions concernées",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="Maintenez Ctrl (ou Cmd) pour en choisir plusieurs.",
    )

    class Meta:
        model = Signal
        fields = [
            "title",
            "kind",
            "noticed_on",
            "noticed_by",
            "description",
            "meaning",
            "url",
            "dimensions",
            "hazards",
        ]
        widgets = {
            "noticed_on": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
            "meaning": forms.Textarea(attrs={"rows": 3}),
            "hazards": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from ressort.fieldwork.services import hazards_for
        from ressort.library import services

        super().__init__(*args, **kwargs)
        self.fields["dimensions"].choices = list(services.dimension_labels().items())
        self.fields["hazards"].queryset = hazards_for(self.approach)  # type: ignore[attr-defined]


class FeedForm(forms.ModelForm):
    url = forms.URLField(
        label="Adresse du flux (RSS ou Atom)", max_length=500, assume_scheme="https"
    )

    class Meta:
        model = Feed
        fields = ["title", "url", "active"]
