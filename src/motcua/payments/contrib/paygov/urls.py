from django.urls import path

from motcua.payments.contrib.paygov import views

app_name = "paygov"
urlpatterns = [path("", views.notify, name="notify")]
