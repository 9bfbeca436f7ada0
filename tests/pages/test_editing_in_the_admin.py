"""An editor changes a guide part's text in the admin, publishes it, and readers see it."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-password-1")
    client.force_login(user)
    return client


def edit_form(part, text, action):
    data = nested_form_data(
        {
            "title": part.title,
            "slug": part.slug,
            "summary": part.summary,
            "body": streamfield([("paragraph", rich_text(f"<p>{text}</p>"))]),
        }
    )
    data[action] = "1"
    return data


def test_a_draft_is_not_live_until_published(client, editor_client, site):
    part = site.chapters[0]
    edit_url = f"/admin/pages/{part.pk}/edit/"
    revisions_before = part.revisions.count()
    response = editor_client.post(edit_url, edit_form(part, "A new draft sentence.", "action-save"))
    assert response.status_code == 302
    assert "A new draft sentence." not in client.get(part.url).content.decode()

    preview = editor_client.post(f"/admin/pages/{part.pk}/edit/preview/", edit_form(part, "Previewed words.", "x"))
    assert preview.json()["is_valid"]
    assert "Previewed words." in editor_client.get(f"/admin/pages/{part.pk}/edit/preview/").content.decode()

    response = editor_client.post(edit_url, edit_form(part, "Published words.", "action-publish"))
    assert response.status_code == 302
    assert "Published words." in client.get(part.url).content.decode()
    assert part.revisions.count() == revisions_before + 2  # the draft and the published version


def test_an_invalid_body_is_refused_with_a_message_and_nothing_changes(client, editor_client, site):
    part = site.chapters[0]
    data = nested_form_data(
        {
            "title": part.title,
            "slug": part.slug,
            "summary": part.summary,
            "body": streamfield(
                [("heading", {"text": "Same", "anchor": ""}), ("heading", {"text": "Same", "anchor": ""})]
            ),
        }
    )
    data["action-publish"] = "1"
    response = editor_client.post(f"/admin/pages/{part.pk}/edit/", data)
    assert response.status_code == 200
    assert "Another heading already uses the link" in response.content.decode()
    assert "About First section." in client.get(part.url).content.decode()
