"""Editors see the answers to "Is this page useful?" and mark them dealt with (Reports → Page feedback)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Editors"
PERMISSIONS = ["view_pagefeedback", "change_pagefeedback"]


def grant(apps, schema_editor):
    # Model permissions are normally made after all migrations; make this app's now (only this
    # app's: another app's content types may be mid-move in this same run).
    app_config = apps.get_app_config("mindsite")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="mindsite", codename__in=PERMISSIONS)
    # Wagtail's own migrations make the Editors group; a site that has removed it is left as it is.
    for group in Group.objects.filter(name=GROUP_NAME):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="mindsite", codename__in=PERMISSIONS)
    for group in Group.objects.filter(name=GROUP_NAME):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    # 0007 follows Wagtail's migrations, whose initial data makes the Editors group.
    dependencies = [("mindsite", "0007_logo_share_image_feedback")]

    operations = [migrations.RunPython(grant, revoke)]
