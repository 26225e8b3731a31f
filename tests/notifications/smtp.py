"""A mail server on loopback for the e-mail plugin's tests: it speaks enough SMTP for Django's
SMTP backend (EHLO, AUTH PLAIN/LOGIN, MAIL, RCPT, DATA, RSET, NOOP, QUIT) and keeps what it takes
in the simulators' log (`simulators.store`: once per Message-ID), following the faults set for a
recipient as a mail server would: 451 for a server in trouble, silence for one that does not
answer in time, 550 for a refused recipient, a slow answer after taking the letter."""

import base64
import socketserver
import threading
import time
from email import message_from_bytes, policy

from django.db import connections

from motcua.notifications.kinds import Channel
from motcua.notifications.simulators import store
from motcua.notifications.simulators.models import FaultKind

USER, PASSWORD = "thong-bao", "mat-khau-thu"


class _Session(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self) -> None:
        self.recipients: list[tuple] = []
        self.authenticated = False
        self.reply("220 mo-phong ESMTP")
        try:
            while line := self.rfile.readline():
                if not self.command(line.decode().rstrip("\r\n")):
                    return
        finally:
            connections.close_all()

    def command(self, line: str) -> bool:
        verb, _, argument = line.partition(" ")
        verb = verb.upper()
        if verb in ("EHLO", "HELO"):
            self.reply("250-mo-phong")
            self.reply("250 AUTH PLAIN LOGIN")
        elif verb == "AUTH":
            self.authenticate(argument)
        elif verb == "MAIL":
            self.recipients = []
            self.reply("250 OK" if self.authenticated else "530 5.7.0 Authentication required")
        elif verb == "RCPT":
            address = argument.partition(":")[2].strip().strip("<>")
            fault = store.take_fault(Channel.EMAIL, address)
            if fault is not None and fault.kind == FaultKind.REJECT:
                self.reply("550 5.1.1 simulated refusal")
            else:
                self.recipients.append((address, fault))
                self.reply("250 OK")
        elif verb == "DATA":
            return self.data()
        elif verb in ("RSET", "NOOP"):
            self.reply("250 OK")
        elif verb == "QUIT":
            self.reply("221 bye")
            return False
        else:
            self.reply("502 5.5.2 not implemented")
        return True

    def authenticate(self, argument: str) -> None:
        mechanism, _, initial = argument.partition(" ")
        if mechanism.upper() == "PLAIN":
            _zid, user, password = base64.b64decode(initial).decode().split("\0")
        else:
            self.reply("334 VXNlcm5hbWU6")
            user = base64.b64decode(self.rfile.readline().strip()).decode()
            self.reply("334 UGFzc3dvcmQ6")
            password = base64.b64decode(self.rfile.readline().strip()).decode()
        self.authenticated = (user, password) == (USER, PASSWORD)
        self.reply("235 OK" if self.authenticated else "535 5.7.8 bad credentials")

    def data(self) -> bool:
        self.reply("354 go ahead")
        lines = []
        while (line := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
            lines.append(line[1:] if line.startswith(b"..") else line)
        letter = message_from_bytes(b"".join(lines), policy=policy.default)
        faults = [fault for _address, fault in self.recipients if fault is not None]
        kinds = {fault.kind for fault in faults}
        if FaultKind.TIMEOUT in kinds:
            time.sleep(max(fault.seconds for fault in faults))
            return False
        if FaultKind.ERROR in kinds:
            self.reply("451 4.3.0 simulated temporary failure")
            return True
        for address, _fault in self.recipients:
            store.receive(
                channel=Channel.EMAIL,
                recipient=address,
                subject=str(letter["Subject"] or ""),
                body=letter.get_body(preferencelist=("plain",)).get_content().strip(),
                idempotency_key=str(letter["Message-ID"] or ""),
            )
        if FaultKind.SLOW in kinds:
            time.sleep(max(fault.seconds for fault in faults))
        self.reply("250 OK queued")
        return True


class MailServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Session)
        self.port = self.server_address[1]
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    def start(self) -> "MailServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
