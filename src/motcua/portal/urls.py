"""The public portal's pages (Vietnamese paths, as citizens read and share them)."""

from django.urls import path

from motcua.portal import mine, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("thu-tuc/", views.procedures, name="procedures"),
    path("thu-tuc/<str:code>/", views.procedure, name="procedure"),
    path("tra-cuu/", views.tracking, name="tracking"),
    path("co-chu/", views.text_size, name="text-size"),
    path("ho-so-cua-toi/", mine.my_dossiers, name="my-dossiers"),
    path("thong-bao/", mine.notifications, name="notifications"),
    path("ho-so-cua-toi/<str:key>/", mine.my_dossier, name="my-dossier"),
    path("ho-so-cua-toi/<str:key>/bo-sung/", mine.supply, name="my-dossier-supply"),
    path("ho-so-cua-toi/<str:key>/rut/", mine.withdraw, name="my-dossier-withdraw"),
    path("ho-so-cua-toi/<str:key>/ket-qua/", mine.result, name="my-dossier-result"),
]
