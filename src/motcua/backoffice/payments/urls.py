from django.urls import path

from motcua.backoffice.payments import views

urlpatterns = [
    path("ho-so/<str:key>/phi/tinh-lai/", views.assess, name="fees-assess"),
    path("ho-so/<str:key>/phi/tien-mat/", views.cash, name="fees-cash"),
    path("thanh-toan/<str:reference>/hoan-tien/", views.refund, name="payment-refund"),
    path("doi-soat-thu-phi/", views.reconciliation, name="reconciliation"),
    path("bien-lai/<str:lookup_code>/", views.receipt_file, name="receipt-file"),
    path("bien-lai/<str:lookup_code>/<str:how>/", views.receipt_end, name="receipt-end"),
]
