"""The loopback RFC 3161 time-stamp authority (demo and tests), over real HTTP."""

import hashlib
import urllib.error
import urllib.request

import pytest
from asn1crypto import algos, tsp

from motcua.signatures import tsa
from tests.signatures.pdfs import demo_pki


@pytest.fixture(scope="module")
def tsa_url():
    server, url = tsa.serve(demo_pki().tsa)
    yield url
    server.shutdown()
    server.server_close()


def post(url: str, body: bytes) -> tuple[int, str, bytes]:
    request = urllib.request.Request(
        url, data=body, headers={"Content-Type": "application/timestamp-query"}
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def test_a_time_stamp_request_gets_a_granted_token_for_its_digest(tsa_url):
    digest = hashlib.sha256(b"chu ky").digest()
    query = tsp.TimeStampReq(
        {
            "version": 1,
            "message_imprint": {
                "hash_algorithm": algos.DigestAlgorithm({"algorithm": "sha256"}),
                "hashed_message": digest,
            },
            "nonce": 12345,
            "cert_req": True,
        }
    )
    status, content_type, body = post(tsa_url, query.dump())
    assert (status, content_type) == (200, "application/timestamp-reply")
    reply = tsp.TimeStampResp.load(body)
    assert reply["status"]["status"].native == "granted"
    info = reply["time_stamp_token"]["content"]["encap_content_info"]["content"].parsed
    assert info["message_imprint"]["hashed_message"].native == digest
    assert info["nonce"].native == 12345


def test_anything_else_is_refused(tsa_url):
    assert post(tsa_url, b"not a request")[0] == 400
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(tsa_url, timeout=5)
    assert refused.value.code == 405
