"""The registry of activity kinds.

Each kind declares, in one class: the fields a facilitator fills to prepare it
(`form_fields` → `build_config`), how a participant's submitted fields become stored
answers (`parse`: validation with French messages, and the key of each answer), how the
answers aggregate for the projection and results pages (`results`), which templates render
it, and where its results go in the démarche (`deliver`, calling the other apps' contract
functions). The live machinery (consumers, views) only talks to this interface: adding a
kind is adding a class here and its two templates.
"""

from __future__ import annotations

import re
import statistics
import uuid
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from django import forms

from ressort.analysis import majority_judgment as mj
from ressort.territories.text import normalize

if TYPE_CHECKING:
    from ressort.approaches.models import Approach
    from ressort.workshops.models import Activity, Answer

NSP = "nsp"  # « je ne sais pas »
GRID_SCORES = (0, 1, 2, 3, 4)
RATING_SCORES = (-2, -1, 0, 1, 2)
SINGLE_KEY = "bulletin"
MAX_TEXT = 500
MAX_WORD = 40


class AnswerError(ValueError):
    """A participant's answer that cannot be stored; the message is shown to them."""


class DeliveryError(RuntimeError):
    """Results that cannot be sent into the démarche (yet); the message says why."""


Fields = Mapping[str, Sequence[str]]  # a form's fields: name → values (QueryDict-like)


def first(fields: Fields, name: str) -> str:
    getlist = getattr(fields, "getlist", None)
    values = getlist(name) if getlist is not None else fields.get(name)
    if isinstance(values, str):
        return values.strip()
    return str(values[0]).strip() if values else ""


def new_client_id() -> str:
    return uuid.uuid4().hex


def _clean_client_id(raw: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9_-]{8,64}", raw):
        raise AnswerError("Identifiant de réponse invalide : rechargez la page.")
    return raw


def _pid(answer: Answer) -> str:
    """An opaque participant reference (never the token, never a name)."""
    return f"p{answer.participant_id}"


def _category(answer: Answer) -> str:
    return answer.participant.category or "Sans catégorie"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


@dataclass(frozen=True)
class Parsed:
    key: str
    payload: dict[str, Any]


class ActivityKind:
    code = ""
    label = ""
    description = ""
    delivers_to = ""
    multiple = False  # several entries per participant (idea wall, word cloud)

    @property
    def participant_template(self) -> str:
        return f"workshops/kinds/{self.code}_participant.html"

    @property
    def projection_template(self) -> str:
        return f"workshops/kinds/{self.code}_projection.html"

    # -- preparation --------------------------------------------------------------------
    def form_fields(self, approach: Approach) -> dict[str, forms.Field]:
        return {}

    def build_config(self, data: Mapping[str, Any], approach: Approach) -> dict[str, Any]:
        return {}

    def initial(self, config: Mapping[str, Any]) -> dict[str, Any]:
        return {}

    # -- answering ----------------------------------------------------------------------
    def parse(self, fields: Fields, config: Mapping[str, Any]) -> list[Parsed]:
        raise NotImplementedError

    def participant_context(self, config: Mapping[str, Any], mine: list[Answer]) -> dict[str, Any]:
        return {}

    # -- results ------------------------------------------------------------------------
    def results(self, config: Mapping[str, Any], answers: Sequence[Answer]) -> dict[str, Any]:
        return {}

    def deliver(self, activity: Activity, answers: Sequence[Answer], source: str) -> str:
        raise DeliveryError("Ce type d'activité n'envoie rien dans la démarche.")


REGISTRY: dict[str, ActivityKind] = {}


def register(kind_class: type[ActivityKind]) -> type[ActivityKind]:
    kind = kind_class()
    REGISTRY[kind.code] = kind
    return kind_class


def get_kind(code: str) -> ActivityKind:
    try:
        return REGISTRY[code]
    except KeyError:
        raise LookupError(f"type d'activité inconnu : « {code} »") from None


def kind_choices() -> list[tuple[str, str]]:
    return [(k.code, k.label) for k in REGISTRY.values()]


# ------------------------------------------------------------------------------------------
# Helpers on frameworks (read-only)
# ------------------------------------------------------------------------------------------


