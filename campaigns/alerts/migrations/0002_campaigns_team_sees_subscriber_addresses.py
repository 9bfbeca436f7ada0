"""The Campaigns team alone may see figure alert subscribers' email addresses; editors see only counts."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Campaigns team"
PERMISSIONS = [("figure_alerts", "view_subscriber_addresses")]


def grant(apps, schema_editor):
    # Model permissions are normally made after all migrations; make this app's now. Only this app's: making
    # every app's here would make them for other apps' models as they stood at this point in the migrations
    # (a print order still in the campaigns app), under content types those apps' own migrations then move.
    app_config = apps.get_app_config("figure_alerts")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    for app_label, codename in PERMISSIONS:
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=GROUP_NAME):
        for app_label, codename in PERMISSIONS:
            group.permissions.remove(*Permission.objects.filter(content_type__app_label=app_label, codename=codename))


class Migration(migrations.Migration):
    dependencies = [
        ("figure_alerts", "0001_subscriptions_and_alerts_sent"),
        ("campaigns", "0004_campaigns_team_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
