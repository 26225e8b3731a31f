"""Every way a dossier changes: one function per action, grouped by stage, re-exported here.

Each takes the acting `user`, the `dossier` and the `expected_version` the caller last saw, and
runs in one transaction: access, status and step checks, the change, the history event, the
outbox message and the audit entry (`_core`).
"""

from motcua.dossiers.services.closing import accept_withdrawal, return_result, stop, withdraw
from motcua.dossiers.services.handover import accept_batch
from motcua.dossiers.services.intake import Applicant, ComponentLine, receive, refuse, submit
from motcua.dossiers.services.liaison import answer, consult, transfer, transfer_back
from motcua.dossiers.services.processing import apologize, assign, finish, forward, return_back
from motcua.dossiers.services.results import approve, attach_result
from motcua.dossiers.services.signing import draft_result, issue_result, start_signature
from motcua.dossiers.services.waits import (
    confirm_payment,
    payment_received,
    request_payment,
    request_supplement,
    set_fees_due,
    supply,
)

__all__ = [
    "Applicant",
    "ComponentLine",
    "accept_batch",
    "accept_withdrawal",
    "answer",
    "apologize",
    "approve",
    "assign",
    "attach_result",
    "confirm_payment",
    "consult",
    "draft_result",
    "finish",
    "forward",
    "issue_result",
    "payment_received",
    "receive",
    "refuse",
    "request_payment",
    "request_supplement",
    "return_back",
    "return_result",
    "set_fees_due",
    "start_signature",
    "stop",
    "submit",
    "supply",
    "transfer",
    "transfer_back",
    "withdraw",
]