def framework_versions(approach: Approach) -> list[Any]:
    from ressort.frameworks.models import FrameworkVersion

    return list(
        FrameworkVersion.objects.filter(is_current=True, framework__approach__in=[approach])
        .select_related("framework")
        .order_by("framework__name")
    ) + list(
        FrameworkVersion.objects.filter(is_current=True, framework__approach=None)
        .exclude(framework__code__in=["tracc", "conditions"])
        .select_related("framework")
        .order_by("framework__code")
    )


def version_nodes(version_pk: int, kinds: Iterable[str]) -> list[Any]:
    from ressort.frameworks import services
    from ressort.frameworks.models import FrameworkVersion

    version = FrameworkVersion.objects.get(pk=version_pk)
    wanted = tuple(kinds)
    rows = [row for row, _ in services.tree(version)]
    present = {row.kind for row in rows}
    kind = next((k for k in wanted if k in present), None)
    return [row for row in rows if row.kind == kind]


def version_dimension_codes(approach: Approach) -> list[tuple[str, str]]:
    """Dimensions one may tag an idea with: the démarche's grids, else the Doughnut."""
    from ressort.frameworks.models import Dimension

    rows = Dimension.objects.filter(
        version__is_current=True,
        version__framework__approach=approach,
        kind__in=["dimension", "principe"],
    ).order_by("version", "order")
    if not rows:
        rows = Dimension.objects.filter(
            version__is_current=True, version__framework__code="donut", kind="dimension"
        ).order_by("order")
    return [(d.code, d.short_label or d.label) for d in rows]


class VersionChoiceField(forms.ChoiceField):
    pass


def _version_field(approach: Approach, label: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=[(str(v.pk), v.name) for v in framework_versions(approach)]
    )


def approach_actions(approach: Approach) -> list[tuple[int, str]]:
    """The démarche's actions (actions app), when that app has its model."""
    from django.apps import apps

    try:
        action_model = apps.get_model("actions", "Action")
    except LookupError:
        return []
    return [
        (a.pk, str(getattr(a, "title", a))) for a in action_model.objects.filter(approach=approach)
    ]


def analysis_criteria(approach: Approach) -> list[dict[str, str]]:
    """The dimensions of the démarche's analysis grid (actions app), as rating criteria."""
    try:
        from ressort.actions import services as actions

        grid = actions.analysis_grid(approach)
    except (ImportError, AttributeError, NotImplementedError):
        return []
    return [{"code": d.code, "label": d.label} for d in grid.dimensions]


def speaker_category(label: str) -> str:
    """A participant's category label mapped to the fieldwork's speaker categories."""
    key = normalize(label)
    for prefix, value in (
        ("elu", "elu"),
        ("agent", "agent"),
        ("habitant", "habitant"),
        ("association", "association"),
        ("jeune", "jeune"),
        ("agricult", "agriculteur"),
        ("entreprise", "acteur_economique"),
    ):
        if key.startswith(prefix):
            return value
    return "autre"


