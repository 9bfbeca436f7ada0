"""The mail queue's failure record moves here from the campaigns app, with its rows and permissions."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="mindsite", model="maildeliveryfailure").exists():
        ContentType.objects.filter(app_label="campaigns", model="maildeliveryfailure").update(app_label="mindsite")


def restore_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="mindsite", model="maildeliveryfailure").update(app_label="campaigns")


class Migration(migrations.Migration):
    dependencies = [
        ("mailer", "0007_alter_messagelog_message_data"),
        ("mindsite", "0002_link_addresses"),
        ("campaigns", "0005_link_addresses"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="MailDeliveryFailure",
                    fields=[
                        (
                            "message",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                primary_key=True,
                                related_name="+",
                                serialize=False,
                                to="mailer.message",
                            ),
                        ),
                        ("failures", models.PositiveIntegerField(default=0)),
                        ("first_failed_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("last_failed_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("last_error", models.CharField(blank=True, max_length=200)),
                    ],
                    options={"verbose_name": "mail delivery failure", "db_table": "campaigns_maildeliveryfailure"},
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, restore_content_type),
        migrations.AlterModelTable(name="maildeliveryfailure", table=None),
    ]
