# The portrait's document jobs moved to ressort.documents (shared with the strategy and
# the evaluations); portrait documents are rebuilt on demand, so none is carried over.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('portrait', '0002_historicalindicator_historicalindicatorvalue'),
    ]

    operations = [
        migrations.DeleteModel(
            name='DocumentJob',
        ),
    ]
