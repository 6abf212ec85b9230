"""Export one démarche as a zip archive, and restore it, here or on another instance.

The archive holds `manifest.json` (format, version, démarche, counts), `data.json` (every
row of every model of the démarche, ressort.backup.graph, its history included) and
`files/` (the stored files its rows name: photos…).

A row is written with its old primary key; a foreign key is either `{"ref": old pk}` (a row
of the archive) or `{"ext": identity}` (a row shared by the instance: an account, an
official territory, a shipped framework…), found again on restore by its natural identity
(a unique field or set of fields, recursively; by all its plain fields when it has none).

Restoring creates new rows with new ids in one transaction, all or nothing: each row is
saved "raw" (Django's fixture loading mode), so timestamps are kept exactly
(auto_now/auto_now_add untouched) and django-simple-history writes no history row of its
own: the history restored is the archive's, no phantom row. A missing account is created
without a password (its owner resets it); any other missing shared row stops the restore
with a French message naming it.
"""

from __future__ import annotations

import json
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from typing import IO, Any

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone

from ressort.approaches.models import Approach
from ressort.backup.graph import demarche_models, history_of, rows_of
from ressort.territories.text import normalize

FORMAT = "ressort-demarche"
VERSION = 1
# Tables whose model moved to another app, their rows and field names unchanged: an older
# archive names them by their old label.
MOVED = {
    "fieldwork.Vulnerability_indicators": "portrait.Indicator_vulnerabilities",
    "fieldwork.Resource_indicators": "portrait.Indicator_resources",
}
PLAIN_TYPES = (
    "CharField",
    "SlugField",
    "EmailField",
    "TextField",
    "IntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SmallIntegerField",
    "BigIntegerField",
    "DateField",
    "BooleanField",
)


class ArchiveError(ValueError):
    """A restore refused, in French; nothing was written."""


@dataclass
class Restored:
    approach: Approach
    counts: dict[str, int]
    mapping: dict[str, dict[Any, Any]]  # model label → {old pk: new pk}
    accounts_created: list[str] = field(default_factory=list)


def _plain(model: type[models.Model], obj: models.Model, f: models.Field) -> Any:  # type: ignore[type-arg]
    raw = f.value_from_object(obj)
    if raw is None:
        return None
    if isinstance(f, models.JSONField):
        return raw
    return f.value_to_string(obj)


def _key_fields(model: type[models.Model]) -> list[str]:
    """The natural identity of a shared row: a unique field, else a unique set."""
    meta = model._meta
    for f in meta.concrete_fields:
        if f.unique and not f.primary_key:
            return [f.name]
    for constraint in meta.constraints:
        unique = isinstance(constraint, models.UniqueConstraint)
        if unique and constraint.condition is None and constraint.fields:
            return list(constraint.fields)
    for together in meta.unique_together:
        return list(together)
    return []


def identity(model: type[models.Model], pk: Any) -> dict[str, Any]:
    obj = model._default_manager.filter(pk=pk).first()
    ident: dict[str, Any] = {"model": model._meta.label, "pk": pk}
    if obj is None:
        ident["key"] = None  # points to a row deleted since (an old history row)
        return ident
    names = _key_fields(model)
    exact = not names
    if exact:  # no identity of its own: all its plain fields
        names = [
            f.name
            for f in model._meta.concrete_fields
            if not f.primary_key and f.get_internal_type() in PLAIN_TYPES
        ]
    key = {}
    for name in names:
        f = model._meta.get_field(name)
        value = getattr(obj, f.attname)
        if f.is_relation:
            key[name] = None if value is None else identity(f.related_model, value)
        else:
            key[name] = _plain(model, obj, f)
    ident["key"] = key
    return ident


def resolve(ident: dict[str, Any]) -> Any:
    """The primary key, in this instance, of the shared row an identity names; or None."""
    from django.apps import apps

    if ident.get("key") is None:
        return None
    model = apps.get_model(ident["model"])
    lookup: dict[str, Any] = {}
    for name, value in ident["key"].items():
        f = model._meta.get_field(name)
        if value is None:
            lookup[f"{f.attname}__isnull"] = True
        elif f.is_relation:
            found = resolve(value)
            if found is None:
                return None
            lookup[f.attname] = found
        else:
            lookup[f.attname] = f.to_python(value)
    return model._default_manager.filter(**lookup).values_list("pk", flat=True).first()


