"""The generic HTTP postal plugin's endpoint, included under /buu-chinh/http-generic/."""

from django.urls import path

from motcua.delivery.contrib.http_generic import views

app_name = "postal-http-generic"

urlpatterns = [path("thong-bao/", views.callback, name="callback")]
