"""Forms of the training app (French labels; the démarche scopes every choice)."""

from __future__ import annotations

from typing import Any

from django import forms

from ressort.approaches.models import Approach
from ressort.training.catalogue import modules_for, topic_labels
from ressort.training.models import (
    Attendee,
    Audience,
    Commitment,
    Headcount,
    Module,
    PathStep,
    Session,
    Trade,
    TrainingPath,
)
from ressort.uploads import CappedFileField
from ressort.web.forms import DemarcheForm


class ModuleForm(DemarcheForm):
    audiences = forms.MultipleChoiceField(
        label="Publics", choices=Audience.choices, widget=forms.CheckboxSelectMultiple
    )
    trades = forms.MultipleChoiceField(
        label="Métiers visés (agents)",
        choices=Trade.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Aucun coché\u00a0: tous les métiers.",
    )
    topics = forms.MultipleChoiceField(
        label="Thèmes de l'auto-évaluation couverts",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    elements = forms.CharField(
        label="Éléments de référentiel abordés",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Un par ligne (principe de la Boussole, dimension du Donut, TRACC…).",
    )

    class Meta:
        model = Module
        fields = [
            "title",
            "objectives",
            "audiences",
            "trades",
            "duration_hours",
            "format",
            "phase",
            "prerequisites",
            "topics",
            "elements",
            "materials",
            "source",
        ]
        widgets = {
            "objectives": forms.Textarea(attrs={"rows": 3}),
            "materials": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, approach: Approach, **kwargs: Any) -> None:
        super().__init__(*args, approach=approach, **kwargs)
        self.fields["topics"].choices = list(topic_labels().items())
        self.fields["prerequisites"].queryset = modules_for(approach).exclude(pk=self.instance.pk)
        self.fields["prerequisites"].required = False
        self.fields["duration_hours"] = forms.DecimalField(  # « 1,5 » in a text input
            label="Durée (heures)",
            max_digits=5,
            decimal_places=1,
            min_value=0,
            localize=True,
            widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        )
        if self.instance.pk:
            self.initial["elements"] = "\n".join(self.instance.elements)

    def clean_elements(self) -> list[str]:
        text = self.cleaned_data.get("elements") or ""
        return [line.strip()[:200] for line in text.splitlines() if line.strip()]

    def save(self, commit: bool = True) -> Module:
        module: Module = super().save(commit=False)
        module.approach = self.approach
        if not module.code:
            from django.utils.text import slugify

            base = slugify(module.title)[:50] or "module"
            code, n = base, 1
            while Module.objects.filter(approach=self.approach, code=code).exists():
                n += 1
                code = f"{base}-{n}"
            module.code = code
        if commit:
            module.save()
            self.save_m2m()
        return module


class PathForm(DemarcheForm):
    propose = forms.BooleanField(
        label="Proposer les modules d'après les besoins recueillis et l'étape de la démarche",
        required=False,
        initial=True,
    )

    class Meta:
        model = TrainingPath
        fields = ["title", "audience", "trade", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"trade": "Pour un parcours d'agents d'un métier."}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["propose"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("trade") and data.get("audience") != Audience.STAFF:
            self.add_error("trade", "Un métier ne se précise que pour un parcours d'agents.")
        return data


class StepForm(DemarcheForm):
    class Meta:
        model = PathStep
        fields = ["module", "reason"]
        labels = {"module": "Module à ajouter à la fin du parcours"}

    def __init__(self, *args: Any, approach: Approach, **kwargs: Any) -> None:
        super().__init__(*args, approach=approach, **kwargs)
        self.fields["module"].queryset = modules_for(approach)


class SessionForm(DemarcheForm):
    class Meta:
        model = Session
        fields = [
            "module",
            "path",
            "held_on",
            "place",
            "trainer",
            "materials",
            "documents",
            "notes",
        ]
        widgets = {
            "materials": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
            "documents": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "materials": "Diaporama, jeu, fiches…",
            "documents": "Documents de la bibliothèque de la démarche.",
        }

    def __init__(self, *args: Any, approach: Approach, **kwargs: Any) -> None:
        super().__init__(*args, approach=approach, **kwargs)
        self.fields["module"].queryset = modules_for(approach)
        self.fields["path"].empty_label = "Hors parcours"
        documents = self.fields["documents"]
        documents.queryset = documents.queryset.order_by("title")


class AttendeeForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Attendee
        fields = ["member", "name", "audience", "trade"]

    def __init__(self, *args: Any, approach: Approach, session: Session, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        self.session = session
        self.fields["member"].queryset = get_user_model().objects.filter(
            memberships__approach=approach
        )
        self.fields["member"].required = False
        self.fields["member"].empty_label = "Personne extérieure (nommée ci-dessous)"
        self.fields["name"].required = False
        self.fields["name"].help_text = "Obligatoire pour une personne extérieure."

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        member = data.get("member")
        if not data.get("name"):
            if member is None:
                self.add_error("name", "Choisissez un membre ou écrivez le nom de la personne.")
                return data
            data["name"] = getattr(member, "display_name", "") or member.email
        _check_attendee(self, data, self.session)
        return data


class ScoresForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Attendee
        fields = [
            "name",
            "audience",
            "trade",
            "present",
            "score_before",
            "score_after",
            "satisfaction",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        _check_attendee(self, data, self.instance.session)
        return data


def _check_attendee(form: forms.ModelForm, data: dict[str, Any], session: Session) -> None:  # type: ignore[type-arg]
    """One name once in a session; a trade for an agent only."""
    name = data.get("name")
    others = session.attendees.exclude(pk=form.instance.pk)
    if name and others.filter(name__iexact=name).exists():
        form.add_error("name", f"«\u00a0{name}\u00a0» est déjà inscrit·e à cette session.")
    if data.get("trade") and data.get("audience") != Audience.STAFF:
        form.add_error("trade", "Un métier ne se précise que pour un agent.")


class AttendanceImportForm(forms.Form):
    file = CappedFileField(
        label="Feuille de présence (CSV, XLSX ou ODS)",
        help_text="Colonnes : Nom ; Présent (oui/non) ; Avant (0 à 4) ; Après (0 à 4) ; "
        "Satisfaction (1 à 5).",
    )


class CommitmentForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Commitment
        fields = ["attendee", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, session: Session, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attendee"].queryset = session.attendees.all()
        self.fields["attendee"].empty_label = "Le groupe"


class HeadcountForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Headcount
        fields = ["audience", "trade", "count"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        same = Headcount.objects.filter(
            approach=self.instance.approach,
            audience=data.get("audience"),
            trade=data.get("trade") or "",
        ).exclude(pk=self.instance.pk)
        if same.exists():
            raise forms.ValidationError("Cet effectif est déjà indiqué\u00a0: modifiez-le.")
        if data.get("trade") and data.get("audience") != Audience.STAFF:
            self.add_error("trade", "Un métier ne se précise que pour les agents.")
        return data
