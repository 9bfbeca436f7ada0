from django.conf import settings
from django.core.management.base import BaseCommand

from campaigns.orders.erasure import erase_old_personal_data


class Command(BaseCommand):
    help = (
        "Erase personal data that is due to go (campaigns/orders/erasure.py). Run once a day. "
        "Orders dispatched or cancelled more than ORDER_RETENTION_DAYS ago are erased, keeping the reference, "
        "guides, quantities, dates and postcode district; held orders not released within HELD_ORDER_DAYS, and "
        "new orders not dispatched within NEW_ORDER_ERASE_DAYS, are cancelled without any email and erased; "
        "queued mail and mail logs older than ORDER_RETENTION_DAYS are deleted; and 'Is this page useful?' "
        "comments older than FEEDBACK_COMMENT_DAYS are blanked."
    )

    def handle(self, *args, **options):
        done = erase_old_personal_data()
        self.stdout.write(
            f"Cancelled and erased {done.held_cancelled} held order(s) not released within "
            f"{settings.HELD_ORDER_DAYS} days and {done.new_cancelled} new order(s) not dispatched within "
            f"{settings.NEW_ORDER_ERASE_DAYS} days. Erased personal data from {done.orders} order(s) settled "
            f"more than {settings.ORDER_RETENTION_DAYS} days ago; deleted {done.messages} queued mail row(s) and "
            f"{done.logs} mail log row(s). Blanked {done.comments} page feedback comment(s) older than "
            f"{settings.FEEDBACK_COMMENT_DAYS} days."
        )
