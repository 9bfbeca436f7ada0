"""Reports → Figure alerts: editors see counts per provider, never addresses; the Campaigns team sees addresses."""

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from campaigns.alerts.models import Subscription
from tests.admin_helpers import make_team_member
from tests.alerts.helpers import section

pytestmark = pytest.mark.usefixtures(section.__name__)

REPORT = "/admin/reports/figure-alerts/"


@pytest.fixture
def subscribers(section):
    now = timezone.now()
    Subscription.objects.create(email="ann@example.org", code="RX1", created_at=now, confirmed_at=now)
    Subscription.objects.create(email="bob@example.org", code="RX1", created_at=now)
    Subscription.objects.create(email="cat@example.org", code="ENGLAND", created_at=now, confirmed_at=now)


def test_an_editor_sees_counts_and_no_address(client, django_user_model, subscribers):
    editor = django_user_model.objects.create_user(username="eve", password="x" * 20)  # noqa: S106
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    page = client.get(REPORT).content.decode()
    assert "Northshire Mental Health NHS Trust (RX1)" in page
    assert "<td>1</td><td>1</td>" in page  # RX1: one signed up, one waiting
    assert "England (ENGLAND)" in page
    assert "@example.org" not in page
    assert "See addresses" not in page
    assert client.get(REPORT + "RX1/").status_code in (302, 403)


def test_the_campaigns_team_sees_the_addresses(client, django_user_model, subscribers):
    member = make_team_member(django_user_model)
    client.force_login(member)
    assert "See addresses" in client.get(REPORT).content.decode()
    page = client.get(REPORT + "RX1/").content.decode()
    assert "ann@example.org" in page and "bob@example.org" in page
    assert "cat@example.org" not in page


def test_only_the_campaigns_team_has_the_permission():
    holders = Group.objects.filter(permissions__codename="view_subscriber_addresses")
    assert list(holders.values_list("name", flat=True)) == ["Campaigns team"]
