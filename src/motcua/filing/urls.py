"""The online filing wizard (nộp hồ sơ trực tuyến); included at the site's root."""

from django.urls import path

from motcua.filing import validation, views

app_name = "filing"

urlpatterns = [
    path("nop-ho-so/ban-nhap/", views.drafts, name="drafts"),
    path("nop-ho-so/ban-nhap/<uuid:draft_id>/xoa/", views.delete, name="delete"),
    path("nop-ho-so/ban-nhap/<uuid:draft_id>/<str:step>/", views.step, name="step"),
    path(
        "nop-ho-so/ban-nhap/<uuid:draft_id>/<str:step>/kiem-tra/",
        validation.check_field,
        name="check",
    ),
    path("nop-ho-so/da-nop/<str:reference>/", views.submitted, name="submitted"),
    path("nop-ho-so/<str:code>/", views.start, name="start"),
]
