"""Guides are reviewed before they go live: a "Guide review" workflow, approved by the "Campaigns lead" group.

Assigned to every guide already in the database (a guide's parts follow its workflow). Guides made
later by the demo content loader, or in the admin, are given it by guides.review_workflow. A guide
that already has a workflow of its own keeps it. Running it again changes nothing; going back leaves
the workflow, the group and its members in place (they may be in use by then).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Campaigns lead"
WORKFLOW_NAME = "Guide review"
TASK_NAME = "Campaigns lead approval"
# The lead approves guides (the task), reaches the admin, and may edit and publish guides and their parts.
ADMIN_PERMISSION = ("wagtailadmin", "access_admin")
PAGE_PERMISSIONS = ["change_page", "publish_page"]


def set_up_guide_review(apps, schema_editor):
    # Model permissions are normally made after all migrations; make the page ones now. Only Wagtail's:
    # another app may be halfway through moving its models (orders), with content types to match.
    # (wagtailadmin's migration 0001 made "access_admin" itself.)
    app_config = apps.get_app_config("wagtailcore")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GuidePage = apps.get_model("guides", "GuidePage")

    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(
        Permission.objects.get(content_type__app_label=ADMIN_PERMISSION[0], codename=ADMIN_PERMISSION[1])
    )
    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=task_type, active=True)
    task.groups.add(group)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)

    page_permissions = list(
        Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS)
    )
    for guide_id in GuidePage.objects.values_list("pk", flat=True):
        if not WorkflowPage.objects.filter(page_id=guide_id).exists():
            WorkflowPage.objects.create(page_id=guide_id, workflow=workflow)
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(group=group, page_id=guide_id, permission=permission)


class Migration(migrations.Migration):
    dependencies = [
        ("guides", "0004_change_notes_review_pdf"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(set_up_guide_review, migrations.RunPython.noop)]
