from django.urls import path

from motcua.payments.simulator import views

app_name = "vnpay-simulator"
urlpatterns = [
    path("", views.ledger, name="ledger"),
    path("paymentv2/vpcpay.html", views.pay, name="pay"),
    path("merchant_webapi/api/transaction", views.api, name="api"),
]
