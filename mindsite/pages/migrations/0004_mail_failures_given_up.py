"""Mail refused for good is given up on, with the server's reason; each failure records its Message-ID.

Existing failure records are messages still being retried: they keep their back-off and get
the Message-ID of the message they belong to.
"""

from django.db import migrations, models
from mailer.models import db_to_email, get_message_id


def record_message_ids(apps, schema_editor):
    MailDeliveryFailure = apps.get_model("mindsite", "MailDeliveryFailure")
    for failure in MailDeliveryFailure.objects.select_related("message").iterator():
        email = db_to_email(failure.message.message_data)
        message_id = (get_message_id(email) or "") if email is not None else ""
        if message_id:
            MailDeliveryFailure.objects.filter(pk=failure.pk).update(message_id_header=message_id[:255])


class Migration(migrations.Migration):
    dependencies = [
        ("mindsite", "0003_mail_delivery_failure"),
    ]

    operations = [
        migrations.AddField(
            model_name="maildeliveryfailure",
            name="dealt_with_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="maildeliveryfailure",
            name="gave_up_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="maildeliveryfailure",
            name="message_id_header",
            field=models.CharField(blank=True, db_index=True, max_length=255, verbose_name="Message-ID"),
        ),
        migrations.AddField(
            model_name="maildeliveryfailure",
            name="reason",
            field=models.CharField(blank=True, max_length=300),
        ),
        migrations.AddField(
            model_name="maildeliveryfailure",
            name="refused",
            field=models.CharField(
                blank=True,
                choices=[("address", "address refused"), ("sender", "sender refused"), ("message", "message refused")],
                max_length=8,
            ),
        ),
        migrations.RunPython(record_message_ids, migrations.RunPython.noop),
    ]
