"""Citations point at their object by real foreign keys (a backup restores them onto the
restored objects; a deleted object takes its citations): the generic `object_id` is moved
into the field its `target` names, then dropped."""

import django.db.models.deletion
from django.db import migrations, models


def move_ids(apps, schema_editor):
    Citation = apps.get_model("library", "Citation")
    fields = {"vulnerabilite": "vulnerability", "chaine": "chain", "action": "action"}
    for citation in Citation.objects.exclude(object_id=None):
        field = fields.get(citation.target)
        if field:
            setattr(citation, f"{field}_id", citation.object_id)
            citation.save(update_fields=[field])


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0006_criterion_functions"),
        ("fieldwork", "0003_client_ids"),
        ("library", "0002_search_indexes"),
        ("systems", "0003_historicalvision"),
    ]

    operations = [
        migrations.AddField(
            model_name="citation",
            name="action",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="library_citations",
                to="actions.action",
            ),
        ),
        migrations.AddField(
            model_name="citation",
            name="chain",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="library_citations",
                to="systems.impactchain",
            ),
        ),
        migrations.AddField(
            model_name="citation",
            name="vulnerability",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="library_citations",
                to="fieldwork.vulnerability",
            ),
        ),
        migrations.RunPython(move_ids, migrations.RunPython.noop),
        migrations.RemoveConstraint(model_name="citation", name="library_citation_unique"),
        migrations.RemoveField(model_name="citation", name="object_id"),
    ]
