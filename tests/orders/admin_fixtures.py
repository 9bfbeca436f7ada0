"""Fixtures for the admin's order tests: a campaigns team member, an editor, and three web orders."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from campaigns.orders.models import PrintOrder
from tests.factories import GuidePageFactory
from tests.order_helpers import place_order

INDEX = "/admin/snippets/orders/printorder/"


@pytest.fixture
def team_member(django_user_model):
    user = django_user_model.objects.create_user("team", "team@mind.example", "pw", first_name="Tia", last_name="Team")
    user.groups.add(Group.objects.get(name="Campaigns team"))
    return user


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", "editor@mind.example", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def orders(client, site, settings):
    """Ann (10 days ago, guide 1), Bob (guide 2) and a formula-like name (both guides), placed on the form."""
    settings.ORDER_MIN_FILL_SECONDS = 0
    settings.ORDER_DAILY_CAP_PER_ADDRESS = 100
    settings.ORDERS_PER_HOUR_BEFORE_HOLD = 100
    second = GuidePageFactory(parent=site.campaign, title="Influencing change in your area")
    place_order(client, [site.guide], full_name="Ann Example", postcode="SW1A 1AA", email="ann@example.org")
    place_order(client, [second], full_name="Bob Sample", postcode="M1 1AE", email="bob@example.org")
    place_order(
        client, [site.guide, second], full_name='=HYPERLINK("http://evil")', postcode="B33 8TH", email="c@example.org"
    )
    ann, bob, evil = PrintOrder.objects.order_by("pk")
    PrintOrder.objects.filter(pk=ann.pk).update(created_at=timezone.now() - datetime.timedelta(days=10))
    ann.refresh_from_db()
    return {"ann": ann, "bob": bob, "evil": evil, "guide": site.guide, "second": second}
