"""The demo's dates are the dates its words date from, never the day it was loaded (issue 19, item 6)."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from guides.models import GuideChapterPage, GuidePage
from guides.review_dates import guides_due_for_review
from mindsite.demo import TEXT_DATE

pytestmark = pytest.mark.django_db


def load():
    call_command("load_demo_content", stdout=StringIO())


def last_updated_line(html):
    start = html.index("Last updated")
    return html[start : html.index("</time>", start)]


def shown(day):
    return f'<time datetime="{day:%Y-%m-%d}">{day.day} {day:%B %Y}'


def test_no_guide_or_part_says_it_was_last_updated_the_day_the_demo_was_loaded(client):
    load()
    pages = [*GuidePage.objects.live(), *GuideChapterPage.objects.live()]
    assert len(pages) > 10
    for page in pages:
        line = last_updated_line(client.get(page.url).content.decode())
        assert shown(TEXT_DATE) in line, page.url
        assert timezone.localdate(page.first_published_at) == TEXT_DATE


def test_a_demo_loaded_before_gets_its_text_dates_and_an_editors_page_keeps_its_own(client):
    load()
    loaded_today = timezone.now()
    part, edited = GuideChapterPage.objects.live()[:2]
    # As an older loader left them: first published the day they were loaded; an editor then changed one.
    GuideChapterPage.objects.filter(pk__in=[part.pk, edited.pk]).update(first_published_at=loaded_today)
    edited.refresh_from_db()
    edited.save_revision(user=None, log_action=False).publish()  # a second revision: no longer the loader's

    load()

    part.refresh_from_db()
    edited.refresh_from_db()
    assert timezone.localdate(part.first_published_at) == TEXT_DATE
    assert edited.first_published_at == loaded_today


def test_the_demo_guides_were_reviewed_when_their_words_were_checked_and_are_due_a_year_later(client):
    load()
    for guide in GuidePage.objects.live():
        assert guide.last_reviewed == TEXT_DATE
        assert (
            datetime.timedelta(days=360) <= guide.next_review_due - guide.last_reviewed <= datetime.timedelta(days=370)
        )
        html = client.get(guide.url).content.decode()
        assert f'Last reviewed <time datetime="{TEXT_DATE:%Y-%m-%d}">{TEXT_DATE:%B %Y}</time>' in html
        assert "Next review due " + shown(guide.next_review_due) in html
    # Not due for a year after the words were checked, so the dashboard does not list them.
    assert not list(guides_due_for_review(today=TEXT_DATE + datetime.timedelta(days=300)))


def test_a_guide_says_only_the_year_it_was_first_published(client):
    """The sources give the guides' first publication as 2015, with no month: the page says no more than that."""
    load()
    for guide in GuidePage.objects.live():
        html = client.get(guide.url).content.decode()
        assert 'First published <time datetime="2015">2015</time>.' in html, guide.url
