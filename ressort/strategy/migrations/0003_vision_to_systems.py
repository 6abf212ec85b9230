"""The strategy's own vision text moves to the démarche's shared vision (systems.Vision).

Where the shared vision is empty, the statement's text and horizon fill it. Where it already
holds a different text, the statement's text is kept at the head of the strategy's
introduction, so that nothing written is lost.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    Statement = apps.get_model("strategy", "StrategyStatement")
    Vision = apps.get_model("systems", "Vision")
    for statement in Statement.objects.all():
        text = (statement.vision or "").strip()
        if not text and statement.horizon is None:
            continue
        vision, _ = Vision.objects.get_or_create(approach_id=statement.approach_id)
        changed = False
        if text and not vision.text.strip():
            vision.text = text
            changed = True
        elif text and vision.text.strip() != text:
            preamble = f"Vision formulée pour la stratégie : {text}"
            statement.preamble = f"{preamble}\n\n{statement.preamble}".strip()
            statement.save(update_fields=["preamble"])
        if vision.horizon_year is None and statement.horizon is not None:
            vision.horizon_year = statement.horizon
            changed = True
        if changed:
            vision.save()


def backwards(apps, schema_editor):
    Statement = apps.get_model("strategy", "StrategyStatement")
    Vision = apps.get_model("systems", "Vision")
    for statement in Statement.objects.all():
        vision = Vision.objects.filter(approach_id=statement.approach_id).first()
        if vision is not None:
            statement.vision = vision.text
            statement.horizon = vision.horizon_year
            statement.save(update_fields=["vision", "horizon"])


class Migration(migrations.Migration):
    dependencies = [
        ("strategy", "0002_action_sheets"),
        ("systems", "0003_historicalvision"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
