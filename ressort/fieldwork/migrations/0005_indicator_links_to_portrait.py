"""The links from vulnerabilities and resources to the portrait's indicators leave fieldwork.

They are declared on the portrait's side from now on (`Indicator.vulnerabilities`,
`Indicator.resources`, portrait 0005), on the same tables: only Django's state changes here,
the tables and their rows stay.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('fieldwork', '0004_walks'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name='resource', name='indicators'),
                migrations.RemoveField(model_name='vulnerability', name='indicators'),
            ],
            database_operations=[],
        ),
    ]
