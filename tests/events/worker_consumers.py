"""The consumer the worker and server tests deliver to, registered like a real app's.

`tests.receipt` writes a receipt keyed by the message id in its own transaction, so running it
twice for a message leaves one receipt. While the file named by `MOTCUA_TEST_HOLD` exists it
first announces itself (the file `<hold>.started`) and waits: the test kills the worker then.
"""

import os
import time
from pathlib import Path

from django.db import transaction

from motcua.events import registry
from motcua.events.services import first_receipt

TOPIC = "test.worker"
CONSUMER = "tests.receipt"


def record_receipt(message: registry.Message) -> None:
    hold = os.environ.get("MOTCUA_TEST_HOLD")
    if hold and Path(hold).exists():
        Path(f"{hold}.started").touch()
        while Path(hold).exists():
            time.sleep(0.05)
    with transaction.atomic():
        first_receipt(consumer=CONSUMER, message=message)
