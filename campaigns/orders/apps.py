from django.apps import AppConfig


class OrdersConfig(AppConfig):
    """Printed-copy orders: the form, placing an order, its mail, the campaigns team's admin, erasure."""

    name = "campaigns.orders"
    label = "orders"
    verbose_name = "Printed-copy orders"
