"""The payment gateway simulator's ledger (demo and tests only): what the stand-in for VNPay
knows of each transaction, kept apart from the system's own records as a real gateway's are."""

from django.db import models


class SimulatedTransaction(models.Model):
    merchant_code = models.CharField(max_length=32)
    txn_ref = models.CharField(max_length=100)
    amount = models.PositiveBigIntegerField()  # VND × 100, as the protocol carries it
    order_info = models.CharField(max_length=255)
    return_url = models.URLField(max_length=500)
    transaction_no = models.CharField(max_length=20, unique=True)
    bank_code = models.CharField(max_length=20, default="NCB")
    response_code = models.CharField(max_length=2)
    status = models.CharField(max_length=2)  # vnp_TransactionStatus
    created = models.CharField(max_length=14)  # vnp_CreateDate, yyyyMMddHHmmss GMT+7
    paid = models.CharField(max_length=14, blank=True)  # vnp_PayDate
    refunded = models.PositiveBigIntegerField(default=0)  # × 100
    ipn_answers = models.JSONField(default=list)  # each IPN call's RspCode, or the error

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["merchant_code", "txn_ref"], name="payments_sim_txn_unique"
            )
        ]
        ordering = ("-pk",)

    def __str__(self) -> str:
        return self.txn_ref


class SimulatedReceiptSeries(models.Model):
    """A form and serial registered with the tax authority, as the receipt provider knows it;
    numbers run on from `last_number`, without gaps."""

    form_code = models.CharField(max_length=20)
    serial = models.CharField(max_length=20)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["form_code", "serial"], name="payments_sim_series")
        ]

    def __str__(self) -> str:
        return f"{self.form_code} {self.serial}"


class SimulatedReceipt(models.Model):
    series = models.ForeignKey(SimulatedReceiptSeries, on_delete=models.PROTECT)
    number = models.PositiveIntegerField()
    reference = models.CharField(max_length=100)  # the caller's idempotency key
    lookup_code = models.CharField(max_length=32, unique=True)
    content = models.JSONField()
    status = models.CharField(max_length=10, default="issued")
    replaces = models.PositiveIntegerField(null=True)
    issued_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["series", "number"], name="payments_sim_receipt"),
            models.UniqueConstraint(fields=["reference"], name="payments_sim_receipt_reference"),
        ]
        ordering = ("-pk",)

    def __str__(self) -> str:
        return f"{self.series} {self.number:07d}"
