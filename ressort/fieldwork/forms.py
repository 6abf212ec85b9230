"""Forms of fieldwork: labels, help texts and errors in French, naming the field."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from ressort.fieldwork import gpx, photos, services
from ressort.fieldwork.models import (
    THEMES,
    Hazard,
    Nature,
    Observation,
    Quote,
    Resource,
    Testimony,
    Vulnerability,
    Walk,
)
from ressort.uploads import PHOTO_MAX_BYTES, CappedFileField
from ressort.web.forms import DATE, DemarcheForm


def dimensions_field() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label="Dimensions des référentiels",
        required=False,
        choices=services.dimension_choices(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Dimensions du Donut et leviers de la Boussole auxquels cela se rapporte.",
    )


COORD_HELP = "Degrés décimaux (WGS 84), par exemple 45.5866 ; ou cliquez sur la carte."


class PlaceMixin(DemarcheForm):
    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lat, lon = data.get("latitude"), data.get("longitude")
        if (lat is None) != (lon is None) and not self.errors.get("latitude"):
            missing = "longitude" if lon is None else "latitude"
            self.add_error(missing, f"Indiquez aussi la {missing}, ou laissez les deux vides.")
        return data


class ObservationForm(PlaceMixin):
    photo = CappedFileField(
        max_bytes=PHOTO_MAX_BYTES,
        label="Photo",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
        help_text="Facultative. Réduite à 1600 pixels ; la position GPS de la photo sert à "
        "placer l'observation si vous ne l'avez pas fait ; toutes les autres métadonnées "
        "sont effacées.",
    )
    photo_description = forms.CharField(
        label="Ce que montre la photo", max_length=300, required=False
    )
    photo_in_portrait = forms.BooleanField(
        label="Photo visible dans le portrait",
        required=False,
        help_text="Sinon, seuls les membres de la démarche la voient.",
    )

    class Meta:
        model = Observation
        fields = [
            "title",
            "text",
            "observed_on",
            "place_name",
            "latitude",
            "longitude",
            "nature",
            "themes",
            "dimensions",
        ]
        widgets = {
            "observed_on": DATE,
            "text": forms.Textarea(attrs={"rows": 4}),
            "nature": forms.RadioSelect,
        }
        help_texts = {"latitude": COORD_HELP, "longitude": COORD_HELP}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dimensions"] = dimensions_field()
        self.fields["themes"] = forms.MultipleChoiceField(
            label="Thèmes", required=False, choices=THEMES, widget=forms.CheckboxSelectMultiple
        )
        self.fields["nature"].choices = Nature.choices
        self.processed: photos.ProcessedPhoto | None = None
        if self.instance.pk:
            for name in ("photo", "photo_description", "photo_in_portrait"):
                del self.fields[name]

    def clean_photo(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("photo")
        if upload:
            try:
                self.processed = photos.process(upload.read())
            except photos.PhotoError as exc:
                raise forms.ValidationError(str(exc)) from exc
        return upload


class PhotoForm(forms.Form):
    photo = CappedFileField(
        max_bytes=PHOTO_MAX_BYTES,
        label="Photo",
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )
    description = forms.CharField(label="Ce que montre la photo", max_length=300, required=False)
    in_portrait = forms.BooleanField(
        label="Visible dans le portrait",
        required=False,
        help_text="Sinon, seuls les membres de la démarche la voient.",
    )

    def clean_photo(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["photo"]
        try:
            self.processed = photos.process(upload.read())
        except photos.PhotoError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return upload


class TestimonyForm(PlaceMixin):
    class Meta:
        model = Testimony
        fields = [
            "speaker_category",
            "speaker_detail",
            "speaker_name",
            "consent_recorded",
            "consent_note",
            "spoken_on",
            "source",
            "place_name",
            "latitude",
            "longitude",
            "felt",
            "uses",
            "practices",
        ]
        widgets = {
            "spoken_on": DATE,
            "felt": forms.Textarea(attrs={"rows": 4}),
            "uses": forms.Textarea(attrs={"rows": 3}),
            "practices": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "latitude": COORD_HELP,
            "longitude": COORD_HELP,
            "felt": "Ce que la personne vit et ressent, dans ses mots autant que possible.",
            "uses": "Comment elle utilise les lieux, les services, les ressources.",
            "practices": "Ses façons de faire, ses savoir-faire, ses adaptations.",
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        name = (data.get("speaker_name") or "").strip()
        data["speaker_name"] = name
        if name and not data.get("consent_recorded"):
            self.add_error(
                "speaker_name",
                "Un nom ne peut être enregistré que si la personne a donné son accord : "
                "cochez « accord pour être nommée recueilli » et dites comment, ou laissez "
                "le nom vide (la catégorie suffit).",
            )
        if name and data.get("consent_recorded") and not data.get("consent_note", "").strip():
            self.add_error(
                "consent_note", "Dites comment l'accord a été recueilli (écrit, oral, date)."
            )
        if not any((data.get(f) or "").strip() for f in ("felt", "uses", "practices")):
            self.add_error("felt", "Notez au moins le vécu, les usages ou les façons de faire.")
        return data


class QuoteForm(forms.ModelForm):
    class Meta:
        model = Quote
        fields = ["text", "dimensions"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        labels = {"text": "Citation (les mots de la personne)"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dimensions"] = dimensions_field()
        self.fields[
            "dimensions"
        ].help_text = (
            "Facultatif : après l'enregistrement, Ressort suggère des dimensions à confirmer."
        )


class HazardForm(forms.ModelForm):
    class Meta:
        model = Hazard
        fields = ["label", "family", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class InventoryForm(PlaceMixin):
    @property
    def level_field(self) -> forms.BoundField:
        return self[self._meta.model.level_name]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dimensions"] = dimensions_field()
        self.fields["hazards"].queryset = services.hazards_for(self.approach)
        self.fields["observations"].queryset = self.approach.observations.order_by("title")
        self.fields["observations"].help_text = "Les observations de terrain qui l'attestent."
        self.fields["testimonies"].help_text = "Les témoignages qui en parlent."


INVENTORY_FIELDS = [
    "title",
    "description",
    "place_name",
    "latitude",
    "longitude",
    "dimensions",
    "hazards",
    "observations",
    "testimonies",
]
INVENTORY_WIDGETS = {
    "description": forms.Textarea(attrs={"rows": 3}),
    "hazards": forms.CheckboxSelectMultiple,
}
INVENTORY_HELP = {"latitude": COORD_HELP, "longitude": COORD_HELP}


class VulnerabilityForm(InventoryForm):
    class Meta:
        model = Vulnerability
        fields = ["title", "severity", *INVENTORY_FIELDS[1:]]
        widgets = {**INVENTORY_WIDGETS, "severity": forms.RadioSelect}
        help_texts = {
            **INVENTORY_HELP,
            "severity": "De 1 (faible) à 4 (critique) : ce qu'une crise y ferait.",
        }


class ResourceForm(InventoryForm):
    class Meta:
        model = Resource
        fields = ["title", "strength", *INVENTORY_FIELDS[1:]]
        widgets = {**INVENTORY_WIDGETS, "strength": forms.RadioSelect}
        help_texts = {
            **INVENTORY_HELP,
            "strength": "De 1 (fragile) à 4 (majeure) : ce sur quoi le territoire peut compter.",
        }


class WalkForm(DemarcheForm):
    gpx = CappedFileField(
        max_bytes=gpx.MAX_BYTES,
        label="Trace au format GPX",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".gpx,application/gpx+xml"}),
        help_text="Exportée de votre application de randonnée ou de votre GPS (5 Mo au plus).",
    )
    recorded = forms.CharField(
        label="Trace enregistrée sur le téléphone",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "readonly": True}),
        help_text="Remplie par « Enregistrer la trace » : les positions successives du téléphone.",
    )

    class Meta:
        model = Walk
        fields = ["title", "walked_on", "participants", "notes", "observations"]
        widgets = {
            "walked_on": DATE,
            "participants": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "observations": forms.CheckboxSelectMultiple,
        }

    def _recorded(self, text: str) -> list[tuple[float, float]]:
        try:
            raw = json.loads(text)
            points = [(float(p[1]), float(p[0])) for p in raw]  # the phone sends [lat, lon]
        except (ValueError, TypeError, IndexError):
            raise forms.ValidationError("La trace enregistrée est illisible.") from None
        if len(points) < 2:
            raise forms.ValidationError("La trace enregistrée compte moins de deux positions.")
        return points

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        points: list[tuple[float, float]] | None = None
        source = ""
        upload = data.get("gpx")
        try:
            if upload:
                points, source = gpx.read_gpx(upload.read()).points, "gpx"
            elif (data.get("recorded") or "").strip():
                points, source = self._recorded(data["recorded"]), "telephone"
        except gpx.GpxError as exc:
            self.add_error("gpx", str(exc))
        except forms.ValidationError as exc:
            self.add_error("recorded", exc)
        if points is not None:
            from ressort.analysis.measure import Shape, measure

            try:
                self.instance.length_m = round(measure(Shape.LINE, points).length_m, 1)
            except ValueError as exc:
                self.add_error("gpx" if source == "gpx" else "recorded", str(exc))
                return data
            self.instance.route = [[round(x, 6), round(y, 6)] for x, y in points]
            self.instance.source = source
        elif not self.instance.route and not self.errors:
            self.add_error(
                "gpx",
                "Importez la trace (fichier GPX) ou enregistrez-la sur le téléphone "
                "pendant la marche.",
            )
        return data