def describe(ident: dict[str, Any]) -> str:
    key = ident.get("key") or {}
    plain = ", ".join(
        f"{k} = {v}" for k, v in key.items() if not isinstance(v, dict) and v is not None
    )
    return f"{ident['model']} ({plain or 'n° ' + str(ident['pk'])})"


def export(approach: Approach, out: IO[bytes]) -> dict[str, int]:
    """Write the démarche's archive to `out`; returns the number of rows of each model."""
    selected = rows_of(approach)
    data: dict[str, list[dict[str, Any]]] = {}
    files: set[str] = set()
    identities: dict[tuple[str, Any], dict[str, Any]] = {}
    for model in demarche_models():
        rows = []
        for obj in model._default_manager.filter(pk__in=selected[model]).order_by("pk"):
            values: dict[str, Any] = {}
            for f in model._meta.concrete_fields:
                if f.primary_key:
                    continue
                value = getattr(obj, f.attname)
                if f.is_relation:
                    target = f.related_model
                    if value is None:
                        values[f.name] = None
                    elif value in selected.get(target, ()):
                        values[f.name] = {"ref": value}
                    else:
                        cache_key = (target._meta.label, value)
                        if cache_key not in identities:
                            identities[cache_key] = identity(target, value)
                        values[f.name] = {"ext": identities[cache_key]}
                elif isinstance(f, models.FileField):
                    values[f.name] = value.name or ""
                    if value.name:
                        files.add(value.name)
                else:
                    values[f.name] = _plain(model, obj, f)
            rows.append({"pk": obj.pk, "fields": values})
        if rows:
            data[model._meta.label] = rows
    counts = {label: len(rows) for label, rows in data.items()}
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
        "slug": approach.slug,
        "name": approach.name,
        "counts": counts,
        "files": sorted(files),
    }
    from django.core.files.storage import default_storage

    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False))
        for name in sorted(files):
            if default_storage.exists(name):
                with default_storage.open(name, "rb") as stored:
                    archive.writestr(f"files/{name}", stored.read())
    return counts


def _read(source: IO[bytes]) -> tuple[dict[str, Any], dict[str, Any], zipfile.ZipFile]:
    try:
        archive = zipfile.ZipFile(source)
        manifest = json.loads(archive.read("manifest.json"))
        data = {MOVED.get(k, k): v for k, v in json.loads(archive.read("data.json")).items()}
    except (zipfile.BadZipFile, KeyError, ValueError, AttributeError) as error:
        raise ArchiveError(f"Archive illisible : {error}.") from error
    if manifest.get("format") != FORMAT:
        raise ArchiveError("Ce fichier n'est pas une archive de démarche de Ressort.")
    if manifest.get("version") != VERSION:
        raise ArchiveError(
            f"Archive au format {manifest.get('version')} : cette version de Ressort lit le "
            f"format {VERSION}."
        )
    return manifest, data, archive


def restore(source: IO[bytes], *, slug: str | None = None, name: str | None = None) -> Restored:
    """Restore an archive as a new démarche (new ids, same content); `slug` and `name`
    replace the archive's when the instance already has a démarche with those."""
    from django.core.files.storage import default_storage

    _manifest, data, archive = _read(source)
    known = {m._meta.label: m for m in demarche_models()}
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise ArchiveError(
            "L'archive contient des données que cette instance ne connaît pas "
            f"({', '.join(unknown)}) : mettez Ressort à jour avant de la restaurer."
        )
    (approach_row,) = data[Approach._meta.label]
    fields = approach_row["fields"]
    fields["slug"] = slug or fields["slug"]
    fields["name"] = name or fields["name"]
    fields["name_key"] = normalize(fields["name"])
    if Approach.objects.filter(slug=fields["slug"]).exists():
        raise ArchiveError(
            f"Une démarche d'identifiant « {fields['slug']} » existe déjà : choisissez-en un "
            "autre avec --slug (et un autre nom avec --nom)."
        )
    if Approach.objects.filter(name_key=fields["name_key"]).exists():
        raise ArchiveError(
            f"Une démarche nommée « {fields['name']} » existe déjà : choisissez un autre nom "
            "avec --nom."
        )

    mapping: dict[str, dict[Any, Any]] = defaultdict(dict)
    resolved: dict[str, Any] = {}
    created: list[str] = []
    saved_files: list[str] = []
    deferred: list[tuple[type[models.Model], Any, models.Field, str, Any]] = []  # type: ignore[type-arg]
    user_model = get_user_model()

    def external(ident: dict[str, Any], nullable: bool) -> Any:
        token = json.dumps(ident, sort_keys=True)
        if token not in resolved:
            found = resolve(ident)
            if found is None and ident["model"] == user_model._meta.label and ident["key"]:
                email = ident["key"].get(user_model.USERNAME_FIELD)
                user = user_model._default_manager.create(**{user_model.USERNAME_FIELD: email})
                user.set_unusable_password()
                user.save(update_fields=["password"])
                created.append(email)
                found = user.pk
            resolved[token] = found
        if resolved[token] is None and not nullable:
            raise ArchiveError(
                "Restauration annulée, rien n'a été écrit : cette instance n'a pas "
                f"{describe(ident)}."
            )
        return resolved[token]

    try:
        with transaction.atomic():
            _insert(data, archive, mapping, deferred, saved_files, external)
    except Exception:
        for name in saved_files:  # the files of a restore that did not happen
            default_storage.delete(name)
        raise
    approach = Approach.objects.get(pk=mapping[Approach._meta.label][approach_row["pk"]])
    counts = {label: len(rows) for label, rows in data.items()}
    return Restored(approach, counts, dict(mapping), created)


