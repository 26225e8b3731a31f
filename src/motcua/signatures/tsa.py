"""A tiny RFC 3161 time-stamp authority for the demo and tests (not for production).

`TimestampApp` is a WSGI application answering time-stamp requests (POST of a DER
TimeStampReq, `application/timestamp-query`) with tokens signed by pyHanko's
`DummyTimeStamper` under a certificate made by `pki.make_tsa`. `serve` runs it on loopback in
a daemon thread; `pades.complete(..., timestamp_url=...)` then reaches it over real HTTP.
"""

import threading
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from asn1crypto import keys, tsp
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.sign.timestamps import DummyTimeStamper
from pyhanko_certvalidator.registry import SimpleCertificateStore

from motcua.signatures.pki import Issued

MAX_REQUEST = 64 * 1024


class TimestampApp:
    def __init__(self, tsa: Issued) -> None:
        key_der = tsa.key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        self.stamper = DummyTimeStamper(
            tsa_cert=asn1_x509.Certificate.load(tsa.certificate_der()),
            tsa_key=keys.PrivateKeyInfo.load(key_der),
            certs_to_embed=SimpleCertificateStore.from_certs(
                [asn1_x509.Certificate.load(der) for der in tsa.chain_der()]
            ),
        )

    def __call__(self, environ, start_response):
        if environ["REQUEST_METHOD"] != "POST":
            start_response("405 Method Not Allowed", [("Content-Type", "text/plain")])
            return [b"POST a TimeStampReq"]
        length = int(environ.get("CONTENT_LENGTH") or 0)
        if not 0 < length <= MAX_REQUEST:
            start_response("400 Bad Request", [("Content-Type", "text/plain")])
            return [b"bad length"]
        try:
            request = tsp.TimeStampReq.load(environ["wsgi.input"].read(length))
            _ = request.native  # parse fully now, so garbage is a 400, not a 500
        except ValueError:
            start_response("400 Bad Request", [("Content-Type", "text/plain")])
            return [b"not a TimeStampReq"]
        response = self.stamper.request_tsa_response(request)
        body = response.dump()
        start_response(
            "200 OK",
            [("Content-Type", "application/timestamp-reply"), ("Content-Length", str(len(body)))],
        )
        return [body]


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


def serve(tsa: Issued, *, host: str = "127.0.0.1", port: int = 0) -> tuple[WSGIServer, str]:
    """Start the authority in a daemon thread; returns the server (call `.shutdown()`) and its
    URL."""
    server = make_server(host, port, TimestampApp(tsa), handler_class=_QuietHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://{host}:{server.server_port}/"
