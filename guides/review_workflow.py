"""Every guide goes through "Guide review" (made by migration 0005), approved by the "Campaigns lead" group.

The migration put the guides that existed then under review; this does the same for a guide made
later (by the demo content loader, or in the admin). A guide with a workflow of its own keeps it.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage

GROUP_NAME = "Campaigns lead"
WORKFLOW_NAME = "Guide review"
PAGE_PERMISSIONS = ["change_page", "publish_page"]


def put_under_guide_review(guide):
    """Idempotent. False if an administrator has removed or switched off the workflow."""
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME, active=True).first()
    if workflow is None:
        return False
    WorkflowPage.objects.get_or_create(page=guide, defaults={"workflow": workflow})
    group = Group.objects.filter(name=GROUP_NAME).first()
    if group is not None:
        for permission in Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS
        ):
            GroupPagePermission.objects.get_or_create(group=group, page=guide, permission=permission)
    return True