def _insert(
    data: dict[str, Any],
    archive: zipfile.ZipFile,
    mapping: dict[str, dict[Any, Any]],
    deferred: list[Any],
    saved_files: list[str],
    external: Any,
) -> None:
    from django.core.files.storage import default_storage

    for model in demarche_models():
        label = model._meta.label
        original = history_of(model)
        for row in data.get(label, []):
            obj = model()
            for fname, value in row["fields"].items():
                try:
                    f = model._meta.get_field(fname)
                except FieldDoesNotExist:
                    raise ArchiveError(
                        f"L'archive a un champ {label}.{fname} que cette instance ne connaît "
                        "pas : mettez Ressort à jour avant de la restaurer."
                    ) from None
                if f.is_relation:
                    target = f.related_model._meta.label
                    if value is None:
                        new = None
                    elif "ref" in value:
                        new = mapping[target].get(value["ref"])
                        if new is None:
                            deferred.append((model, row["pk"], f, target, value["ref"]))
                    else:
                        new = external(value["ext"], f.null)
                    setattr(obj, f.attname, new)
                elif isinstance(f, models.FileField):
                    if value:
                        content = archive.read(f"files/{value}")
                        value = default_storage.save(value, ContentFile(content))
                        saved_files.append(value)
                    setattr(obj, f.attname, value)
                elif isinstance(f, models.JSONField):
                    setattr(obj, f.attname, value)
                else:
                    setattr(obj, f.attname, None if value is None else f.to_python(value))
            if original is not None:  # a history row names its object by its id
                pk_name = original._meta.pk.attname
                old = getattr(obj, pk_name)
                setattr(obj, pk_name, mapping[original._meta.label].get(old, old))
            for attname, value in RUNTIME_STATE.get(label, {}).items():
                setattr(obj, attname, value)
            _fresh_unique_values(model, obj)
            obj.save_base(raw=True, force_insert=True)
            mapping[label][row["pk"]] = obj.pk
    for model, old_pk, f, target, old_ref in deferred:
        new_ref = mapping[target].get(old_ref)
        if new_ref is None and not f.null:
            raise ArchiveError(f"Archive incohérente : {target} n° {old_ref} n'y est pas.")
        model._default_manager.filter(pk=mapping[model._meta.label][old_pk]).update(
            **{f.attname: new_ref}
        )


# What a running server counts rather than what the démarche holds: a restored démarche
# starts with nobody connected, whatever the archive says.
RUNTIME_STATE: dict[str, dict[str, Any]] = {"workshops.Participant": {"open_sockets": 0}}


def _fresh_unique_values(model: type[models.Model], obj: models.Model) -> None:
    """A unique code already taken here (a workshop's join code, a participant's token, when
    restoring next to the original) gets a fresh value from the field's own default."""
    if model is Approach:
        return
    for f in model._meta.concrete_fields:
        if f.unique and not f.primary_key and not f.is_relation and callable(f.default):
            value = getattr(obj, f.attname)
            if value and model._default_manager.filter(**{f.attname: value}).exists():
                setattr(obj, f.attname, f.default())
