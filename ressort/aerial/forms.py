"""Forms of photo-interpretation: labels and errors in French, naming the field."""

from __future__ import annotations

import json
from typing import Any

from django import forms

from ressort.aerial import georef
from ressort.aerial.models import Annotation, GeoImage
from ressort.analysis.measure import Measure, Shape, measure
from ressort.fieldwork import services as fieldwork
from ressort.fieldwork.forms import dimensions_field
from ressort.uploads import MB, CappedFileField
from ressort.web.forms import DemarcheForm

GEOMETRY_HELP = (
    "Rempli par le dessin sur la carte. Sans souris ni écran tactile\u00a0: une géométrie GeoJSON "
    'en degrés WGS 84, par exemple {"type": "Point", "coordinates": [5.27, 45.58]}.'
)
SHAPES = {"Point": Shape.POINT, "LineString": Shape.LINE, "Polygon": Shape.AREA}


def read_geometry(text: str) -> tuple[Shape, list[tuple[float, float]], dict[str, Any]]:
    """The shape, its (lon, lat) points and the GeoJSON geometry, or a French ValueError."""
    try:
        geometry = json.loads(text)
    except ValueError as exc:
        raise ValueError(
            f"La géométrie n'est pas du GeoJSON lisible (ligne {exc.lineno}, colonne "  # type: ignore[attr-defined]
            f"{exc.colno})."  # type: ignore[attr-defined]
        ) from None
    if not isinstance(geometry, dict) or geometry.get("type") not in SHAPES:
        raise ValueError("La géométrie doit être un point, une ligne ou une surface GeoJSON.")
    shape = SHAPES[geometry["type"]]
    coords = geometry.get("coordinates")
    try:
        if shape is Shape.POINT:
            points = [(float(coords[0]), float(coords[1]))]
        elif shape is Shape.LINE:
            points = [(float(p[0]), float(p[1])) for p in coords]
        else:
            points = [(float(p[0]), float(p[1])) for p in coords[0]]
            if len(points) > 1 and points[0] == points[-1]:
                points = points[:-1]
    except (TypeError, ValueError, IndexError, KeyError):
        raise ValueError("Les coordonnées de la géométrie sont mal formées.") from None
    if len(points) > 5000:
        raise ValueError("La forme compte plus de 5 000 points\u00a0: simplifiez-la.")
    ring = [*points, points[0]] if shape is Shape.AREA else points
    clean: dict[str, Any] = {
        "type": geometry["type"],
        "coordinates": list(points[0])
        if shape is Shape.POINT
        else ([[list(p) for p in ring]] if shape is Shape.AREA else [list(p) for p in ring]),
    }
    return shape, points, clean


class AnnotationForm(DemarcheForm):
    geometry_text = forms.CharField(
        label="Géométrie dessinée (GeoJSON)",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=GEOMETRY_HELP,
    )

    class Meta:
        model = Annotation
        fields = [
            "title",
            "note",
            "then_period",
            "now_period",
            "dimensions",
            "hazards",
            "observations",
            "vulnerabilities",
        ]
        widgets = {
            "note": forms.Textarea(attrs={"rows": 3}),
            "hazards": forms.CheckboxSelectMultiple,
            "observations": forms.CheckboxSelectMultiple,
            "vulnerabilities": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.measured: Measure | None = None
        self.fields["dimensions"] = dimensions_field()
        self.fields["hazards"].queryset = fieldwork.hazards_for(self.approach)
        self.fields["observations"].queryset = self.approach.observations.order_by("title")
        if self.instance.pk:
            self.fields["geometry_text"].initial = json.dumps(self.instance.geometry)

    def clean_geometry_text(self) -> str:
        text: str = self.cleaned_data["geometry_text"]
        try:
            shape, points, clean = read_geometry(text)
            self.measured = measure(shape, points)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc
        self.instance.shape = shape.value
        self.instance.geometry = clean
        return text

    def save(self, commit: bool = True) -> Annotation:
        if self.measured is not None:
            self.instance.length_m = round(self.measured.length_m, 2)
            self.instance.area_m2 = round(self.measured.area_m2, 2)
            self.instance.epsg = self.measured.epsg
            self.instance.projection = self.measured.projection
        return super().save(commit)  # type: ignore[no-any-return]


class GeoImageForm(forms.ModelForm):
    upload = CappedFileField(
        max_bytes=georef.MAX_BYTES,
        label="Image (PNG, JPEG ou GeoTIFF)",
        widget=forms.ClearableFileInput(attrs={"accept": ".png,.jpg,.jpeg,.tif,.tiff"}),
        help_text=f"{georef.MAX_BYTES // MB} Mo au plus. Un GeoTIFF porte sa position\u00a0; "
        "une autre image demande son fichier de géoréférencement.",
    )
    world_file = CappedFileField(
        max_bytes=64 * 1024,
        label="Fichier de géoréférencement (.tfw, .jgw, .pgw, .wld)",
        required=False,
        help_text="Six lignes de nombres, exporté avec l'image par votre logiciel de SIG.",
    )
    crs = forms.TypedChoiceField(
        label="Système de coordonnées du fichier de géoréférencement",
        choices=georef.CRS_CHOICES,
        coerce=int,
        initial=2154,
    )

    class Meta:
        model = GeoImage
        fields = ["title", "period"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload, world = data.get("upload"), data.get("world_file")
        if not upload or self.errors:
            return data
        world_text = None
        if world:
            try:
                world_text = world.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                self.add_error("world_file", "Le fichier de géoréférencement doit être du texte.")
                return data
        try:
            self.placed = georef.place(upload.read(), world_text, data.get("crs"))
        except georef.GeorefError as exc:
            self.add_error("world_file" if world_text is not None else "upload", str(exc))
        return data
