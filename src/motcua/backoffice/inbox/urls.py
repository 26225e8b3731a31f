from django.urls import path

from motcua.backoffice.inbox import views

urlpatterns = [
    path("", views.home, name="home"),
]
