"""Agency administration under /can-bo/quan-tri/: officers and roles, units, processes, hours and
days off of the agencies the caller administers (named by their identifier codes)."""

from django.urls import path

from motcua.backoffice.administration import days_off, hours, officers, processes, units, views

AGENCY = "quan-tri/<str:code>/"
OFFICER = AGENCY + "can-bo/<str:username>/"

urlpatterns = [
    path("quan-tri/", views.home, name="administration"),
    path(AGENCY + "can-bo/", officers.officers, name="administration-officers"),
    path(AGENCY + "can-bo-moi/", officers.officer_new, name="administration-officer-new"),
    path(OFFICER, officers.officer, name="administration-officer"),
    path(
        OFFICER + "thu-hoi/<str:role>/<str:unit>/",
        officers.revoke,
        name="administration-revoke",
    ),
    path(OFFICER + "<slug:action>/", officers.account_action, name="administration-account"),
    path(AGENCY + "don-vi/", units.units, name="administration-units"),
    path(AGENCY + "don-vi-moi/", units.unit_new, name="administration-unit-new"),
    path(AGENCY + "don-vi/<str:unit_code>/", units.unit, name="administration-unit"),
    path(AGENCY + "quy-trinh/", processes.processes, name="administration-processes"),
    path(
        AGENCY + "quy-trinh/<int:version_id>/",
        processes.process_version,
        name="administration-process-version",
    ),
    path(AGENCY + "gio-lam-viec/", hours.hours, name="administration-hours"),
    path(
        AGENCY + "gio-lam-viec/<str:unit_code>/", hours.hours_edit, name="administration-hours-edit"
    ),
    path(AGENCY + "ngay-nghi/", days_off.days_off, name="administration-days-off"),
    path(
        AGENCY + "ngay-nghi/<int:override_id>/xoa/",
        days_off.day_off_remove,
        name="administration-day-off-remove",
    ),
]
