"""Acceptability of measures: each inhabitant says, for each chosen action, how acceptable and
how affordable it is for them (1 pas du tout … 4 tout à fait), and optionally which population
group they belong to; the answers, counted, become the acceptability answers of the just
transition brique, shown per group beside each action (issue 21)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from django import forms

from ressort.actions.models import Action
from ressort.analysis import justice as rule
from ressort.analysis.typography import agree, plural
from ressort.approaches.models import Approach
from ressort.justice import services as justice
from ressort.justice.models import AcceptabilityAnswer, Dimension, Participation, PopulationGroup
from ressort.workshops.kinds.base import (
    ActivityKind,
    AnswerError,
    Copies,
    DeliveryError,
    Fields,
    Parsed,
    Template,
    first,
    register,
)
from ressort.workshops.kinds.sources import approach_actions
from ressort.workshops.models import Activity, Answer

SCALE = (1, 2, 3, 4)
WORDS = {1: "pas du tout", 2: "plutôt pas", 3: "plutôt", 4: "tout à fait"}
NO_GROUP = "Sans groupe déclaré"
MAX_ACTIONS = 20


def _groups(approach: Approach) -> list[tuple[int, str]]:
    return list(
        PopulationGroup.objects.filter(approach=approach)
        .order_by("dimension", "name")
        .values_list("pk", "name")
    )


@register
class AcceptabilityConsultation(ActivityKind):
    code = "acceptabilite"
    label = "Acceptabilité des mesures"
    description = (
        "Chaque habitant·e dit si chaque mesure est acceptable et abordable pour elle ou lui, "
        "de 1 (pas du tout) à 4 (tout à fait), et peut indiquer son groupe de population."
    )
    delivers_to = "l'acceptabilité par groupe de la transition juste"

    def as_template(self, config: Mapping[str, Any], copies: Copies) -> Template:
        """The measures, mapped to the actions copied by the same reuse or dropped; never
        the source démarche's population groups."""
        kept: list[dict[str, Any]] = []
        dropped = 0
        for action in config.get("actions", []):
            new = copies.actions.get(action["action_pk"])
            if new is None:
                dropped += 1
            else:
                kept.append({"key": f"a{new}", "label": action["label"], "action_pk": new})
        notes: list[str] = []
        if dropped:
            notes.append(
                f"{dropped}\u00a0mesure{'s' if dropped > 1 else ''} de l'autre démarche "
                f"retirée{'s' if dropped > 1 else ''}\u00a0: cochez les actions de cette "
                "démarche («\u00a0Modifier\u00a0» dans l'atelier)."
            )
        if config.get("groups"):
            notes.append(
                "les groupes de population de l'autre démarche ne sont pas repris\u00a0: "
                "cochez ceux de cette démarche."
            )
        return Template({"actions": kept, "groups": []}, tuple(notes))

    def form_fields(self, approach: Approach) -> dict[str, forms.Field]:
        fields: dict[str, forms.Field] = {
            "actions": forms.MultipleChoiceField(
                label="Mesures soumises aux habitants",
                choices=[(str(pk), title) for pk, title in approach_actions(approach)],
                required=False,
                widget=forms.CheckboxSelectMultiple,
                help_text=f"des actions de la démarche, {MAX_ACTIONS} au plus",
            )
        }
        groups = _groups(approach)
        if groups:
            fields["groups"] = forms.MultipleChoiceField(
                label="Groupes parmi lesquels chacun·e peut se situer (facultatif)",
                choices=[(str(pk), name) for pk, name in groups],
                required=False,
                widget=forms.CheckboxSelectMultiple,
                help_text="aucun coché\u00a0: la question du groupe n'est pas posée",
            )
        return fields

    def build_config(self, data: Mapping[str, Any], approach: Approach) -> dict[str, Any]:
        titles = dict(approach_actions(approach))
        chosen = [int(raw) for raw in data.get("actions") or []]
        if not titles:
            raise forms.ValidationError(
                "La démarche n'a pas encore d'actions\u00a0: créez-les avant de consulter sur "
                "leur acceptabilité."
            )
        if not chosen:
            raise forms.ValidationError(
                "Mesures soumises aux habitants\u00a0: cochez-en au moins une."
            )
        if len(chosen) > MAX_ACTIONS:
            raise forms.ValidationError(
                f"Mesures soumises aux habitants\u00a0: {MAX_ACTIONS} au plus."
            )
        names = dict(_groups(approach))
        return {
            "actions": [{"key": f"a{pk}", "label": titles[pk], "action_pk": pk} for pk in chosen],
            "groups": [
                {"key": f"g{pk}", "label": names[int(pk)], "group_pk": int(pk)}
                for pk in data.get("groups") or []
            ],
        }

    def initial(self, config: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "actions": [str(a["action_pk"]) for a in config.get("actions", [])],
            "groups": [str(g["group_pk"]) for g in config.get("groups", [])],
        }

    def parse(self, fields: Fields, config: Mapping[str, Any]) -> list[Parsed]:
        group = first(fields, "groupe")
        if group and group not in {g["key"] for g in config.get("groups", [])}:
            raise AnswerError("Votre groupe\u00a0: choisissez-le dans la liste.")
        out = []
        for action in config.get("actions", []):
            values = {}
            for name, what in (("acc", "acceptable"), ("aff", "abordable")):
                raw = first(fields, f"{name}-{action['key']}")
                if raw == "":
                    continue
                if not (raw.isdigit() and int(raw) in SCALE):
                    raise AnswerError(f"«\u00a0{action['label']}\u00a0», {what}\u00a0: de 1 à 4.")
                values[name] = int(raw)
            if len(values) == 1:
                missing = "abordable" if "acc" in values else "acceptable"
                raise AnswerError(
                    f"«\u00a0{action['label']}\u00a0»\u00a0: dites aussi si la mesure est "
                    f"{missing} pour vous."
                )
            if values:
                out.append(
                    Parsed(
                        action["key"],
                        {"acceptable": values["acc"], "affordable": values["aff"], "group": group},
                    )
                )
        if not out:
            raise AnswerError("Répondez pour au moins une mesure.")
        return out

    def participant_context(self, config: Mapping[str, Any], mine: list[Answer]) -> dict[str, Any]:
        given = {a.client_id: a.payload for a in mine}
        group = next((a.payload.get("group", "") for a in mine), "")
        rows = [
            {
                "action": action,
                "acc": str(given.get(action["key"], {}).get("acceptable", "")),
                "aff": str(given.get(action["key"], {}).get("affordable", "")),
            }
            for action in config.get("actions", [])
        ]
        scale = [{"value": str(s), "label": f"{s} — {WORDS[s]}"} for s in SCALE]
        return {"rows": rows, "scale": scale, "groups": config.get("groups", []), "group": group}

    def describe(self, config: Mapping[str, Any], payload: Mapping[str, Any]) -> str:
        groups = {g["key"]: g["label"] for g in config.get("groups", [])}
        acc, aff = payload.get("acceptable"), payload.get("affordable")
        text = (
            f"acceptable\u00a0: {acc} ({WORDS.get(acc, '')})\u00a0; "
            f"abordable\u00a0: {aff} ({WORDS.get(aff, '')})"
        )
        group = groups.get(payload.get("group", ""))
        return text + (f" — {group}" if group else "")

    def _rows(
        self, config: Mapping[str, Any], answers: Sequence[Answer]
    ) -> list[tuple[dict[str, Any], str, int, int]]:
        """(action, group key or "", acceptable, affordable) of each visible answer."""
        actions = {a["key"]: a for a in config.get("actions", [])}
        return [
            (
                actions[a.client_id],
                a.payload.get("group", ""),
                a.payload["acceptable"],
                a.payload["affordable"],
            )
            for a in answers
            if not a.hidden and a.client_id in actions
        ]

    def results(self, config: Mapping[str, Any], answers: Sequence[Answer]) -> dict[str, Any]:
        labels = {g["key"]: g["label"] for g in config.get("groups", [])}
        rows = [(a, labels.get(g, NO_GROUP), c, f) for a, g, c, f in self._rows(config, answers)]
        overall = {
            r.action: r
            for r in rule.acceptability((a["label"], "", c, f, 1) for a, _, c, f in rows)
        }
        per_group: dict[str, list[rule.Acceptability]] = {}
        for r in rule.acceptability((a["label"], g, c, f, 1) for a, g, c, f in rows):
            per_group.setdefault(r.action, []).append(r)
        return {
            "rows": [
                {
                    "label": a["label"],
                    "all": overall.get(a["label"]),
                    "groups": per_group.get(a["label"], []),
                }
                for a in config.get("actions", [])
            ]
        }

    def deliver(self, activity: Activity, answers: Sequence[Answer], source: str) -> str:
        approach = activity.workshop.approach
        counted = Counter(
            (action["action_pk"], group, acc, aff)
            for action, group, acc, aff in self._rows(activity.config, answers)
        )
        actions = Action.objects.filter(
            approach=approach, pk__in=[pk for pk, *_ in counted]
        ).in_bulk()
        groups = {
            f"g{g.pk}": g
            for g in PopulationGroup.objects.filter(
                approach=approach, pk__in=[g["group_pk"] for g in activity.config.get("groups", [])]
            )
        }
        sent = 0
        for (action_pk, group, acc, aff), count in counted.items():
            if action_pk not in actions:
                continue
            sent += justice.add_answers(
                approach,
                AcceptabilityAnswer(
                    consultation=source,
                    action=actions[action_pk],
                    group=groups.get(group),
                    acceptable=acc,
                    affordable=aff,
                    count=count,
                ),
            )
        if not sent:
            raise DeliveryError(
                "Aucune réponse sur une action de la démarche\u00a0: rien à envoyer."
            )
        # Who took part: each phone once, under the group it named (an age band, or a
        # self-declared category), so that the participation gaps count the consultation.
        people = Counter(
            next(
                (a.payload.get("group", "") for a in answers if a.participant_id == participant),
                "",
            )
            for participant in {a.participant_id for a in answers if not a.hidden}
        )
        for key, count in people.items():
            group = groups.get(key)
            is_age = group is not None and group.dimension == Dimension.AGE
            justice.add_participations(
                approach,
                Participation(
                    event=source[:200],
                    age_group=group if is_age else None,
                    category=None if is_age else group,
                    count=count,
                ),
            )
        measures = len({pk for pk, *_ in counted if pk in actions})
        return (
            f"{plural(sent, 'réponse')} d'acceptabilité sur {plural(measures, 'mesure')} et "
            f"{plural(sum(people.values()), 'participation')} "
            f"{agree(sent + sum(people.values()), 'envoyée')} à la transition juste."
        )
