"""Participations and acceptability answers were stored as one row per person, N identical
rows for N people entered at once: each set of identical rows becomes one row with its count.
Going back expands each row into `count` rows again."""

from django.db import migrations

KEYS = {
    "Participation": ("approach_id", "event", "age_group_id", "commune_id", "category_id"),
    "AcceptabilityAnswer": (
        "approach_id",
        "consultation",
        "action_id",
        "group_id",
        "acceptable",
        "affordable",
    ),
}


def collapse(apps, schema_editor):
    for name, keys in KEYS.items():
        model = apps.get_model("justice", name)
        kept: dict[tuple, object] = {}
        extra: list[int] = []
        for row in model.objects.order_by("pk").iterator():
            key = tuple(getattr(row, k) for k in keys)
            first = kept.get(key)
            if first is None:
                kept[key] = row
            else:
                first.count += row.count
                extra.append(row.pk)
        model.objects.bulk_update(list(kept.values()), ["count"], batch_size=500)
        for start in range(0, len(extra), 500):
            model.objects.filter(pk__in=extra[start : start + 500]).delete()


def expand(apps, schema_editor):
    for name in KEYS:
        model = apps.get_model("justice", name)
        for row in model.objects.filter(count__gt=1).iterator():
            copies = row.count - 1
            row.count = 1
            row.save(update_fields=["count"])
            model.objects.bulk_create([model(**_fields(row)) for _ in range(copies)])


def _fields(row):
    return {
        f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields if not f.primary_key
    }


class Migration(migrations.Migration):
    dependencies = [("justice", "0003_counts")]

    operations = [migrations.RunPython(collapse, expand)]
