"""StoryProvider now lives in the restraint figures app (restraint_figures/0004 took its table): state only."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0008_story_provider_pins"),
        ("restraint_figures", "0004_stories_pinned_to_providers"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="StoryProvider")],
            database_operations=[],
        ),
    ]
