"""Give the moved order models their own tables and content types, keeping every row and permission."""

from django.db import migrations

MODELS = ["ordersettings", "printorder", "printorderitem"]


def move_content_types(apps, schema_editor):
    # Renaming the content type in place keeps the permissions, groups and log entries that point at it.
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not ContentType.objects.filter(app_label="orders", model=model).exists():
            ContentType.objects.filter(app_label="campaigns", model=model).update(app_label="orders")


def restore_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="orders", model__in=MODELS).update(app_label="campaigns")


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0001_initial"),
        ("campaigns", "0006_orders_and_mail_move_out"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(move_content_types, restore_content_types),
        migrations.AlterModelTable(name="ordersettings", table=None),
        migrations.AlterModelTable(name="printorder", table=None),
        migrations.AlterModelTable(name="printorderitem", table=None),
    ]
