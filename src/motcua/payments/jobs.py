"""The periodic job that reconciles online payments nobody heard back about (a lost IPN, a
citizen who closed the gateway's page): every five minutes the gateway is asked about each."""

from motcua.events.schedule import every
from motcua.payments import settlement


def register_jobs() -> None:
    every(300, "payments.reconcile")(settlement.reconcile)
