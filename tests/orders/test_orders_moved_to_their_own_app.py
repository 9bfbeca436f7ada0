"""A database made before the order service had its own app migrates forward with its orders, mail and permissions."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from campaigns.orders.models import PrintOrder
from mindsite.mail.models import MailDeliveryFailure

# Where the previous main left these apps: orders and mail failures still in the campaigns app.
BEFORE_THE_MOVE = [("campaigns", "0005_link_addresses"), ("mindsite", "0002_link_addresses"), ("orders", None)]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([target for target in targets if target[1]]).apps


@pytest.mark.django_db(transaction=True)
def test_orders_mail_and_the_teams_permissions_survive_the_move():
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    old = migrate(BEFORE_THE_MOVE)
    try:
        Order = old.get_model("campaigns", "PrintOrder")
        Item = old.get_model("campaigns", "PrintOrderItem")
        Failure = old.get_model("campaigns", "MailDeliveryFailure")
        Message = old.get_model("mailer", "Message")
        OldGroup = old.get_model("auth", "Group")
        order = Order.objects.create(reference="ACDEFGHJ", full_name="Siobhán Example", postcode="LS1 1AA")
        Item.objects.create(order=order, guide_title="What the guidance says", quantity=3)
        message = Message.objects.create(message_data="")
        Failure.objects.create(message=message, failures=2, last_error="ConnectionRefusedError")
        team = OldGroup.objects.get(name="Campaigns team")
        assert team.permissions.filter(content_type__app_label="campaigns", codename="view_printorder").exists()
    finally:
        migrate(leaves)
        ContentType.objects.clear_cache()

    moved = PrintOrder.objects.get(reference="ACDEFGHJ")
    assert moved.full_name == "Siobhán Example"
    assert moved.items_summary() == "3 × What the guidance says"
    assert moved.status == PrintOrder.Status.NEW
    assert MailDeliveryFailure.objects.get().failures == 2
    team = Group.objects.get(name="Campaigns team")
    codenames = {f"{p.content_type.app_label}.{p.codename}" for p in team.permissions.select_related("content_type")}
    assert {"orders.view_printorder", "orders.change_printorder", "orders.change_ordersettings"} <= codenames
    assert not ContentType.objects.filter(app_label="campaigns", model__in=["printorder", "ordersettings"]).exists()
