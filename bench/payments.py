"""Benchmark of payments: what VNPay's notification (IPN) costs the server, and how the
reconciliation report grows with the payments it lists.

Run with `make bench` (SQLite) or `DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua make
bench` (PostgreSQL: a throwaway `test_…` database beside it). It seeds the demo province, then
prepares, untimed, one dossier per repetition as in the demo's "awaiting payment" story (Hùng's
online filing at Tân Phú, received, forwarded, a copy fee of 16.000 đồng asked for, a payment
started at the gateway), and times with the median of the repetitions, as ratios to the
baseline `/healthz` through the same test client:

- the first IPN of a paid transaction (signature checked, payment and dossier rows locked,
  the payment settled, the dossier moved on through `confirm_payment` with its history, outbox
  message and audit entry), answered `00`;
- the same IPN again, answered `02` and counted once;
- a forged IPN, answered `97` without a write;
- the reconciliation report of Tân Phú for today with the demo's payments and the benchmark's,
  then with `GROWTH` times as many: a report lists every payment, so its time may grow with
  them, but its query count must not.
"""

import logging
import os
import statistics
import sys
import time
from collections.abc import Callable
from urllib.parse import urlencode

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.config.settings")
os.environ.setdefault("DEBUG", "true")

import django

django.setup()

from backoffice_pages import signed_in  # noqa: E402
from demo_run import on_demo  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from motcua.accounts.models import User  # noqa: E402
from motcua.agencies.selectors import agency_by_code  # noqa: E402
from motcua.catalog.selectors import procedure_by_code  # noqa: E402
from motcua.core import clock  # noqa: E402
from motcua.demo.casting import AN_HOA, BIRTH, TAN_PHU, Cast, act, online  # noqa: E402
from motcua.payments import services  # noqa: E402
from motcua.payments.contrib.vnpay import protocol as vnp  # noqa: E402
from motcua.payments.merchants import secret_of  # noqa: E402
from motcua.payments.models import Payment, PaymentStatus  # noqa: E402

REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))
# The forged notifications are logged as warnings; the figures are what this prints.
logging.getLogger("motcua.payments.contrib.vnpay.views").setLevel(logging.ERROR)
GROWTH = 10
HUNG = "099085004321"


def timed(run: Callable[[], object]) -> tuple[float, int]:
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as captured:
        start = time.perf_counter()
        run()
        seconds = time.perf_counter() - start
    return seconds, len(captured)


def median(samples: list[tuple[float, int]]) -> tuple[float, int]:
    return statistics.median(s for s, _ in samples), samples[-1][1]


def _cast() -> Cast:
    names = ["motcua.tanphu", "cv.tanphu", HUNG]
    return Cast(
        birth=procedure_by_code(BIRTH),
        an_hoa=agency_by_code(AN_HOA),
        tan_phu=agency_by_code(TAN_PHU),
        users={user.username: user for user in User.objects.filter(username__in=names)},
    )


def pending(cast: Cast) -> Payment:
    """Hùng's dossier waiting for a 16.000 đồng copy fee, its payment started at the gateway."""
    now = clock.now()
    dossier = online(cast, now, HUNG)
    act(dossier, now, "receive", cast["motcua.tanphu"])
    act(dossier, now, "forward", cast["motcua.tanphu"], note="Chuyển xử lý.")
    act(dossier, now, "request_payment", cast["cv.tanphu"], amount=16_000, reason="Bản sao.")
    services.start_online(
        user=cast[HUNG], dossier=dossier, return_url="http://testserver/", client_ip="127.0.0.1"
    )
    return Payment.objects.get(dossier=dossier, status=PaymentStatus.PENDING)


def notification(payment: Payment) -> dict:
    params = {
        "vnp_Amount": str(payment.amount * 100),
        "vnp_BankCode": "NCB",
        "vnp_OrderInfo": f"Nop phi le phi ho so {payment.dossier.key}",
        "vnp_PayDate": clock.now().strftime("%Y%m%d%H%M%S"),
        "vnp_ResponseCode": "00",
        "vnp_TmnCode": payment.merchant.merchant_code,
        "vnp_TransactionNo": str(14_000_000 + payment.pk),
        "vnp_TransactionStatus": "00",
        "vnp_TxnRef": payment.reference,
    }
    return {**params, vnp.HASH: vnp.sign(params, secret_of(payment.merchant))}


def ipn(client: Client, params: dict, expected: str) -> None:
    answer = client.get("/thanh-toan/vnpay/ipn/", params).json()
    if answer["RspCode"] != expected:
        sys.exit(f"IPN answered {answer}, expected {expected}")


def measure() -> list[tuple[str, float, int]]:
    cast = _cast()
    gateway, officer = Client(), signed_in("motcua.tanphu")
    rows = [
        (
            "baseline: /healthz",
            *median([timed(lambda: gateway.get("/healthz")) for _ in range(REPEAT)]),
        )
    ]
    first, again, forged = [], [], []
    for _ in range(REPEAT):
        params = notification(pending(cast))
        first.append(timed(lambda p=params: ipn(gateway, p, "00")))
        again.append(timed(lambda p=params: ipn(gateway, p, "02")))
        bad = {**params, "vnp_Amount": "100"}
        forged.append(timed(lambda p=bad: ipn(gateway, p, "97")))
    rows += [
        ("IPN, first: payment settled, dossier moved on (00)", *median(first)),
        ("IPN, the same again: counted once (02)", *median(again)),
        ("IPN, forged: refused, nothing written (97)", *median(forged)),
    ]
    today = clock.today().isoformat()
    query = urlencode({"don_vi": cast.tan_phu.pk, "tu_ngay": today, "den_ngay": today})
    path = f"/can-bo/doi-soat-thu-phi/?{query}"

    def report() -> None:
        if officer.get(path).status_code != 200:
            sys.exit(f"{path} did not answer 200")

    paid = Payment.objects.filter(agency=cast.tan_phu, status=PaymentStatus.PAID).count()
    rows.append(
        (f"reconciliation report, {paid} payments", *median([timed(report) for _ in range(REPEAT)]))
    )
    for _ in range(paid * (GROWTH - 1)):
        ipn(gateway, notification(pending(cast)), "00")
    rows.append(
        (
            f"reconciliation report, {paid * GROWTH} payments",
            *median([timed(report) for _ in range(REPEAT)]),
        )
    )
    return rows


def main() -> None:
    rows, test_name = on_demo(measure)
    print(f"motcua payments benchmark — {connection.vendor}, {REPEAT} repetitions, medians")
    print(f"(database {test_name}, dropped afterwards)")
    baseline = rows[0][1]
    print(f"{'measure':56} {'ms':>8} {'× base':>8} {'queries':>8}")
    for name, seconds, queries in rows:
        print(f"{name:56} {seconds * 1000:8.2f} {seconds / baseline:8.1f} {queries:8d}")
    small, large = rows[-2], rows[-1]
    print(
        f"reconciliation, {GROWTH}× the payments ÷ the first: {large[1] / small[1]:.2f} "
        f"(queries {small[2]} → {large[2]})"
    )


if __name__ == "__main__":
    main()
