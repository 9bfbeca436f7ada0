"""StoryProvider (a story pinned to a provider) moves from campaigns into the restraint figures app.

Its table is renamed and its content type moved; campaigns/0009 drops it from the campaigns app's state."""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="restraint_figures", model="storyprovider").exists():
        ContentType.objects.filter(app_label="campaigns", model="storyprovider").update(app_label="restraint_figures")


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="campaigns", model="storyprovider").exists():
        ContentType.objects.filter(app_label="restraint_figures", model="storyprovider").update(app_label="campaigns")


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0008_story_provider_pins"),
        ("restraint_figures", "0003_provider_commentary"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="StoryProvider",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                        (
                            "provider",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="story_pins",
                                to="restraint_figures.provider",
                                verbose_name="provider",
                            ),
                        ),
                        (
                            "story",
                            modelcluster.fields.ParentalKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="provider_pins",
                                to="campaigns.storypage",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "provider pinned to the story",
                        "ordering": ["sort_order"],
                        "abstract": False,
                        "constraints": [
                            models.UniqueConstraint(fields=("story", "provider"), name="one_pin_per_story_and_provider")
                        ],
                        "db_table": "campaigns_storyprovider",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="storyprovider", table=None),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
