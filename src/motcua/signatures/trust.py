"""The trust store: root certificates that signature validation trusts.

A directory (`settings.MOTCUA_TRUST_STORE`) of `.pem`/`.crt` (PEM) and `.cer`/`.der` (DER or PEM)
files, so an operator installs a root by copying its file. Read once per process and per
directory; `reset()` forgets what was read (tests, or after `add_root`).
"""

import re
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.conf import settings

SUFFIXES = {".pem", ".crt", ".cer", ".der"}
_cache: dict[str, list[bytes]] = {}


def store_dir() -> Path:
    return Path(settings.MOTCUA_TRUST_STORE)


def _read(path: Path) -> list[bytes]:
    data = path.read_bytes()
    if b"-----BEGIN CERTIFICATE-----" in data:
        certificates = x509.load_pem_x509_certificates(data)
    else:
        certificates = [x509.load_der_x509_certificate(data)]
    return [cert.public_bytes(serialization.Encoding.DER) for cert in certificates]


def roots() -> list[bytes]:
    """Every trusted root (DER), in file-name order; a file that is not a certificate is
    skipped (it never makes anything trusted)."""
    directory = store_dir()
    key = str(directory.resolve())
    if key not in _cache:
        found: list[bytes] = []
        if directory.is_dir():
            for path in sorted(directory.iterdir()):
                if path.suffix.lower() not in SUFFIXES or not path.is_file():
                    continue
                try:
                    found.extend(der for der in _read(path) if der not in found)
                except ValueError:
                    continue
        _cache[key] = found
    return list(_cache[key])


def reset() -> None:
    _cache.clear()


def add_root(*, certificate: bytes, name: str) -> Path:
    """Write the root `certificate` (DER) as `<name>.pem` in the trust store; returns the path."""
    cert = x509.load_der_x509_certificate(certificate)
    directory = store_dir()
    directory.mkdir(parents=True, exist_ok=True)
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-.") or "root"
    path = directory / f"{slug}.pem"
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    reset()
    return path
