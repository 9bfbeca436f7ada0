"""Who sees what of a story sent in: the campaigns team sees the sender; moderators and editors see the consents
and how to name them, never who they are."""

import pytest

from campaigns.story_submissions.models import SentStory
from tests.story_submissions.helpers import SENT_STORIES_URL, make_user, send_story, story_site

pytestmark = pytest.mark.usefixtures(story_site.__name__)


@pytest.fixture
def sent(client):
    send_story(client)
    client.logout()
    return SentStory.objects.get()


def inspect(client, user, sent):
    client.force_login(user)
    return client.get(f"{SENT_STORIES_URL}inspect/{sent.pk}/")


def test_the_campaigns_team_sees_who_sent_it(client, django_user_model, sent):
    team = make_user(django_user_model, "tia", "Campaigns team")
    response = inspect(client, team, sent)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ann Example" in html and "ann@example.org" in html
    assert "By my first name" in html
    assert f"/admin/pages/{sent.page_id}/edit/" in html
    listing = client.get(SENT_STORIES_URL).content.decode()
    assert sent.title in listing and "ann@example.org" not in listing


@pytest.mark.parametrize("group", ["Editors", "Moderators"])
def test_editors_and_moderators_see_the_consents_but_not_the_sender(client, django_user_model, sent, group):
    user = make_user(django_user_model, "eddie", group)
    response = inspect(client, user, sent)
    assert response.status_code == 200
    html = response.content.decode()
    assert "May we contact them" in html or "Agreed that we may contact them about it" in html
    assert "By my first name" in html
    assert "Ann Example" not in html and "ann@example.org" not in html
    # Nor on the draft itself, where they review it.
    edit = client.get(f"/admin/pages/{sent.page_id}/edit/")
    assert edit.status_code == 200
    assert "Ann Example" not in edit.content.decode() and "ann@example.org" not in edit.content.decode()


def test_someone_with_no_permission_sees_nothing_of_it(client, django_user_model, sent):
    nobody = django_user_model.objects.create_user("nobody", "n@mind.example", "pw")
    from django.contrib.auth.models import Permission

    nobody.user_permissions.add(Permission.objects.get(codename="access_admin"))
    response = inspect(client, nobody, sent)
    assert response.status_code in (302, 403)
    assert "ann@example.org" not in response.content.decode()


def test_nobody_adds_edits_or_deletes_one_in_the_admin(client, django_user_model, sent):
    admin = django_user_model.objects.create_superuser("ada", "ada@mind.example", "pw")
    client.force_login(admin)
    html = client.get(f"{SENT_STORIES_URL}inspect/{sent.pk}/").content.decode()
    assert "ann@example.org" in html
    assert client.get(f"{SENT_STORIES_URL}new/").status_code in (302, 403, 404)
    assert client.post(f"{SENT_STORIES_URL}delete/{sent.pk}/").status_code in (302, 403, 404)
    assert SentStory.objects.filter(pk=sent.pk).exists()