def _candidates_fields(approach: Approach, what: str) -> dict[str, forms.Field]:
    fields: dict[str, forms.Field] = {}
    actions = approach_actions(approach)
    if actions:
        fields["actions"] = forms.MultipleChoiceField(
            label=f"Actions de la démarche à {what}",
            choices=[(str(pk), title) for pk, title in actions],
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
    fields["labels"] = forms.CharField(
        label="Autres propositions (une par ligne)",
        required=not actions,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Des propositions qui ne sont pas (encore) des actions de la démarche : "
        "leurs résultats restent dans l'atelier.",
    )
    return fields


def _candidates(data: Mapping[str, Any], approach: Approach) -> list[dict[str, Any]]:
    titles = dict(approach_actions(approach))
    out: list[dict[str, Any]] = []
    for raw in data.get("actions") or []:
        pk = int(raw)
        out.append({"key": f"a{pk}", "label": titles[pk], "action_pk": pk})
    for i, label in enumerate(_lines(data.get("labels") or ""), start=1):
        out.append({"key": f"l{i}", "label": label[:200], "action_pk": None})
    if len(out) < 2:
        raise forms.ValidationError("Proposez au moins deux actions ou propositions.")
    if len(out) > 30:
        raise forms.ValidationError("Trente propositions au plus.")
    return out


# ------------------------------------------------------------------------------------------
# The kinds
# ------------------------------------------------------------------------------------------


@register
class IdeaWall(ActivityKind):
    code = "idees"
    label = "Mur d'idées"
    description = (
        "Chacun·e propose des idées (texte libre), éventuellement rattachées à une dimension."
    )
    delivers_to = "idées d'actions (ou témoignages de l'enquête de terrain)"
    multiple = True

    def form_fields(self, approach: Approach) -> dict[str, forms.Field]:
        return {
            "target": forms.ChoiceField(
                label="Les contributions deviennent",
                choices=[("idees", "des idées d'actions"), ("temoignages", "des témoignages")],
            ),
            "tag_dimensions": forms.BooleanField(
                label="Proposer de rattacher chaque idée à une dimension", required=False
            ),
        }

    def build_config(self, data: Mapping[str, Any], approach: Approach) -> dict[str, Any]:
        dims = version_dimension_codes(approach) if data.get("tag_dimensions") else []
        return {
            "target": data.get("target") or "idees",
            "dimensions": [{"code": c, "label": label} for c, label in dims],
        }

    def initial(self, config: Mapping[str, Any]) -> dict[str, Any]:
        return {"target": config.get("target"), "tag_dimensions": bool(config.get("dimensions"))}

    def parse(self, fields: Fields, config: Mapping[str, Any]) -> list[Parsed]:
        text = first(fields, "text")
        if not text:
            raise AnswerError("Votre idée : écrivez quelques mots avant d'envoyer.")
        if len(text) > MAX_TEXT:
            raise AnswerError(f"Votre idée : {MAX_TEXT} caractères au plus ({len(text)}).")
        dimension = first(fields, "dimension")
        known = {d["code"] for d in config.get("dimensions", [])}
        if dimension and dimension not in known:
            raise AnswerError("Dimension : choisissez dans la liste proposée.")
        return [
            Parsed(
                _clean_client_id(first(fields, "client_id")), {"text": text, "dimension": dimension}
            )
        ]

    def participant_context(self, config: Mapping[str, Any], mine: list[Answer]) -> dict[str, Any]:
        return {"dimensions": config.get("dimensions", []), "new_client_id": new_client_id()}

    def results(self, config: Mapping[str, Any], answers: Sequence[Answer]) -> dict[str, Any]:
        labels = {d["code"]: d["label"] for d in config.get("dimensions", [])}
        entries = [
            {
                "answer": a,
                "text": a.payload.get("text", ""),
                "dimension": labels.get(a.payload.get("dimension", ""), ""),
            }
            for a in answers
        ]
        return {"entries": entries, "count": len(entries)}

    def deliver(self, activity: Activity, answers: Sequence[Answer], source: str) -> str:
        approach = activity.workshop.approach
        visible = [a for a in answers if not a.hidden]
        if config_target(activity) == "temoignages":
            from ressort.fieldwork import services as fieldwork

            for a in visible:
                dim = a.payload.get("dimension") or ""
                fieldwork.add_testimony(
                    approach,
                    a.payload["text"],
                    category=speaker_category(a.participant.category),
                    source=source,
                    dimension_codes=(dim,) if dim else (),
                )
            return f"{len(visible)} témoignage(s) ajouté(s) à l'enquête de terrain."
        from ressort.actions import services as actions

        for a in visible:
            actions.add_idea(
                approach,
                a.payload["text"],
                source=source,
                proposer=a.participant.category,
                dimension_code=a.payload.get("dimension") or None,
            )
        return f"{len(visible)} idée(s) d'action ajoutée(s)."


def config_target(activity: Activity) -> str:
    return str(activity.config.get("target") or "idees")


@register
class WordCloud(ActivityKind):
    code = "nuage"
    label = "Nuage de mots"
    description = "Quelques mots chacun·e (« le territoire résilient en 2050, c'est… »)."
    delivers_to = "mots-clés de la vision (systèmes et scénarios)"
    multiple = True

    def form_fields(self, approach: Approach) -> dict[str, forms.Field]:
        return {
            "max_words": forms.IntegerField(
                label="Nombre de mots par personne", min_value=1, max_value=10, initial=3
            )
        }

    def build_config(self, data: Mapping[str, Any], approach: Approach) -> dict[str, Any]:
        return {"max_words": int(data.get("max_words") or 3)}

    def initial(self, config: Mapping[str, Any]) -> dict[str, Any]:
        return {"max_words": config.get("max_words", 3)}

    def parse(self, fields: Fields, config: Mapping[str, Any]) -> list[Parsed]:
        word = " ".join(first(fields, "word").split())
        if not word:
            raise AnswerError("Votre mot : écrivez un mot ou une courte expression.")
        if len(word) > MAX_WORD:
            raise AnswerError(f"Votre mot : {MAX_WORD} caractères au plus.")
        return [Parsed(_clean_client_id(first(fields, "client_id")), {"word": word})]

    def participant_context(self, config: Mapping[str, Any], mine: list[Answer]) -> dict[str, Any]:
        limit = int(config.get("max_words", 3))
        return {"new_client_id": new_client_id(), "limit": limit, "room": len(mine) < limit}

    def results(self, config: Mapping[str, Any], answers: Sequence[Answer]) -> dict[str, Any]:
        counts = Counter(a.payload.get("word", "").lower() for a in answers if not a.hidden)
        top = counts.most_common(60)
        biggest = top[0][1] if top else 1
        words = [{"word": w, "count": n, "size": round(1 + 2.2 * n / biggest, 2)} for w, n in top]
        return {"words": words, "count": sum(counts.values())}

    def deliver(self, activity: Activity, answers: Sequence[Answer], source: str) -> str:
        from ressort.systems import services as systems

        # Each occurrence counts: a word given by five people weighs five in the vision.
        words = [a.payload["word"] for a in answers if not a.hidden]
        systems.add_vision_keywords(activity.workshop.approach, words, source=source)
        distinct = len({w.lower() for w in words})
        return f"{distinct} mot(s)-clé(s) ({len(words)} occurrences) ajouté(s) à la vision."


@register
class GridScoring(ActivityKind):
    code = "grille"
    label = "Cotation d'une grille de questions"
    description = (
        "Chaque question d'un référentiel ou d'une grille est cotée de 0 à 4, "
        "ou « je ne sais pas »."
    )
    delivers_to = "une session de cotation du portrait de résilience"

    def form_fields(self, approach: Approach) -> dict[str, forms.Field]:
        return {
            "version": _version_field(approach, "Référentiel ou grille"),
            "codes": forms.CharField(
                label="Codes des questions retenues (facultatif)",
                required=False,
                help_text="Séparés par des virgules ou des espaces ; vide : toutes les questions.",
            ),
        }

    def build_config(self, data: Mapping[str, Any], approach: Approach) -> dict[str, Any]:
        # The questions of the grid, as the portrait scores them.
        nodes = version_nodes(int(data["version"]), ["question"])
        wanted = [c for c in re.split(r"[\s,;]+", data.get("codes") or "") if c]
        if wanted:
            known = {n.code for n in nodes}
            unknown = [c for c in wanted if c not in known]
            if unknown:
                raise forms.ValidationError(
                    f"Codes des questions : inconnus dans ce référentiel : {', '.join(unknown)}."
                )
            nodes = [n for n in nodes if n.code in wanted]
        if not nodes:
            raise forms.ValidationError("Ce référentiel n'a pas de questions à coter.")
        return {
            "version": int(data["version"]),
            "questions": [{"code": n.code, "label": n.label} for n in nodes[:40]],
        }

    def initial(self, config: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "version": str(config.get("version", "")),
            "codes": ", ".join(q["code"] for q in config.get("questions", [])),
        }

    def parse(self, fields: Fields, config: Mapping[str, Any]) -> list[Parsed]:
        out = []
        for q in config.get("questions", []):
            raw = first(fields, f"q-{q['code']}")
            if raw == "":
                continue
            if raw == NSP:
                score = None
            elif raw.isdigit() and int(raw) in GRID_SCORES:
                score = int(raw)
            else:
                raise AnswerError(f"« {q['label']} » : une note de 0 à 4 ou « je ne sais pas ».")
            comment = first(fields, f"c-{q['code']}")[:MAX_TEXT]
            out.append(Parsed(q["code"], {"score": score, "comment": comment}))
        if not out:
            raise AnswerError("Cotez au moins une question.")
        return out

    def participant_context(self, config: Mapping[str, Any], mine: list[Answer]) -> dict[str, Any]:
        by_code = {a.client_id: a.payload for a in mine}
        rows = []
        for q in config.get("questions", []):
            current = by_code.get(q["code"])
            value = (
                ""
                if current is None
                else (NSP if current["score"] is None else str(current["score"]))
            )
            rows.append({"q": q, "value": value})
        return {"rows": rows, "scores": GRID_SCORES, "nsp": NSP}

    def results(self, config: Mapping[str, Any], answers: Sequence[Answer]) -> dict[str, Any]:
        by_q: dict[str, list[Answer]] = {}
        for a in answers:
            by_q.setdefault(a.client_id, []).append(a)
        categories = sorted({_category(a) for a in answers})
        if len(categories) < 2:
            categories = []  # nothing to compare
        rows = []
        for q in config.get("questions", []):
            got = by_q.get(q["code"], [])
            scores = [a.payload["score"] for a in got if a.payload.get("score") is not None]
            hist = [sum(1 for s in scores if s == v) for v in GRID_SCORES]
            nsp = len(got) - len(scores)
            peak = max([*hist, nsp, 1])
            by_cat = []
            for cat in categories:
                cs = [
                    a.payload["score"]
                    for a in got
                    if _category(a) == cat and a.payload.get("score") is not None
                ]
                by_cat.append(statistics.median_low(cs) if cs else None)
            rows.append(
                {
                    "q": q,
                    "hist": [
                        {"score": v, "n": n, "pct": round(100 * n / peak)}
                        for v, n in zip(GRID_SCORES, hist, strict=True)
                    ],
                    "nsp": nsp,
                    "nsp_pct": round(100 * nsp / peak),
                    "answered": len(got),
                    "median": statistics.median_low(scores) if scores else None,
                    "by_category": by_cat,
                }
            )
        return {"rows": rows, "categories": categories}

    def deliver(self, activity: Activity, answers: Sequence[Answer], source: str) -> str:
        from ressort.frameworks.models import FrameworkVersion
        from ressort.portrait import services as portrait

        version = FrameworkVersion.objects.get(pk=activity.config["version"])
        groups: dict[str, list[dict[str, Any]]] = {}
        for a in answers:
            if a.hidden:
                continue
            groups.setdefault(a.participant.category, []).append(
                {
                    "question": a.client_id,
                    "score": a.payload.get("score"),
                    "comment": a.payload.get("comment", ""),
                    "participant": _pid(a),
                }
            )
        if not groups:
            raise DeliveryError("Aucune cotation à envoyer.")
        for category, rows in sorted(groups.items()):
            portrait.record_grid_answers(
                activity.workshop.approach, version, rows, source=source, category=category
            )
        total = sum(len(r) for r in groups.values())
        return f"{total} cotation(s) en {len(groups)} session(s) de cotation du portrait."


@register
class Ranking(ActivityKind):
    code = "classement"
    label = "Classement ou tri de cartes des dimensions"
    description = (
        "« Qu'est-ce qui compte le plus ici ? » : chacun·e classe les dimensions, "
        "ou les trie en trois piles."
    )
    delivers_to = "les résultats d'appropriation des référentiels"

    PILES = (("essentiel", "Essentiel"), ("important", "Important"), ("secondaire", "Secondaire"))

    def form_fields(self, approach: Approach) -> dict[str, forms.Field]:
        return {
            "version": _version_field(
                approach, "Référentiel ou grille dont on classe les dimensions"
            ),
            "mode": forms.ChoiceField(
                label="Forme",
                choices=[("rang", "Classement (rang 1, 2, 3…)"), ("piles", "Tri en trois piles")],
            ),
        }

    def build_config(self, data: Mapping[str, Any], approach: Approach) -> dict[str, Any]:
        nodes = version_nodes(int(data["version"]), ["dimension", "principe", "objectif", "theme"])
        if len(nodes) < 2:
            raise forms.ValidationError("Ce référentiel n'a pas assez de dimensions à classer.")
        return {
            "version": int(data["version"]),
            "mode": data.get("mode") or "rang",
            "cards": [{"code": n.code, "label": n.short_label or n.label} for n in nodes],
        }

    def initial(self, config: Mapping[str, Any]) -> dict[str, Any]:
        return {"version": str(config.get("version", "")), "mode": config.get("mode")}

    def parse(self, fields: Fields, config: Mapping[str, Any]) -> list[Parsed]:
        cards = config.get("cards", [])
        if config.get("mode") == "piles":
            piles = {}
            allowed = {p for p, _ in self.PILES}
            for card in cards:
                raw = first(fields, f"r-{card['code']}")
                if raw:
                    if raw not in allowed:
                        raise AnswerError(f"« {card['label']} » : choisissez une pile.")
                    piles[card["code"]] = raw
            if not piles:
                raise AnswerError("Placez au moins une carte dans une pile.")
            return [Parsed(SINGLE_KEY, {"piles": piles})]
        ranks: dict[str, int] = {}
        for card in cards:
            raw = first(fields, f"r-{card['code']}")
            if not raw:
                continue
            if not raw.isdigit() or not 1 <= int(raw) <= len(cards):
                raise AnswerError(f"« {card['label']} » : un rang de 1 à {len(cards)}.")
            ranks[card["code"]] = int(raw)
        if not ranks:
            raise AnswerError("Donnez un rang à au moins une dimension.")
        if len(set(ranks.values())) != len(ranks):
            raise AnswerError("Deux dimensions ont le même rang : un rang par dimension.")
        order = [code for code, _ in sorted(ranks.items(), key=lambda kv: kv[1])]
        return [Parsed(SINGLE_KEY, {"order": order})]

    def participant_context(self, config: Mapping[str, Any], mine: list[Answer]) -> dict[str, Any]:
        payload = mine[0].payload if mine else {}
        rank = {c: i for i, c in enumerate(payload.get("order", []), start=1)}
        piles = payload.get("piles", {})
        rows = [
            {"card": c, "value": piles.get(c["code"], "") or str(rank.get(c["code"], ""))}
            for c in config.get("cards", [])
        ]
        return {"rows": rows, "piles": self.PILES, "positions": range(1, len(rows) + 1)}

    def priority_answers(self, answers: Sequence[Answer]) -> list[Any]:
        from ressort.analysis import frameworks as fw

        out = []
        for a in answers:
            if a.hidden:
                continue
            for i, code in enumerate(a.payload.get("order", []), start=1):
                out.append(fw.PriorityAnswer(_category(a), code, rank=i))
            for code, pile in a.payload.get("piles", {}).items():
                out.append(fw.PriorityAnswer(_category(a), code, pile=pile))
        return out

    def results(self, config: Mapping[str, Any], answers: Sequence[Answer]) -> dict[str, Any]:
        from ressort.analysis import frameworks as fw

        cards = {c["code"]: c["label"] for c in config.get("cards", [])}
        result = fw.aggregate_priorities(self.priority_answers(answers), list(cards))
        top = max([s.points + s.rank_points for s in result.scores] + [1])
        rows = [
            {
                "label": cards[s.dimension_code],
                "points": s.points + s.rank_points,
                "pct": round(100 * (s.points + s.rank_points) / top),
                "by_group": [{"group": g, "n": s.by_group.get(g, 0)} for g in result.groups],
            }
            for s in result.scores
        ]
        return {
            "rows": rows,
            "groups": result.groups if len(result.groups) > 1 else (),
            "method": result.method,
        }

    def deliver(self, activity: Activity, answers: Sequence[Answer], source: str) -> str:
        from ressort.frameworks.models import FrameworkVersion, PriorityExercise, PriorityVote

        workshop = activity.workshop
        ref = f"atelier-{workshop.pk}-activite-{activity.pk}"
        exercise, _ = PriorityExercise.objects.update_or_create(
            approach=workshop.approach,
            workshop_ref=ref,
            defaults={
                "version": FrameworkVersion.objects.get(pk=activity.config["version"]),
                "title": f"{workshop.title} — {activity.title}"[:200],
                "held_on": workshop.held_on,
                "source": PriorityExercise.Source.LIVE,
                "created_by": workshop.created_by,
            },
        )
        exercise.votes.all().delete()
        votes = [
            PriorityVote(
                exercise=exercise,
                group=p.group,
                participant="",
                dimension_code=p.dimension_code,
                pile=p.pile,
                rank=p.rank,
            )
            for p in self.priority_answers(answers)
        ]
        PriorityVote.objects.bulk_create(votes)
        voters = len({a.participant_id for a in answers if not a.hidden})
        return f"Classement de {voters} participant·e(s) ajouté aux ateliers d'appropriation."


@register
class ActionRating(ActivityKind):
    code = "notation"
    label = "Notation d'actions sur la grille d'analyse"
    description = "Chaque action est notée de −2 à +2 sur chaque critère (dimension) choisi."
    delivers_to = "les évaluations des actions (aide à la décision)"

    def form_fields(self, approach: Approach) -> dict[str, forms.Field]:
        return {
            **_candidates_fields(approach, "noter"),
            "criteria": forms.CharField(
                label="Critères (une ligne par critère : code ; libellé)",
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text="Vide : les dimensions de la grille d'analyse de la démarche (Donut par "
                "défaut). Sinon leurs codes (ex. « eau ; Eau »).",
            ),
        }

    def build_config(self, data: Mapping[str, Any], approach: Approach) -> dict[str, Any]:
        criteria = []
        for i, line in enumerate(_lines(data.get("criteria") or ""), start=1):
            code, _, label = (part.strip() for part in line.partition(";"))
            if not code:
                raise forms.ValidationError(f"Critères, ligne {i} : le code manque.")
            criteria.append({"code": code[:60], "label": (label or code)[:200]})
        if not criteria:
            criteria = analysis_criteria(approach)
        if not criteria:
            raise forms.ValidationError("Critères : au moins un critère.")
        return {"candidates": _candidates(data, approach), "criteria": criteria}

    def initial(self, config: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "actions": [
                str(c["action_pk"]) for c in config.get("candidates", []) if c["action_pk"]
            ],
            "labels": "\n".join(
                c["label"] for c in config.get("candidates", []) if not c["action_pk"]
            ),
            "criteria": "\n".join(
                f"{c['code']} ; {c['label']}" for c in config.get("criteria", [])
            ),
        }

    def parse(self, fields: Fields, config: Mapping[str, Any]) -> list[Parsed]:
        out = []
        for cand in config.get("candidates", []):
            scores = {}
            for crit in config.get("criteria", []):
                raw = first(fields, f"s-{cand['key']}-{crit['code']}")
                if raw == "":
                    continue
                try:
                    value = int(raw)
                except ValueError:
                    value = 99
                if value not in RATING_SCORES:
                    raise AnswerError(
                        f"« {cand['label']} », {crit['label']} : une note de −2 à +2."
                    )
                scores[crit["code"]] = value
            if scores:
                out.append(Parsed(cand["key"], {"scores": scores}))
        if not out:
            raise AnswerError("Notez au moins une action sur un critère.")
        return out

    def participant_context(self, config: Mapping[str, Any], mine: list[Answer]) -> dict[str, Any]:
        given = {a.client_id: a.payload.get("scores", {}) for a in mine}
        rows = [
            {
                "cand": c,
                "cells": [
                    {"crit": k, "value": str(given.get(c["key"], {}).get(k["code"], ""))}
                    for k in config.get("criteria", [])
                ],
            }
            for c in config.get("candidates", [])
        ]
        return {"rows": rows, "scores": RATING_SCORES}

    def results(self, config: Mapping[str, Any], answers: Sequence[Answer]) -> dict[str, Any]:
        criteria = config.get("criteria", [])
        rows = []
        for cand in config.get("candidates", []):
            mine = [a for a in answers if a.client_id == cand["key"] and not a.hidden]
            cells = []
            for crit in criteria:
                vals = [
                    a.payload["scores"][crit["code"]]
                    for a in mine
                    if crit["code"] in a.payload.get("scores", {})
                ]
                cells.append(
                    {"mean": round(sum(vals) / len(vals), 1) if vals else None, "n": len(vals)}
                )
            rows.append({"cand": cand, "cells": cells, "raters": len(mine)})
        return {"rows": rows, "criteria": criteria}

    def deliver(self, activity: Activity, answers: Sequence[Answer], source: str) -> str:
        from django.apps import apps

        from ressort.actions import services as actions

        action_model = apps.get_model("actions", "Action")
        sent = skipped = 0
        for cand in activity.config.get("candidates", []):
            scores = [
                a.payload["scores"] for a in answers if a.client_id == cand["key"] and not a.hidden
            ]
            if not scores:
                continue
            if not cand.get("action_pk"):
                skipped += 1
                continue
            action = action_model.objects.get(
                pk=cand["action_pk"], approach=activity.workshop.approach
            )
            actions.record_evaluations(activity.workshop.approach, action, scores, source=source)
            sent += 1
        if not sent:
            raise DeliveryError("Aucune action de la démarche n'a été notée : rien à envoyer.")
        extra = (
            f" ; {skipped} proposition(s) hors actions restent dans l'atelier" if skipped else ""
        )
        return f"Évaluations de {sent} action(s) envoyées{extra}."


@register
class MajorityVote(ActivityKind):
    code = "vote"
    label = "Vote au jugement majoritaire"
    description = (
        "Chacun·e attribue une mention à chaque action (de « À rejeter » à « Excellent »)."
    )
    delivers_to = "la priorisation des actions"

    def form_fields(self, approach: Approach) -> dict[str, forms.Field]:
        return _candidates_fields(approach, "départager")

    def build_config(self, data: Mapping[str, Any], approach: Approach) -> dict[str, Any]:
        return {"candidates": _candidates(data, approach), "grades": list(mj.DEFAULT_GRADES)}

    def initial(self, config: Mapping[str, Any]) -> dict[str, Any]:
        return ActionRating.initial(self, {"candidates": config.get("candidates", [])})  # type: ignore[arg-type]

    def parse(self, fields: Fields, config: Mapping[str, Any]) -> list[Parsed]:
        grades = config.get("grades") or list(mj.DEFAULT_GRADES)
        ballot = {}
        for cand in config.get("candidates", []):
            raw = first(fields, f"g-{cand['key']}")
            if raw == "":
                continue
            if not raw.isdigit() or not 0 <= int(raw) < len(grades):
                raise AnswerError(f"« {cand['label']} » : choisissez une mention.")
            ballot[cand["key"]] = int(raw)
        if not ballot:
            raise AnswerError("Attribuez une mention à au moins une proposition.")
        return [Parsed(SINGLE_KEY, {"grades": ballot})]

    def participant_context(self, config: Mapping[str, Any], mine: list[Answer]) -> dict[str, Any]:
        ballot = mine[0].payload.get("grades", {}) if mine else {}
        grades = list(enumerate(config.get("grades") or mj.DEFAULT_GRADES))
        rows = [
            {"cand": c, "value": str(ballot.get(c["key"], ""))}
            for c in config.get("candidates", [])
        ]
        return {"rows": rows, "grades": grades}

    def ranking(
        self, config: Mapping[str, Any], answers: Sequence[Answer]
    ) -> mj.MajorityJudgmentResult | None:
        cands = config.get("candidates", [])
        grades = tuple(config.get("grades") or mj.DEFAULT_GRADES)
        ballots = [a.payload.get("grades", {}) for a in answers if not a.hidden]
        if not ballots or not cands:
            return None
        # An ungraded proposal counts as the lowest grade, as `ressort analyse vote` does.
        matrix = np.array([[b.get(c["key"], 0) for c in cands] for b in ballots], dtype=np.int64)
        return mj.rank_ballots([c["label"] for c in cands], matrix, grades)

    def results(self, config: Mapping[str, Any], answers: Sequence[Answer]) -> dict[str, Any]:
        result = self.ranking(config, answers)
        if result is None:
            return {"rows": [], "voters": 0}
        rows = [
            {
                "r": r,
                "bars": [
                    {"grade": g, "n": n, "pct": round(100 * n / result.voters, 1)}
                    for g, n in zip(result.grades, r.tally, strict=True)
                ],
            }
            for r in result.ranking
        ]
        by_cat: list[dict[str, Any]] = []
        cats = sorted({_category(a) for a in answers if not a.hidden})
        if len(cats) > 1:
            for cat in cats:
                sub = self.ranking(config, [a for a in answers if _category(a) == cat])
                if sub is not None:
                    by_cat.append({"category": cat, "voters": sub.voters, "ranking": sub.ranking})
        return {
            "rows": rows,
            "voters": result.voters,
            "grades": result.grades,
            "by_category": by_cat,
        }

    def deliver(self, activity: Activity, answers: Sequence[Answer], source: str) -> str:
        from ressort.actions import services as actions

        linked = {
            c["key"]: c["action_pk"]
            for c in activity.config.get("candidates", [])
            if c.get("action_pk")
        }
        if not linked:
            raise DeliveryError(
                "Aucune proposition n'est une action de la démarche : rien à envoyer."
            )
        ballots = []
        for a in answers:
            if a.hidden:
                continue
            grades = a.payload.get("grades", {})
            ballots.append({pk: int(grades.get(key, 0)) for key, pk in linked.items()})
        if not ballots:
            raise DeliveryError("Aucun bulletin à envoyer.")
        stored = actions.record_ballots(activity.workshop.approach, ballots, source=source)
        return f"{stored} bulletin(s) envoyé(s) à la priorisation des actions."
