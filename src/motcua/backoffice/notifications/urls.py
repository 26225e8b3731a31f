"""The notifications sent, under /can-bo/thong-bao/ (leaders and agency administrators)."""

from django.urls import path

from motcua.backoffice.notifications import views

urlpatterns = [
    path("thong-bao/", views.sent, name="notifications"),
    path("thong-bao/<int:pk>/gui-lai/", views.retry, name="notification-retry"),
]
