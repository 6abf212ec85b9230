"""Forms of the systems pages (French labels; crispy renders them accessibly)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms

from ressort.analysis import micmac as mm
from ressort.analysis.typography import cell as cell_fault
from ressort.analysis.typography import plural, quoted
from ressort.systems.models import (
    Hypothesis,
    ImpactChain,
    Link,
    MorphVariable,
    Node,
    Scenario,
    Variable,
    Vision,
)
from ressort.systems.services.chains import MAX_STEPS, chain_templates, dimension_choices
from ressort.systems.services.micmac import CELL_CODES
from ressort.systems.services.scenarios import tracc_levels
from ressort.uploads import CappedFileField
from ressort.web.forms import DemarcheForm, taken


class ChainForm(DemarcheForm):
    class Meta:
        model = ImpactChain
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def clean_name(self) -> str:
        return self.unique("name", "Une chaîne porte déjà ce nom dans la démarche.")


class TemplateForm(forms.Form):
    template = forms.ChoiceField(label="Modèle")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = [(t.code, t.name) for t in chain_templates()]


class DimensionCodesField(forms.MultipleChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            label="Dimensions des référentiels",
            required=False,
            help_text="Maintenez Ctrl (ou Cmd) pour en choisir plusieurs.",
            **kwargs,
        )


class NodeForm(forms.ModelForm):
    dimension_codes = DimensionCodesField()

    class Meta:
        model = Node
        fields = [
            "label",
            "kind",
            "places",
            "description",
            "dimension_codes",
            "vulnerabilities",
            "resources",
            "indicators",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, chain: ImpactChain, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.chain = chain
        choices = dimension_choices()
        known = {c for c, _ in choices}
        current = [c for c in (self.instance.dimension_codes or []) if c not in known]
        self.fields["dimension_codes"].choices = choices + [(c, c) for c in current]
        self.fields["dimension_codes"].widget.attrs["size"] = 6
        approach = chain.approach
        for name, queryset in (
            ("vulnerabilities", approach.vulnerabilities.all()),  # type: ignore[attr-defined]
            ("resources", approach.resources.all()),  # type: ignore[attr-defined]
            ("indicators", approach.indicators.all()),  # type: ignore[attr-defined]
        ):
            field = self.fields[name]
            field.queryset = queryset  # type: ignore[attr-defined]
            field.help_text = "Maintenez Ctrl (ou Cmd) pour en choisir plusieurs."
            field.widget.attrs["size"] = 4

    def clean_label(self) -> str:
        label: str = " ".join(self.cleaned_data["label"].split())
        if taken(self.instance, chain=self.chain, label=label):
            raise forms.ValidationError("Un élément de cette chaîne porte déjà ce libellé.")
        return label


class LinkForm(forms.ModelForm):
    class Meta:
        model = Link
        fields = ["source", "target", "sign", "weight", "note"]
        labels = {"source": "Depuis", "target": "Vers"}

    def __init__(self, *args: Any, chain: ImpactChain, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.chain = chain
        for name in ("source", "target"):
            field = self.fields[name]
            field.queryset = chain.nodes.all()  # type: ignore[attr-defined]
            field.empty_label = "— choisir —"  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        source, target = data.get("source"), data.get("target")
        if source and target:
            if source == target:
                self.add_error("target", "Un élément ne peut pas agir sur lui-même.")
            elif taken(self.instance, source=source, target=target):
                self.add_error("target", f"Le lien « {source} » → « {target} » existe déjà.")
        return data


class CascadeForm(forms.Form):
    INTENSITIES = [("1", "1 — modérée"), ("2", "2 — forte"), ("3", "3 — extrême")]
    hazards = forms.MultipleChoiceField(
        label="Aléas et facteurs de changement", widget=forms.CheckboxSelectMultiple
    )
    intensity = forms.ChoiceField(label="Intensité", choices=INTENSITIES, initial="2")
    max_steps = forms.IntegerField(
        label="Nombre d'étapes au plus", min_value=1, max_value=20, initial=MAX_STEPS
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hazards"].choices = choices


class VariableForm(DemarcheForm):
    class Meta:
        model = Variable
        fields = ["name", "short_name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def clean_name(self) -> str:
        return self.unique("name", "Une variable porte déjà ce nom.")


@dataclass(frozen=True)
class GridCell:
    """One cell of the drawn grid: `name` is the field's, `value` what the select shows (the
    typed value kept when it was refused), `error` the fault of this cell, if any."""

    column: Variable
    name: str
    value: str
    label: str
    error: str = ""


class InfluenceGridForm(forms.Form):
    """The MICMAC grid: one field per cell, `c_<row pk>_<column pk>` = 0, 1, 2, 3 or P (the
    row's variable acts on the column's). Bound, it keeps every value the user chose, and
    names each faulty cell by its row and column; a cell of a variable that no longer
    exists is a fault too (the page is stale). Empty or missing cells count as 0."""

    def __init__(
        self,
        *args: Any,
        variables: list[Variable],
        current: dict[tuple[int, int], str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.variables = variables
        self.current = current  # {(row pk, column pk): code} as stored
        for row in variables:
            for column in variables:
                if row.pk != column.pk:
                    self.fields[self.cell_name(row, column)] = forms.CharField(
                        required=False,
                        strip=True,
                        label=f"Influence de « {row.name} » sur « {column.name} »",
                        initial=current.get((row.pk, column.pk), "0"),
                    )

    @staticmethod
    def cell_name(row: Variable, column: Variable) -> str:
        return f"c_{row.pk}_{column.pk}"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for row in self.variables:
            for column in self.variables:
                name = self.cell_name(row, column)
                if name not in self.fields or name in self._errors:
                    continue
                code = (cleaned.get(name) or "0").upper()
                if code not in CELL_CODES:
                    self.add_error(
                        name,
                        cell_fault(
                            row.name,
                            column.name,
                            f"{quoted(cleaned.get(name))} n'est pas une influence permise "
                            f"({mm.SCORES}).",
                        ),
                    )
                else:
                    cleaned[name] = code
        stale = [
            key
            for key in self.data
            if key.startswith("c_") and key not in self.fields and key.count("_") == 2
        ]
        if stale:
            raise forms.ValidationError(
                "Une cellule désigne une variable qui n'existe plus : rechargez la page."
            )
        return cleaned

    def cells(self) -> dict[tuple[int, int], str]:
        """The valid grid, {(row pk, column pk): code}, zeros left out."""
        return {
            (row.pk, column.pk): self.cleaned_data[self.cell_name(row, column)]
            for row in self.variables
            for column in self.variables
            if row.pk != column.pk and self.cleaned_data[self.cell_name(row, column)] != "0"
        }

    def faults(self) -> list[str]:
        return [str(e) for errors in self.errors.values() for e in errors]

    def rows(self) -> list[tuple[Variable, list[GridCell | None]]]:
        """The grid as drawn: per row, a cell per column (None on the diagonal)."""
        drawn = []
        for row in self.variables:
            cells: list[GridCell | None] = []
            for column in self.variables:
                if row.pk == column.pk:
                    cells.append(None)
                    continue
                name = self.cell_name(row, column)
                if self.is_bound:
                    raw = (self.data.get(name) or "").strip()
                    value = raw.upper() if raw.upper() in CELL_CODES else raw or "0"
                else:
                    value = self.current.get((row.pk, column.pk), "0")
                error = self.errors.get(name) if self.is_bound else None
                cells.append(
                    GridCell(
                        column, name, value, self.fields[name].label, error[0] if error else ""
                    )
                )
            drawn.append((row, cells))
        return drawn


class MatrixFileForm(forms.Form):
    file = CappedFileField(
        label="Fichier CSV",
        help_text="Première ligne : une cellule vide puis les noms ; ensuite une ligne par "
        "variable : son nom puis 0, 1, 2, 3, P ou vide. Remplace toute la matrice.",
    )


class VisionForm(forms.ModelForm):
    class Meta:
        model = Vision
        fields = ["text", "horizon_year", "values", "commitments"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 6}),
            "values": forms.Textarea(attrs={"rows": 4}),
            "commitments": forms.Textarea(attrs={"rows": 4}),
        }

    def clean_horizon_year(self) -> int | None:
        year: int | None = self.cleaned_data.get("horizon_year")
        if year is not None and not 2025 <= year <= 2150:
            raise forms.ValidationError("Indiquez une année entre 2025 et 2150.")
        return year


class KeywordsForm(forms.Form):
    words = forms.CharField(
        label="Mots clés", help_text="Séparés par des virgules.", max_length=1000
    )


class MorphVariableForm(DemarcheForm):
    hypotheses_text = forms.CharField(
        label="Hypothèses (2 à 5, une par ligne)", widget=forms.Textarea(attrs={"rows": 4})
    )

    class Meta:
        model = MorphVariable
        fields = ["name", "variable"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["variable"]
        field.required = False
        field.empty_label = "— aucune —"  # type: ignore[attr-defined]
        if self.instance.pk:
            self.fields["hypotheses_text"].initial = "\n".join(
                h.label for h in self.instance.hypotheses.all()
            )

    def clean_name(self) -> str:
        return self.unique("name", "Une composante porte déjà ce nom.")

    def clean_hypotheses_text(self) -> list[str]:
        lines = [" ".join(x.split()) for x in self.cleaned_data["hypotheses_text"].splitlines()]
        labels = [x for x in lines if x]
        if not 2 <= len(labels) <= 5:
            raise forms.ValidationError(
                f"{plural(len(labels), 'hypothèse')} : il en faut de 2 à 5, une par ligne."
            )
        doubles = sorted({x for x in labels if labels.count(x) > 1})
        if doubles:
            raise forms.ValidationError(f"Hypothèse en double : « {doubles[0]} ».")
        for label in labels:
            if len(label) > 200:
                raise forms.ValidationError(
                    f"Hypothèse trop longue (200 caractères) : « {label[:40]}… »."
                )
        return labels


class ExclusionForm(forms.Form):
    first = forms.ModelChoiceField(label="Cette hypothèse", queryset=Hypothesis.objects.none())
    second = forms.ModelChoiceField(label="ne va pas avec", queryset=Hypothesis.objects.none())
    reason = forms.CharField(label="Pourquoi", required=False, max_length=300)

    def __init__(self, *args: Any, approach: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        hypotheses = Hypothesis.objects.filter(variable__approach=approach).select_related(
            "variable"
        )
        for name in ("first", "second"):
            field = self.fields[name]
            field.queryset = hypotheses  # type: ignore[attr-defined]
            field.empty_label = "— choisir —"  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        first, second = data.get("first"), data.get("second")
        if first and second and first.variable_id == second.variable_id:
            self.add_error(
                "second",
                "Deux hypothèses d'une même composante s'excluent déjà : choisissez-en une "
                "d'une autre composante.",
            )
        return data


class ScenarioForm(DemarcheForm):
    class Meta:
        model = Scenario
        fields = ["name", "tracc_level", "story", "key_figures"]
        widgets = {
            "story": forms.Textarea(attrs={"rows": 6}),
            "key_figures": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tracc_level"] = forms.ChoiceField(
            label="Cadre climatique (TRACC)",
            choices=[("", "— choisir un niveau de la TRACC —"), *tracc_levels()],
            required=False,
            help_text="Trajectoire de réchauffement de référence pour l'adaptation.",
        )

    def clean_name(self) -> str:
        return self.unique("name", "Un scénario porte déjà ce nom.")


INTENSIFY_CHOICES = [
    ("0", "non intensifié"),
    ("1", "1 — modérément"),
    ("2", "2 — fortement"),
    ("3", "3 — extrêmement"),
]


class ScenarioFrameForm(forms.Form):
    """The scenario's hypotheses (one per component) and the hazards it intensifies."""

    def __init__(
        self,
        *args: Any,
        components: list[MorphVariable],
        hazards: list[tuple[int, str]],
        exclusions: list[Any],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.components = components
        self.exclusions = exclusions
        for c in components:
            self.fields[f"h_{c.pk}"] = forms.ChoiceField(
                label=c.name,
                required=False,
                choices=[("", "— non précisé —")]
                + [(str(h.pk), h.label) for h in c.hypotheses.all()],
            )
        for pk, label in hazards:
            self.fields[f"a_{pk}"] = forms.ChoiceField(
                label=label, required=False, choices=INTENSIFY_CHOICES, initial="0"
            )

    def hypothesis_fields(self) -> list[Any]:
        return [self[f"h_{c.pk}"] for c in self.components]

    def hazard_fields(self) -> list[Any]:
        return [self[name] for name in self.fields if name.startswith("a_")]

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        chosen = {int(v) for k, v in data.items() if k.startswith("h_") and v}
        for exclusion in self.exclusions:
            if exclusion.first_id in chosen and exclusion.second_id in chosen:
                raise forms.ValidationError(
                    f"« {exclusion.first} » et « {exclusion.second} » ne vont pas ensemble "
                    "(incompatibilité de la boîte morphologique)."
                )
        return data

    def chosen_hypotheses(self) -> list[int]:
        return [int(v) for k, v in self.cleaned_data.items() if k.startswith("h_") and v]

    def intensities(self) -> dict[int, int]:
        return {
            int(k[2:]): int(v)
            for k, v in self.cleaned_data.items()
            if k.startswith("a_") and v and v != "0"
        }
