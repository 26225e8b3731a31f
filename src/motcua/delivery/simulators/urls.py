"""The postal simulator's URLs, included under /_sim/buu-dien/ when it is on."""

from django.urls import path

from motcua.delivery.simulators import views

app_name = "postal-simulator"

urlpatterns = [
    path("", views.parcels, name="parcels"),
    path("<str:tracking_number>/", views.move, name="move"),
    path("api/shipments", views.create, name="create"),
    path("api/shipments/<str:tracking_number>", views.query, name="query"),
]
