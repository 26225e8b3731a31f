"""The signing plug-in simulator: a stand-in for the small service a Vietnamese leader's computer
runs beside the USB token (Ban Cơ yếu), which the browser calls on `http://127.0.0.1:<port>`.

A threaded stdlib HTTP server that reads PKCS#12 "tokens" from a directory (each file one
token; its passphrase is the token's PIN) and answers:
- `GET /certificates` → `{"certificates": [{"id", "name", "subject", "certificate", "chain"}]}`
  (DER in base64);
- `POST /sign` with `{"certificate_id", "data", "pin"}` (data in base64) → `{"signature"}`: the
  RSA PKCS#1 v1.5 signature of the data hashed with SHA-256; a wrong PIN is refused (403).
Cross-origin calls are allowed only from the origins it is given (the installation's public
URL). Started by `motcua signing_plugin --port 18123`, or in a thread by `start()`.
"""

import base64
import binascii
import json
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from motcua.signatures import pki

MAX_BODY = 1024 * 1024


class Tokens:
    """The tokens in a directory, read when asked (a token plugged in later counts): each is
    `<id>.p12` (the key, its passphrase the PIN) with `<id>.pem` beside it (the certificate
    then its chain: a token shows its certificates without the PIN). `write_token` makes one."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    def ids(self) -> list[str]:
        if not self.directory.is_dir():
            return []
        return sorted(
            path.stem for path in self.directory.glob("*.p12") if path.with_suffix(".pem").exists()
        )

    def listing(self) -> list[dict]:
        listed = []
        for token_id in self.ids():
            pem = (self.directory / f"{token_id}.pem").read_bytes()
            certificates = x509.load_pem_x509_certificates(pem)
            listed.append(
                {
                    "id": token_id,
                    "subject": certificates[0].subject.rfc4514_string(),
                    "name": _name(certificates[0]),
                    "certificate": _b64(certificates[0].public_bytes(serialization.Encoding.DER)),
                    "chain": [
                        _b64(c.public_bytes(serialization.Encoding.DER)) for c in certificates[1:]
                    ],
                }
            )
        return listed

    def sign(self, *, certificate_id: str, data: bytes, pin: str) -> bytes:
        """`LookupError` for an unknown token, `PermissionError` for a wrong PIN."""
        if certificate_id not in self.ids():
            raise LookupError(certificate_id)
        try:
            key, _certificate, _chain = pkcs12.load_key_and_certificates(
                (self.directory / f"{certificate_id}.p12").read_bytes(), pin.encode()
            )
        except ValueError as exc:
            raise PermissionError("wrong PIN") from exc
        return key.sign(data, padding.PKCS1v15(), hashes.SHA256())


def write_token(*, directory: Path, token_id: str, issued: pki.Issued, pin: str) -> None:
    """Put a token in the directory: the PKCS#12 file protected by `pin`, and its certificates."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{token_id}.p12").write_bytes(
        issued.pkcs12(passphrase=pin.encode(), friendly_name=token_id)
    )
    pem = b"".join(
        c.public_bytes(serialization.Encoding.PEM) for c in (issued.certificate, *issued.chain)
    )
    (directory / f"{token_id}.pem").write_bytes(pem)


class Handler(BaseHTTPRequestHandler):
    server: "PluginServer"
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        if self.server.verbose:
            super().log_message(format, *args)

    def _cors(self) -> None:
        origin = self.headers.get("Origin")
        if origin and origin in self.server.allowed_origins:
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Vary", "Origin")

    def _json(self, status: int, body: dict) -> None:
        data = json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        self._cors()
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def _refuse_origin(self) -> bool:
        origin = self.headers.get("Origin")
        if origin and origin not in self.server.allowed_origins:
            self._json(
                HTTPStatus.FORBIDDEN, {"error": "origin", "message": "Nguồn gọi không được phép."}
            )
            return True
        return False

    def do_OPTIONS(self):
        if self._refuse_origin():
            return
        self.send_response(HTTPStatus.NO_CONTENT)
        self._cors()
        self.send_header("Access-Control-Allow-Methods", "GET, POST")
        self.send_header("Access-Control-Allow-Headers", "Content-Type")
        # Chromium's private-network access checks ask before a page calls the loopback address.
        self.send_header("Access-Control-Allow-Private-Network", "true")
        self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        if self._refuse_origin():
            return
        if self.path.split("?")[0] != "/certificates":
            self._json(HTTPStatus.NOT_FOUND, {"error": "not_found"})
            return
        self._json(HTTPStatus.OK, {"certificates": self.server.tokens.listing()})

    def do_POST(self):
        if self._refuse_origin():
            return
        if self.path.split("?")[0] != "/sign":
            self._json(HTTPStatus.NOT_FOUND, {"error": "not_found"})
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._json(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"error": "too_large"})
            return
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
            data = base64.b64decode(body["data"], validate=True)
            token_id, pin = str(body["certificate_id"]), str(body.get("pin", ""))
        except (ValueError, KeyError, TypeError, binascii.Error):
            self._json(HTTPStatus.BAD_REQUEST, {"error": "bad_request"})
            return
        try:
            signature = self.server.tokens.sign(certificate_id=token_id, data=data, pin=pin)
        except LookupError:
            self._json(
                HTTPStatus.NOT_FOUND,
                {
                    "error": "unknown_certificate",
                    "message": "Không thấy chứng thư số này trên thiết bị.",
                },
            )
            return
        except PermissionError:
            self._json(
                HTTPStatus.FORBIDDEN, {"error": "wrong_pin", "message": "Mã PIN không đúng."}
            )
            return
        self._json(HTTPStatus.OK, {"signature": _b64(signature)})


class PluginServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, *, tokens: Tokens, allowed_origins, verbose: bool = False):
        super().__init__(address, Handler)
        self.tokens = tokens
        self.allowed_origins = set(allowed_origins)
        self.verbose = verbose

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


def start(
    *, tokens_dir: Path, allowed_origins, host: str = "127.0.0.1", port: int = 0
) -> PluginServer:
    """The simulator serving in a daemon thread (port 0: any free port; see `.url`); stop it
    with `.shutdown()` then `.server_close()`."""
    server = PluginServer((host, port), tokens=Tokens(tokens_dir), allowed_origins=allowed_origins)
    threading.Thread(target=server.serve_forever, name="signing-plugin", daemon=True).start()
    return server


def _name(certificate: x509.Certificate) -> str:
    """ "Trần Thị Bình — UBND xã Tân Phú": the holder and organisation, as a token list shows."""
    parts = [
        attribute.value
        for oid in (NameOID.COMMON_NAME, NameOID.ORGANIZATION_NAME)
        for attribute in certificate.subject.get_attributes_for_oid(oid)
    ]
    return " — ".join(str(part) for part in parts)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()
