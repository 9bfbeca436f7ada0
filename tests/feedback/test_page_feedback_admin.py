"""Editors see the answers to 'Is this page useful?' per page, newest first, and mark them dealt with."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from mindsite.feedback.models import PageFeedback
from tests.factories import GuideChapterPageFactory

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/page-feedback/"


def answers_url(page):
    return f"{REPORT}{page.pk}/"


def dealt_with_url(feedback):
    return f"{REPORT}answer/{feedback.pk}/dealt-with/"


def member_of(django_user_model, group, username):
    user = django_user_model.objects.create_user(
        username, f"{username}@mind.example", "pw", first_name=username.title()
    )
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(django_user_model):
    return member_of(django_user_model, "Editors", "edna")


@pytest.fixture
def team_member(django_user_model):
    # Signs in to the admin (orders), but has no say over pages.
    return member_of(django_user_model, "Campaigns team", "tia")


def answered(page, useful, comment="", days_ago=0):
    feedback = PageFeedback.objects.create(page=page, useful=useful, comment=comment)
    PageFeedback.objects.filter(pk=feedback.pk).update(created_at=timezone.now() - datetime.timedelta(days=days_ago))
    feedback.refresh_from_db()
    return feedback


@pytest.fixture
def answers(site):
    part, story = site.chapters[0], site.stories[0]
    return {
        "part_yes": answered(part, True, days_ago=5),
        "part_no": answered(part, False, "The law section is out of date", days_ago=4),
        "part_no_quiet": answered(part, False, days_ago=3),
        "story_no": answered(story, False, "Too long", days_ago=1),
        "part": part,
        "story": story,
    }


def rows(response):
    return [(page.title, page.yes, page.no, page.waiting) for page in response.context["object_list"]]


def test_editors_see_each_page_with_its_counts_newest_answer_first(client, editor, answers):
    client.force_login(editor)
    response = client.get(REPORT)
    assert response.status_code == 200
    assert rows(response) == [(answers["story"].title, 0, 1, 1), (answers["part"].title, 1, 2, 2)]
    html = response.content.decode()
    assert f'href="{answers_url(answers["story"])}"' in html
    # Another answer on the part brings it to the top.
    answered(answers["part"], True)
    assert rows(client.get(REPORT))[0][0] == answers["part"].title


def test_a_pages_answers_newest_first_with_what_was_wrong(client, editor, answers):
    client.force_login(editor)
    response = client.get(answers_url(answers["part"]))
    assert response.status_code == 200
    listed = [feedback.pk for feedback in response.context["object_list"]]
    assert listed == [answers["part_no_quiet"].pk, answers["part_no"].pk, answers["part_yes"].pk]
    html = response.content.decode()
    assert "The law section is out of date" in html
    assert "Too long" not in html  # the story's answer is on the story's list
    assert "<strong>1</strong> found it useful, <strong>2</strong> did not" in html
    assert html.count("Mark as dealt with<") == 2  # each No; a Yes has nothing to deal with


def test_mark_as_dealt_with_records_who_and_when(client, editor, answers):
    client.force_login(editor)
    feedback = answers["part_no"]
    response = client.post(dealt_with_url(feedback))
    assert response.status_code == 302
    assert response["Location"] == f"{answers_url(answers['part'])}#answer-{feedback.pk}"
    feedback.refresh_from_db()
    assert feedback.dealt_with_by == editor
    assert timezone.now() - feedback.dealt_with_at < datetime.timedelta(minutes=1)
    html = client.get(answers_url(answers["part"])).content.decode()
    assert "By Edna" in html
    assert html.count("Mark as dealt with<") == 1
    assert rows(client.get(REPORT))[1] == (answers["part"].title, 1, 2, 1)

    # Marking it again changes nothing: the first person and time stand.
    first_time = feedback.dealt_with_at
    client.post(dealt_with_url(feedback))
    feedback.refresh_from_db()
    assert feedback.dealt_with_at == first_time


def test_mark_as_dealt_with_is_a_post(client, editor, answers):
    client.force_login(editor)
    assert client.get(dealt_with_url(answers["part_no"])).status_code == 405
    answers["part_no"].refresh_from_db()
    assert answers["part_no"].dealt_with_at is None


def test_a_yes_cannot_be_marked(client, editor, answers):
    client.force_login(editor)
    assert client.post(dealt_with_url(answers["part_yes"])).status_code == 404


def refused(response):
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


def test_without_the_permission_nothing_is_seen_or_changed(client, team_member, answers):
    client.force_login(team_member)
    assert refused(client.get(REPORT))
    assert refused(client.get(answers_url(answers["part"])))
    assert refused(client.post(dealt_with_url(answers["part_no"])))
    answers["part_no"].refresh_from_db()
    assert answers["part_no"].dealt_with_at is None
    assert "Page feedback" not in client.get("/admin/").content.decode()


def test_seeing_without_changing_shows_no_button(client, django_user_model, answers):
    viewer = django_user_model.objects.create_user("vic", "vic@mind.example", "pw")
    group = Group.objects.create(name="Readers of feedback")
    group.permissions.add(*Group.objects.get(name="Editors").permissions.filter(codename="view_pagefeedback"))
    group.permissions.add(*Group.objects.get(name="Editors").permissions.filter(codename="access_admin"))
    viewer.groups.add(group)
    client.force_login(viewer)
    html = client.get(answers_url(answers["part"])).content.decode()
    assert "The law section is out of date" in html
    assert "Mark as dealt with<" not in html
    assert refused(client.post(dealt_with_url(answers["part_no"])))


def test_editors_find_it_in_the_reports_menu(client, editor, answers):
    client.force_login(editor)
    assert REPORT in client.get("/admin/").content.decode()


def test_the_report_is_drawn_in_a_bounded_number_of_queries(
    client, editor, answers, site, django_assert_max_num_queries
):
    client.force_login(editor)
    client.get(REPORT)
    with django_assert_max_num_queries(30) as few:
        client.get(REPORT)
    for n in range(15):
        part = GuideChapterPageFactory(parent=site.guide, title=f"More {n}")
        answered(part, n % 2 == 0, "Why" if n % 2 else "")
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        response = client.get(REPORT)
    assert len(response.context["object_list"]) == 17
    with django_assert_max_num_queries(30):
        client.get(answers_url(answers["part"]))
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_report_downloads_as_a_spreadsheet(client, editor, answers):
    client.force_login(editor)
    response = client.get(REPORT + "?export=csv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    assert text.splitlines()[0] == "Page,Useful,Not useful,Not dealt with,Latest answer"
    assert answers["part"].title in text


def spreadsheet_rows(response, spreadsheet_format):
    body = b"".join(response.streaming_content)
    if spreadsheet_format == "csv":
        return list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    found = list(sheet.iter_rows(values_only=True))
    return [dict(zip(found[0], row, strict=True)) for row in found[1:]]


@pytest.mark.parametrize("spreadsheet_format", ["csv", "xlsx"])
def test_a_pages_answers_download_with_words_and_local_times(client, editor, answers, spreadsheet_format):
    summer = datetime.datetime(2026, 7, 1, 14, 5, tzinfo=datetime.UTC)  # 15:05 in London
    winter = datetime.datetime(2026, 11, 26, 15, 20, tzinfo=datetime.UTC)  # 15:20 in London
    PageFeedback.objects.filter(pk=answers["part_no"].pk).update(
        created_at=summer, dealt_with_at=winter, dealt_with_by=editor
    )
    client.force_login(editor)
    response = client.get(answers_url(answers["part"]), {"export": spreadsheet_format})
    assert response.status_code == 200
    expected_name = f"page-feedback-{answers['part'].slug}-{timezone.localdate()}.{spreadsheet_format}"
    assert response["Content-Disposition"].endswith(f'filename="{expected_name}"')
    found = spreadsheet_rows(response, spreadsheet_format)
    # Newest first: the quiet No (3 days ago), the Yes (5 days ago), the No from July.
    assert [row["Useful?"] for row in found] == ["No", "Yes", "No"]
    assert found[2] == {
        "When": "2026-07-01 15:05",
        "Useful?": "No",
        "What was wrong": "The law section is out of date",
        "Dealt with": "2026-11-26 15:20",
    }
    assert found[0]["Dealt with"] in ("", None)  # an XLSX reads an empty cell back as None


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
@pytest.mark.parametrize("spreadsheet_format", ["csv", "xlsx"])
def test_text_a_spreadsheet_would_run_is_downloaded_as_text(client, editor, answers, spreadsheet_format, start):
    """A reader's comment, or a page's title, starting as a formula would: an apostrophe keeps it text."""
    answered(answers["part"], False, f"{start}HYPERLINK(1)")
    type(answers["part"]).objects.filter(pk=answers["part"].pk).update(title=f"{start}Part one")
    client.force_login(editor)
    comments = spreadsheet_rows(
        client.get(answers_url(answers["part"]), {"export": spreadsheet_format}), spreadsheet_format
    )
    titles = spreadsheet_rows(client.get(REPORT, {"export": spreadsheet_format}), spreadsheet_format)
    # XML, inside an XLSX, reads a carriage return back as a line feed.
    assert comments[0]["What was wrong"].replace("\r", "\n") == f"'{start}HYPERLINK(1)".replace("\r", "\n")
    assert f"'{start}Part one".replace("\r", "\n") in [row["Page"].replace("\r", "\n") for row in titles]
