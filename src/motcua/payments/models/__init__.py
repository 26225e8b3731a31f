"""Payments' records: fee lines, payments and refunds, the collecting agencies' merchant
accounts, e-receipts, and the simulators' own ledgers."""

from motcua.payments.models.ledger import (
    FeeLine,
    MerchantAccount,
    Payment,
    PaymentEvent,
    PaymentMethod,
    PaymentStatus,
    Refund,
    RefundStatus,
)
from motcua.payments.models.receipts import Receipt, ReceiptSeries, ReceiptStatus
from motcua.payments.models.simulator import (
    SimulatedReceipt,
    SimulatedReceiptSeries,
    SimulatedTransaction,
)

__all__ = [
    "FeeLine",
    "MerchantAccount",
    "Payment",
    "PaymentEvent",
    "PaymentMethod",
    "PaymentStatus",
    "Receipt",
    "ReceiptSeries",
    "ReceiptStatus",
    "Refund",
    "RefundStatus",
    "SimulatedReceipt",
    "SimulatedReceiptSeries",
    "SimulatedTransaction",
]
