"""Guides go through "Guide review": an editor submits, a Campaigns lead approves, the change goes live."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Page, WorkflowPage, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from guides.models import GuideChange, GuidePage
from guides.review_workflow import put_under_guide_review

pytestmark = pytest.mark.django_db

NOTE = "Added what NICE says about watching breathing during restraint."


def user_in(group, username):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "a-long-password-1")
    user.groups.add(Group.objects.get(name=group))
    return user


def part_form(part, text, **actions):
    data = nested_form_data(
        {
            "title": part.title,
            "slug": part.slug,
            "summary": part.summary,
            "body": streamfield([("paragraph", rich_text(f"<p>{text}</p>"))]),
            "change_is_real": "on",
            "change_note": NOTE,
        }
    )
    data.update(actions)
    return data


def test_the_guides_and_their_parts_are_under_guide_review(site):
    put_under_guide_review(site.guide)
    put_under_guide_review(site.guide)  # idempotent
    assert site.guide.get_workflow().name == "Guide review"
    assert site.chapters[0].get_workflow().name == "Guide review"
    assert site.stories[0].get_workflow().name != "Guide review"


def test_an_editor_submits_a_part_and_a_campaigns_lead_approves_it(client, site):
    put_under_guide_review(site.guide)
    part = site.chapters[1]
    part.save_revision().publish()
    edit_url = f"/admin/pages/{part.pk}/edit/"

    client.force_login(user_in("Editors", "eddie"))
    response = client.post(edit_url, part_form(part, "Words for review.", **{"action-submit": "1"}))
    assert response.status_code == 302
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(part.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Guide review"
    assert "Words for review." not in client.get(part.url).content.decode()  # not live yet
    assert not GuideChange.objects.exists()

    lead = user_in("Campaigns lead", "lena")
    client.force_login(lead)
    dashboard = client.get("/admin/").content.decode()
    assert part.title in dashboard  # in "Awaiting your review"
    form = client.get(edit_url).content.decode()
    assert 'name="change_is_real"' in form and "checked" in form.split('name="change_is_real"')[1].split(">")[0]
    assert NOTE in form  # the lead sees what the editor said about the change

    response = client.post(
        edit_url,
        part_form(part, "Words for review.", **{"action-workflow-action": "1", "workflow-action-name": "approve"}),
    )
    assert response.status_code == 302
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    part = Page.objects.get(pk=part.pk).specific
    assert part.live and "Words for review." in client.get(part.url).content.decode()
    change = GuideChange.objects.get()
    assert change.page_id == part.pk and change.note == NOTE and change.revision_id == part.live_revision_id


def test_an_editor_cannot_publish_a_guide_part_without_review(client, site):
    put_under_guide_review(site.guide)
    part = site.chapters[0]
    client.force_login(user_in("Editors", "eddie"))
    form = client.get(f"/admin/pages/{part.pk}/edit/").content.decode()
    assert "Submit to Guide review" in form
    assert 'name="action-publish"' not in form


def test_the_demo_guides_are_under_guide_review_once():
    call_command("load_demo_content", stdout=StringIO())
    call_command("load_demo_content", stdout=StringIO())
    guides = GuidePage.objects.all()
    assert guides.count() == 2
    for guide in guides:
        assert guide.get_workflow().name == "Guide review"
    assert WorkflowPage.objects.filter(workflow__name="Guide review").count() == 2
