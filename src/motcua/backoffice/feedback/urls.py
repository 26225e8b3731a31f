"""The feedback (PAKN), absence-and-delegation and paper hand-over pages of the back office."""

from django.urls import path

from motcua.backoffice.feedback import delegations, feedback, handovers

urlpatterns = [
    path("phan-anh-kien-nghi/", feedback.inbox, name="feedback-inbox"),
    path("phan-anh-kien-nghi/<int:pk>/", feedback.detail, name="feedback"),
    path(
        "phan-anh-kien-nghi/<int:pk>/tep-dinh-kem/",
        feedback.attachment,
        name="feedback-attachment",
    ),
    path("uy-quyen/", delegations.delegations, name="delegations"),
    path("uy-quyen/<int:pk>/ket-thuc/", delegations.end, name="delegation-end"),
    path("ban-giao/", handovers.batches, name="handovers"),
    path("ban-giao/<int:pk>/", handovers.batch, name="handover"),
]
