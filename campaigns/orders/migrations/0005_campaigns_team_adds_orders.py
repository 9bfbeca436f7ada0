"""The Campaigns team enters orders received by phone, email or post ("Add print order")."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Campaigns team"
PERMISSIONS = [("orders", "add_printorder")]


def grant(apps, schema_editor):
    # Model permissions are normally made after all migrations; make them now.
    for app_config in apps.get_app_configs():
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
    dependencies = [("orders", "0004_held_phone_orders_and_undo")]

    operations = [migrations.RunPython(grant, revoke)]
