"""MailDeliveryFailure moves from the pages app (label `mindsite`) into mindsite/mail: rows, content type and permissions with it."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="mail", model="maildeliveryfailure").exists():
        ContentType.objects.filter(app_label="mindsite", model="maildeliveryfailure").update(app_label="mail")


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="mindsite", model="maildeliveryfailure").exists():
        ContentType.objects.filter(app_label="mail", model="maildeliveryfailure").update(app_label="mindsite")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("mailer", "0007_alter_messagelog_message_data"),
        ("mindsite", "0008_editors_see_page_feedback"),
        # After the Campaigns team was given the permission to see failures under the old label: that
        # migration makes every app's permissions, and would otherwise make a second, empty content type.
        ("orders", "0003_campaigns_team_sees_mail_failures"),
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
                        (
                            "message_id_header",
                            models.CharField(blank=True, db_index=True, max_length=255, verbose_name="Message-ID"),
                        ),
                        ("failures", models.PositiveIntegerField(default=0)),
                        ("first_failed_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("last_failed_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("last_error", models.CharField(blank=True, max_length=200)),
                        ("gave_up_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "refused",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("address", "address refused"),
                                    ("sender", "sender refused"),
                                    ("message", "message refused"),
                                ],
                                max_length=8,
                            ),
                        ),
                        ("reason", models.CharField(blank=True, max_length=300)),
                        ("dealt_with_at", models.DateTimeField(blank=True, null=True)),
                    ],
                    options={"verbose_name": "mail delivery failure", "db_table": "mindsite_maildeliveryfailure"},
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="maildeliveryfailure", table=None),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
