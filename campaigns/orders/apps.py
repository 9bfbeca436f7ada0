from django.apps import AppConfig


class OrdersConfig(AppConfig):
    """Printed-copy orders: the form, placing an order, its mail, the campaigns team's admin, erasure."""

    name = "campaigns.orders"
    label = "orders"
    verbose_name = "Printed-copy orders"

    def ready(self):
        from mindsite.privacy import erasure

        from .erasure import erase_due

        erasure.register("Printed-copy orders, mail and page feedback", erase_due)
