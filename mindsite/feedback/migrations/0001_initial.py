"""PageFeedback moves from the pages app (label `mindsite`) into mindsite/feedback: rows, content type and permissions with it."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="feedback", model="pagefeedback").exists():
        ContentType.objects.filter(app_label="mindsite", model="pagefeedback").update(app_label="feedback")


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="mindsite", model="pagefeedback").exists():
        ContentType.objects.filter(app_label="feedback", model="pagefeedback").update(app_label="mindsite")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        # After the Editors were given its permissions under the old label.
        ("mindsite", "0008_editors_see_page_feedback"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PageFeedback",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("useful", models.BooleanField()),
                        ("comment", models.TextField(blank=True, max_length=1000)),
                        ("created_at", models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                        ("dealt_with_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "dealt_with_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "page",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, related_name="+", to="wagtailcore.page"
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "page feedback",
                        "verbose_name_plural": "page feedback",
                        "ordering": ["-created_at", "-pk"],
                        "indexes": [models.Index(fields=["page", "-created_at"], name="feedback_page_newest")],
                        "db_table": "mindsite_pagefeedback",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="pagefeedback", table=None),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
