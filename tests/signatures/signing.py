"""Helpers for the signing-session tests: an officer, credentials of each kind built on the demo
PKI of `tests.signatures.pdfs`, and the stores (key store, trust store, plug-in tokens) in a
temporary directory."""

import base64

from motcua.accounts.models import Role
from motcua.signatures import trust
from motcua.signatures.models import Credential, CredentialKind
from motcua.signatures.simulators import plugin_service
from tests.factories import OfficerFactory, grant, province_tree
from tests.signatures.pdfs import PASSPHRASE, demo_pki

PIN = "246810"
NEXT = "/can-bo/"


def use_stores(settings, tmp_path):
    """(A fixture body.) The key store, trust store (with the test root) and plug-in tokens
    under tmp_path."""
    settings.MOTCUA_KEY_STORE = tmp_path / "keys"
    settings.MOTCUA_TRUST_STORE = tmp_path / "trust"
    settings.MOTCUA_SIGNING_PLUGIN_TOKENS = tmp_path / "tokens"
    settings.MOTCUA_TIMESTAMP_URL = None
    trust.add_root(certificate=demo_pki().root.certificate_der(), name="goc-thu")
    yield tmp_path
    trust.reset()


def chain_of(issued) -> list[str]:
    return [base64.b64encode(der).decode() for der in issued.chain_der()]


def leader():
    return OfficerFactory(full_name="Trần Thị Bình", title="Phó Chủ tịch UBND xã")


def personal_credential(user, kind: str, config: dict | None = None) -> Credential:
    issued = demo_pki().leader
    return Credential.objects.create(
        user=user,
        kind=kind,
        label="Trần Thị Bình — Phó Chủ tịch",
        certificate=issued.certificate_der(),
        chain=chain_of(issued),
        config=config or {},
    )


def seal_credential(stores_dir) -> tuple[Credential, object]:
    """A seal kept as a PKCS#12 file in the key store, and a records clerk who may use it."""
    tree = province_tree()
    issued = demo_pki().seal
    store = stores_dir / "keys"
    store.mkdir(parents=True, exist_ok=True)
    (store / "seal.p12").write_bytes(issued.pkcs12(passphrase=PASSPHRASE))
    credential = Credential.objects.create(
        agency=tree.commune_a,
        kind=CredentialKind.PKCS12,
        label="Con dấu UBND xã An Phú",
        certificate=issued.certificate_der(),
        chain=chain_of(issued),
        config={
            "file": "seal.p12",
            "passphrase_env": "MOTCUA_KHONG_CO_BIEN_NAY",
            "passphrase": PASSPHRASE.decode(),
        },
    )
    clerk = OfficerFactory(full_name="Phan Thị Thu", title="Văn thư")
    grant(clerk, Role.RECORDS_CLERK, tree.commune_a)
    return credential, clerk


def plugin_token(stores_dir, issued=None, token_id: str = "token-binh") -> None:
    plugin_service.write_token(
        directory=stores_dir / "tokens",
        token_id=token_id,
        issued=issued or demo_pki().leader,
        pin=PIN,
    )
