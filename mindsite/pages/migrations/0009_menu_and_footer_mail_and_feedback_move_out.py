"""SiteChrome is now MenuAndFooter (its name in the admin); mail failures and page feedback have apps of their own.

The two models leave this app's state only: mail/0001 and feedback/0001 took their tables."""

from django.db import migrations

ACTIONS = ["add", "change", "delete", "view"]


def rename_permissions(apps, schema_editor, old="sitechrome", new="menuandfooter", name="menu and footer"):
    Permission = apps.get_model("auth", "Permission")
    for action in ACTIONS:
        if Permission.objects.filter(content_type__app_label="mindsite", codename=f"{action}_{new}").exists():
            continue
        Permission.objects.filter(content_type__app_label="mindsite", codename=f"{action}_{old}").update(
            codename=f"{action}_{new}", name=f"Can {action} {name}"
        )


def rename_permissions_back(apps, schema_editor):
    rename_permissions(apps, schema_editor, old="menuandfooter", new="sitechrome", name="site chrome")


class Migration(migrations.Migration):
    dependencies = [
        ("mindsite", "0008_editors_see_page_feedback"),
        ("mail", "0001_initial"),
        ("feedback", "0001_initial"),
    ]

    operations = [
        migrations.RenameModel(old_name="SiteChrome", new_name="MenuAndFooter"),
        migrations.RunPython(rename_permissions, rename_permissions_back),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="MailDeliveryFailure"),
                migrations.DeleteModel(name="PageFeedback"),
            ],
            database_operations=[],
        ),
    ]
