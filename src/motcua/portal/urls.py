"""The public portal's pages (Vietnamese paths, as citizens read and share them; `/verify/` is
the one the issued results' QR codes print, short for the code to stay small)."""

from django.urls import path

from motcua.portal import datastore, feedback, fees, mine, verify, views, zalo

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("thu-tuc/", views.procedures, name="procedures"),
    path("thu-tuc/<str:code>/", views.procedure, name="procedure"),
    path("mau-don/<int:pk>/", views.form_template, name="form-template"),
    path("tra-cuu/", views.tracking, name="tracking"),
    path("verify/<str:token>/", verify.verify, name="verify"),
    path("co-chu/", views.text_size, name="text-size"),
    path("ho-so-cua-toi/", mine.my_dossiers, name="my-dossiers"),
    path("thong-bao/", mine.notifications, name="notifications"),
    path("ho-so-cua-toi/<str:key>/", mine.my_dossier, name="my-dossier"),
    path("ho-so-cua-toi/<str:key>/bo-sung/", mine.supply, name="my-dossier-supply"),
    path("ho-so-cua-toi/<str:key>/rut/", mine.withdraw, name="my-dossier-withdraw"),
    path("ho-so-cua-toi/<str:key>/thanh-toan/", fees.pay, name="my-dossier-pay"),
    path(
        "ho-so-cua-toi/<str:key>/bien-lai/<str:lookup_code>/",
        fees.receipt,
        name="my-dossier-receipt",
    ),
    path("ho-so-cua-toi/<str:key>/ket-qua/", mine.result, name="my-dossier-result"),
    path("ho-so-cua-toi/<str:key>/danh-gia/", feedback.rate, name="my-dossier-rating"),
    path("hoi-dap/", feedback.questions, name="questions"),
    path("hoi-dap/<int:pk>/", feedback.question, name="question"),
    path("phan-anh-kien-nghi/", feedback.my_feedback, name="my-feedback"),
    path("phan-anh-kien-nghi/gui/", feedback.send, name="feedback-send"),
    path("phan-anh-kien-nghi/<int:pk>/", feedback.my_feedback_detail, name="feedback-detail"),
    path("tai-khoan/zalo/", zalo.link, name="zalo"),
    path("tai-khoan/zalo/huy/", zalo.unlink, name="zalo-unlink"),
    path("kho-du-lieu/", datastore.index, name="datastore"),
    path("kho-du-lieu/them/", datastore.add, name="datastore-add"),
    path("kho-du-lieu/<uuid:document_id>/tai-ve/", datastore.download, name="datastore-download"),
    path("kho-du-lieu/<uuid:document_id>/xoa/", datastore.delete, name="datastore-delete"),
]
