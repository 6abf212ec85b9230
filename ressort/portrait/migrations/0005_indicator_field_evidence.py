"""An indicator names the vulnerabilities and resources it supports.

The links were fieldwork's (`Vulnerability.indicators`, `Resource.indicators`, fieldwork
0002); they move here on the same tables, `fieldwork_vulnerability_indicators` and
`fieldwork_resource_indicators`, whose columns (`indicator_id`, `vulnerability_id` or
`resource_id`) are the ones Django names for a many-to-many from Indicator: only the state
changes, every row stays.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('fieldwork', '0005_indicator_links_to_portrait'),
        ('portrait', '0004_indicator_catalogue_provenance'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name='indicator',
                    name='resources',
                    field=models.ManyToManyField(blank=True, db_table='fieldwork_resource_indicators', related_name='indicators', to='fieldwork.resource', verbose_name="ressources qu'il étaye"),
                ),
                migrations.AddField(
                    model_name='indicator',
                    name='vulnerabilities',
                    field=models.ManyToManyField(blank=True, db_table='fieldwork_vulnerability_indicators', related_name='indicators', to='fieldwork.vulnerability', verbose_name="vulnérabilités qu'il étaye"),
                ),
            ],
            database_operations=[],
        ),
    ]
