"""The gateway simulators' URLs, included under /_sim/thong-bao/ when they are on."""

from django.urls import path

from motcua.notifications.simulators import views

app_name = "notification-simulators"

urlpatterns = [
    path("", views.received, name="received"),
    path("loi-gia-lap/", views.add_fault, name="add-fault"),
    path("loi-gia-lap/xoa/", views.clear_faults, name="clear-faults"),
    path("zalo/nguoi-dung/", views.zalo_user, name="zalo-user"),
    path("sms/gui", views.sms_send, name="sms"),
    path("zalo/v3.0/oa/message/cs", views.zalo_send, name="zalo"),
]
