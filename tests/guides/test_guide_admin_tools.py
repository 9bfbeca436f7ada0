"""In the admin: a guide previews as its whole-guide print view, and lists its parts in reading order."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.test.utils.form_data import nested_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-password-1")
    client.force_login(user)
    return client


def guide_form(guide, summary):
    return nested_form_data(
        {
            "title": guide.title,
            "slug": guide.slug,
            "summary": summary,
            "partner_credit": guide.partner_credit,
            "max_copies_per_order": guide.max_copies_per_order,
            "change_note": "",
        }
    )


def test_the_whole_guide_print_view_is_a_preview_mode(editor_client, site):
    guide = site.guide
    preview_url = f"/admin/pages/{guide.pk}/edit/preview/"
    html = editor_client.get(f"/admin/pages/{guide.pk}/edit/").content.decode()
    assert "Whole guide (print view)" in html

    response = editor_client.post(preview_url + "?mode=print", guide_form(guide, "A summary not yet published."))
    assert response.json()["is_valid"]
    html = editor_client.get(preview_url + "?mode=print").content.decode()
    assert '<p class="eyebrow">Whole guide</p>' in html
    assert "A summary not yet published." in html
    for part in site.chapters:
        assert part.title in html

    plain = editor_client.get(preview_url).content.decode()
    assert '<p class="eyebrow">Guide</p>' in plain and "A summary not yet published." in plain


def test_a_guides_parts_are_listed_in_reading_order(editor_client, site):
    for part in site.chapters:  # the last part is edited most recently: Wagtail's usual order would put it first
        part.save_revision().publish()
    html = editor_client.get(f"/admin/pages/{site.guide.pk}/").content.decode()
    positions = [html.index(part.title) for part in site.chapters]
    assert positions == sorted(positions)
