from django.contrib.auth.management import create_permissions
from django.db import migrations

# The campaigns team reviews stories sent in and alone sees who sent them; moderators and editors, who
# review and publish the drafts, see the consents and how the sender wants to be named, never who they are.
GRANTS = {
    "Campaigns team": ["view_sentstory", "see_story_senders"],
    "Moderators": ["view_sentstory"],
    "Editors": ["view_sentstory"],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("story_submissions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in GRANTS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="story_submissions", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="story_submissions").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("story_submissions", "0001_sent_stories_and_their_senders"),
        ("campaigns", "0004_campaigns_team_group"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
