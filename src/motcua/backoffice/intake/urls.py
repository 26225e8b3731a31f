from django.urls import path

from motcua.backoffice.intake import returns, views

urlpatterns = [
    path("tiep-nhan/", views.counter_intake, name="counter-intake"),
    path("tiep-nhan/<str:key>/bien-nhan/", views.receipt, name="intake-receipt"),
    path("ho-so/<str:key>/tra-ket-qua/", returns.return_result, name="return-result"),
]
