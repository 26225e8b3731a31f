from django.urls import path

from motcua.payments.simulator import receipts

app_name = "receipt-simulator"
urlpatterns = [
    path("", receipts.ledger, name="ledger"),
    path("api/bien-lai", receipts.issue, name="issue"),
    path("api/bien-lai/<str:form_code>/<str:serial>/<int:number>.pdf", receipts.pdf, name="pdf"),
    path(
        "api/bien-lai/<str:form_code>/<str:serial>/<int:number>/huy", receipts.cancel, name="cancel"
    ),
]
