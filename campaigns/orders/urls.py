from django.urls import path

from campaigns.orders import views

app_name = "orders"

urlpatterns = [
    path("order-printed-guides/", views.order_form, name="order"),
    path("order-printed-guides/confirmation/", views.order_confirmation, name="order_confirmation"),
]
