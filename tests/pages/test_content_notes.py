"""A page's content note is shown before its content, as a plain labelled note; nothing when there is none."""

import pytest

pytestmark = pytest.mark.django_db

NOTE = "This story describes restraint and an injury."


def publish_with_note(page, note):
    page.content_note = note
    page.save_revision().publish()


@pytest.mark.parametrize("which", ["story", "guide part"])
def test_an_editors_note_shows_before_the_body(client, site, which):
    page = site.stories[0] if which == "story" else site.chapters[0]
    publish_with_note(page, NOTE)

    html = client.get(page.url).content.decode()

    assert html.count("Content note:") == 1
    note_at = html.index(NOTE)
    assert html.index("<h1") < note_at < html.index('<div class="prose">')
    assert 'role="alert"' not in html[html.rindex("<p", 0, note_at) : note_at]


@pytest.mark.parametrize("which", ["home", "index", "campaign", "guide", "story_index"])
def test_every_other_page_type_shows_its_note(client, site, which):
    page = getattr(site, which)
    publish_with_note(page, NOTE)

    assert NOTE in client.get(page.url).content.decode()


def test_the_whole_guide_view_shows_each_parts_note(client, site):
    publish_with_note(site.chapters[1], NOTE)

    html = client.get(site.guide.url + "print/").content.decode()

    assert html.count("Content note:") == 1
    assert html.index(site.chapters[1].title) < html.index(NOTE)


def test_nothing_is_rendered_when_there_is_no_note(client, site):
    for page in [site.stories[0], site.chapters[0], site.campaign, site.guide]:
        html = client.get(page.url).content.decode()
        assert "Content note" not in html, page.url
        assert "content-note" not in html, page.url
