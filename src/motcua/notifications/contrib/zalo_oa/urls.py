from django.urls import path

from motcua.notifications.contrib.zalo_oa import webhook

app_name = "zalo-oa"

urlpatterns = [path("webhook/", webhook.webhook, name="webhook")]
