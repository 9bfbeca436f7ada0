"""A database made by an earlier main, with guides in it, migrates forward into "Guide review"."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import GroupApprovalTask, GroupPagePermission, Workflow, WorkflowPage

from tests.conftest import build_site

BEFORE_GUIDE_REVIEW = [("guides", "0004_change_notes_review_pdf")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def forget_guide_review():
    """What the earlier main had: no such group, task or workflow."""
    workflow = Workflow.objects.get(name="Guide review")
    WorkflowPage.objects.filter(workflow=workflow).delete()
    workflow.workflow_tasks.all().delete()
    workflow.delete()
    GroupApprovalTask.objects.filter(name="Campaigns lead approval").delete()
    Group.objects.filter(name="Campaigns lead").delete()


@pytest.mark.django_db(transaction=True)
def test_existing_guides_get_the_workflow_and_the_campaigns_lead_may_approve_them():
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    site = build_site(parts=2, stories=1)
    forget_guide_review()
    migrate(BEFORE_GUIDE_REVIEW)
    try:
        assert not Group.objects.filter(name="Campaigns lead").exists()
    finally:
        migrate(leaves)
        ContentType.objects.clear_cache()

    assert site.guide.get_workflow().name == "Guide review"
    assert site.chapters[0].get_workflow().name == "Guide review"  # parts follow their guide
    assert site.stories[0].get_workflow().name != "Guide review"
    lead = Group.objects.get(name="Campaigns lead")
    task = Workflow.objects.get(name="Guide review").tasks.get().specific
    assert list(task.groups.all()) == [lead]
    assert lead.permissions.filter(codename="access_admin").exists()
    granted = set(
        GroupPagePermission.objects.filter(group=lead, page=site.guide).values_list("permission__codename", flat=True)
    )
    assert granted == {"change_page", "publish_page"}

    # Running it again (back and forward) changes nothing.
    migrate(BEFORE_GUIDE_REVIEW)
    migrate(leaves)
    assert Workflow.objects.filter(name="Guide review").count() == 1
    assert GroupApprovalTask.objects.filter(name="Campaigns lead approval").count() == 1
    assert GroupPagePermission.objects.filter(group=lead).count() == 2


@pytest.mark.django_db(transaction=True)
def test_a_guide_with_a_workflow_of_its_own_keeps_it():
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    site = build_site(parts=1, stories=1)
    forget_guide_review()
    own = Workflow.objects.create(name="Legal check", active=True)
    WorkflowPage.objects.create(page=site.guide, workflow=own)
    migrate(BEFORE_GUIDE_REVIEW)
    migrate(leaves)
    ContentType.objects.clear_cache()
    assert site.guide.get_workflow() == own
