"""The demo's signing keys (`motcua demo_pki`, and `load_demo_pki` for the seed): two demo roots
in the trust store — the government's "Ban Cơ yếu Chính phủ (thử nghiệm)" and the public CAs'
"NEAC (thử nghiệm)" —, a personal certificate and signature image for every demo leader, and a
seal certificate and seal image for every agency where a leader or records clerk works.

Leaders sign through each adapter: `PLUGIN_LEADERS` with a token in the signing plug-in
simulator's directory (government CA), `SERVER_LEADERS` with a PKCS#12 key the server holds in
its key store (government CA; the seed signs a result with it), the others with a key held by
the remote-signing simulator (public CA). Seals are PKCS#12 files in the key store. The demo's
PINs and passphrases are public (`DEMO_PIN`, `DEMO_PASSPHRASE`).

Idempotent: the CAs' and every holder's keys are kept under `<var>/demo-pki/` and reused, so a
second run finds the same certificates and updates the same credential rows.
"""

import base64
import re
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction

from motcua.accounts.models import Role, RoleAssignment, User
from motcua.agencies.models import Agency
from motcua.core import clock
from motcua.signatures import pki, stamps, trust
from motcua.signatures.models import Credential, CredentialKind
from motcua.signatures.simulators import plugin_service, provider

DEMO_PIN = "123456"
DEMO_PASSPHRASE = "motcua-demo"
PLUGIN_LEADERS = {"ld.tuphap"}
SERVER_LEADERS = {"ld.tanphu"}
SEAL_DIAMETER_MM = 36
GOVERNMENT_ROOT = "Ban Cơ yếu Chính phủ (thử nghiệm)"
PUBLIC_ROOT = "NEAC (thử nghiệm)"


@dataclass(frozen=True)
class Loaded:
    """One credential the demo made: whose, how it signs, and the PIN it asks for."""

    holder: str
    kind: str
    pin: str
    credential: Credential


def load_demo_pki(*, var_dir: Path | None = None) -> list[Loaded]:
    """Make (or find again) the demo's roots, certificates and credentials."""
    keep = Path(var_dir) / "demo-pki" if var_dir else Path(settings.MOTCUA_DEMO_PKI_DIR)
    keep.mkdir(parents=True, exist_ok=True)
    government = _kept(keep / "root-ban-co-yeu.p12", lambda: _root(GOVERNMENT_ROOT))
    public = _kept(keep / "root-neac.p12", lambda: _root(PUBLIC_ROOT))
    trust.add_root(certificate=government.certificate_der(), name="demo-ban-co-yeu-chinh-phu")
    trust.add_root(certificate=public.certificate_der(), name="demo-neac")
    loaded = []
    with transaction.atomic():
        for leader in _leaders():
            loaded.append(_personal(leader, keep, government=government, public=public))
        for agency in _sealing_agencies():
            loaded.append(_seal(agency, keep, government))
    return loaded


def _leaders() -> list[User]:
    ids = RoleAssignment.objects.filter(role=Role.LEADER).values("user_id")
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("username"))


def _sealing_agencies() -> list[Agency]:
    ids = RoleAssignment.objects.filter(
        role__in=[Role.LEADER, Role.RECORDS_CLERK], agency__isnull=False
    ).values("agency_id")
    return list(Agency.objects.filter(pk__in=ids).order_by("code"))


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-.")


def _kept(path: Path, make) -> pki.Issued:
    if path.exists():
        return pki.load_pkcs12(path.read_bytes(), passphrase=DEMO_PASSPHRASE.encode())
    issued = make()
    path.write_bytes(issued.pkcs12(passphrase=DEMO_PASSPHRASE.encode()))
    return issued


def _since():
    return clock.now() - timedelta(days=60)  # before the oldest demo signature (4–5 weeks)


def _root(name: str) -> pki.Issued:
    return pki.make_root(common_name=name, organisation=name, valid_from=_since())


def _chain(issued: pki.Issued) -> list[str]:
    return [base64.b64encode(der).decode() for der in issued.chain_der()]


def _personal(user: User, keep: Path, *, government: pki.Issued, public: pki.Issued) -> Loaded:
    plugin = user.username in PLUGIN_LEADERS
    server = user.username in SERVER_LEADERS
    agency = (
        RoleAssignment.objects.filter(user=user, role=Role.LEADER)
        .select_related("agency")
        .first()
        .agency
    )
    issued = _kept(
        keep / f"person-{_slug(user.username)}.p12",
        lambda: pki.make_leaf(
            issuer=government if plugin or server else public,
            common_name=user.full_name,
            organisation=agency.name if agency else "",
            title=user.title,
            valid_from=_since(),
        ),
    )
    if plugin:
        plugin_service.write_token(
            directory=settings.MOTCUA_SIGNING_PLUGIN_TOKENS,
            token_id=_slug(user.username),
            issued=issued,
            pin=DEMO_PIN,
        )
        kind, config = CredentialKind.PLUGIN, {}
    elif server:
        name = f"person-{_slug(user.username)}.p12"
        _keep_in_key_store(name, issued)
        kind, config = CredentialKind.PKCS12, _demo_key_config(name)
    else:
        provider.hold_key(
            user_id=user.username,
            full_name=user.full_name,
            pkcs12=issued.pkcs12(passphrase=DEMO_PASSPHRASE.encode()),
            passphrase=DEMO_PASSPHRASE,
            pin=DEMO_PIN,
        )
        kind, config = CredentialKind.REMOTE, {"user_id": user.username}
    credential, _created = Credential.objects.update_or_create(
        user=user,
        agency=None,
        defaults={
            "kind": kind,
            "label": f"{user.full_name} — {user.title}" if user.title else user.full_name,
            "certificate": issued.certificate_der(),
            "chain": _chain(issued),
            "config": config,
            "image": stamps.demo_signature_png(user.full_name),
            "seal_diameter_mm": None,
            "active": True,
        },
    )
    return Loaded(user.full_name, kind, DEMO_PIN, credential)


def _seal(agency: Agency, keep: Path, government: pki.Issued) -> Loaded:
    issued = _kept(
        keep / f"seal-{_slug(agency.code)}.p12",
        lambda: pki.make_leaf(
            issuer=government,
            common_name=agency.name,
            organisation=agency.name,
            valid_from=_since(),
            organisation_seal=True,
        ),
    )
    name = f"seal-{_slug(agency.code)}.p12"
    _keep_in_key_store(name, issued)
    credential, _created = Credential.objects.update_or_create(
        agency=agency,
        user=None,
        defaults={
            "kind": CredentialKind.PKCS12,
            "label": f"Con dấu {agency.name}",
            "certificate": issued.certificate_der(),
            "chain": _chain(issued),
            "config": _demo_key_config(name),
            "image": stamps.demo_seal_png(agency.name),
            "seal_diameter_mm": SEAL_DIAMETER_MM,
            "active": True,
        },
    )
    return Loaded(agency.name, CredentialKind.PKCS12, "", credential)


def _keep_in_key_store(name: str, issued: pki.Issued) -> None:
    store = Path(settings.MOTCUA_KEY_STORE)
    store.mkdir(parents=True, exist_ok=True)
    (store / name).write_bytes(issued.pkcs12(passphrase=DEMO_PASSPHRASE.encode()))


def _demo_key_config(name: str) -> dict:
    # Demo only: the passphrase is public, so it may sit in the configuration.
    return {
        "file": name,
        "passphrase_env": "MOTCUA_DEMO_KEY_PASSPHRASE",
        "passphrase": DEMO_PASSPHRASE,
    }
