"""The e-mail simulator: a Django mail backend that puts letters in the simulators' log instead
of sending them (shown at /_sim/thong-bao/), drops a letter whose Message-ID it already has, and
answers as an SMTP server would to the faults set for a recipient."""

import smtplib
import time

from django.core.mail.backends.base import BaseEmailBackend

from motcua.notifications.kinds import Channel
from motcua.notifications.simulators import store
from motcua.notifications.simulators.models import FaultKind


class SimulatorBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        sent = 0
        for letter in email_messages:
            for recipient in letter.recipients():
                self._deliver(letter, recipient)
            sent += 1
        return sent

    def _deliver(self, letter, recipient: str) -> None:
        fault = store.take_fault(Channel.EMAIL, recipient)
        if fault is not None and fault.kind == FaultKind.TIMEOUT:
            time.sleep(fault.seconds)
            raise TimeoutError("the simulated mail server did not answer in time")
        if fault is not None and fault.kind == FaultKind.ERROR:
            raise smtplib.SMTPDataError(451, b"4.3.0 simulated temporary failure")
        if fault is not None and fault.kind == FaultKind.REJECT:
            raise smtplib.SMTPRecipientsRefused({recipient: (550, b"5.1.1 simulated refusal")})
        store.receive(
            channel=Channel.EMAIL,
            recipient=recipient,
            subject=letter.subject,
            body=letter.body,
            idempotency_key=letter.extra_headers.get("Message-ID", ""),
        )
        if fault is not None and fault.kind == FaultKind.SLOW:
            time.sleep(fault.seconds)
