"""Signing keys the server holds: a PKCS#12 file or a key on a PKCS#11 token (an HSM).

Each gives its certificate, its chain and raw signatures (SHA-256 + RSA PKCS#1 v1.5 over the
bytes it is given — for PAdES, the DER of the CMS signed attributes, see `pades.Pending`).
"""

from contextlib import contextmanager
from typing import Protocol

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from django.utils.translation import gettext as _

from motcua.core.errors import Conflict
from motcua.signatures import pki


class ServerKey(Protocol):
    def certificate_der(self) -> bytes: ...

    def chain_der(self) -> list[bytes]: ...

    def sign(self, data: bytes) -> bytes:
        """The RSA PKCS#1 v1.5 signature of `data` hashed with SHA-256."""
        ...


class Pkcs12Key:
    """A key and its certificates from a PKCS#12 file (`ValueError` for a wrong passphrase)."""

    def __init__(self, *, data: bytes, passphrase: bytes) -> None:
        self._issued = pki.load_pkcs12(data, passphrase=passphrase)

    def certificate_der(self) -> bytes:
        return self._issued.certificate_der()

    def chain_der(self) -> list[bytes]:
        return self._issued.chain_der()

    def sign(self, data: bytes) -> bytes:
        return self._issued.key.sign(data, padding.PKCS1v15(), hashes.SHA256())


class Pkcs11Key:
    """A private key on a PKCS#11 token, found by label, with the certificate of the same label.

    The chain is every other certificate stored on the token. The token is opened for each
    operation (sessions are not kept across requests); the PKCS#11 library is loaded once per
    process by python-pkcs11. A missing library, token, key or certificate, or a wrong PIN,
    raises Conflict "key_unavailable" (the token's own error is chained as its cause).
    """

    def __init__(self, *, library: str, token_label: str, pin: str, key_label: str) -> None:
        self.library, self.token_label, self.pin, self.key_label = (
            library,
            token_label,
            pin,
            key_label,
        )
        self._certificates: tuple[bytes, list[bytes]] | None = None

    @contextmanager
    def _session(self):
        import pkcs11

        try:
            token = pkcs11.lib(self.library).get_token(token_label=self.token_label)
            with token.open(user_pin=self.pin) as session:
                yield session
        except (pkcs11.PKCS11Error, RuntimeError, OSError) as exc:
            raise self._unavailable() from exc

    def _unavailable(self) -> Conflict:
        return Conflict(
            _("Không dùng được khóa %(key)s trên thiết bị ký %(token)s.")
            % {"key": self.key_label, "token": self.token_label},
            code="key_unavailable",
        )

    def _load_certificates(self) -> tuple[bytes, list[bytes]]:
        if self._certificates is None:
            from pkcs11 import Attribute, ObjectClass

            own, others = None, []
            with self._session() as session:
                for obj in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}):
                    value = bytes(obj[Attribute.VALUE])
                    if obj[Attribute.LABEL] == self.key_label and own is None:
                        own = value
                    else:
                        others.append(value)
            if own is None:
                raise self._unavailable()
            self._certificates = (own, others)
        return self._certificates

    def certificate_der(self) -> bytes:
        return self._load_certificates()[0]

    def chain_der(self) -> list[bytes]:
        return self._load_certificates()[1]

    def sign(self, data: bytes) -> bytes:
        from pkcs11 import KeyType, Mechanism, ObjectClass

        with self._session() as session:
            key = session.get_key(
                object_class=ObjectClass.PRIVATE_KEY, key_type=KeyType.RSA, label=self.key_label
            )
            return bytes(key.sign(data, mechanism=Mechanism.SHA256_RSA_PKCS))
