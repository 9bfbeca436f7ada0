"""The order models now live in campaigns.orders, the mail failure record in mindsite: state only, no table dropped."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0005_link_addresses"),
        ("orders", "0001_initial"),
        ("mindsite", "0003_mail_delivery_failure"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="PrintOrderItem"),
                migrations.DeleteModel(name="PrintOrder"),
                migrations.DeleteModel(name="OrderSettings"),
                migrations.DeleteModel(name="MailDeliveryFailure"),
            ],
            database_operations=[],
        ),
    ]
