from django.urls import path

from motcua.payments.contrib.vnpay import views

app_name = "vnpay"
urlpatterns = [
    path("ipn/", views.ipn, name="ipn"),
    path("ket-qua/", views.return_, name="return"),
]
