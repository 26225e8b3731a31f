"""A world whose commune A leader signs with a PKCS#12 key the server holds and whose records
clerk applies the commune's seal: the demo PKI of `tests.signatures.pdfs`, stores under tmp."""

from dataclasses import dataclass

from motcua.accounts.models import Role, User
from motcua.core import clock
from motcua.dossiers.models import Dossier
from motcua.signatures import stamps
from motcua.signatures.models import Credential, CredentialKind
from tests.dossiers.helpers import act, at, processing
from tests.dossiers.world import World
from tests.factories import OfficerFactory, grant
from tests.signatures.pdfs import PASSPHRASE, demo_pki
from tests.signatures.signing import chain_of

BODY = "Họ, chữ đệm và tên: Trần Gia Bảo\nNgày, tháng, năm sinh: 01/03/2026\nNơi sinh: Trạm y tế phường"
TITLE = "Trích lục khai sinh của Trần Gia Bảo"


@dataclass
class Signers:
    leader: User
    clerk: User
    personal: Credential
    seal: Credential


def server_held(*, stores, name: str, issued, **owner) -> Credential:
    """A credential whose key is a PKCS#12 file in the key store."""
    (stores / "keys").mkdir(parents=True, exist_ok=True)
    (stores / "keys" / f"{name}.p12").write_bytes(issued.pkcs12(passphrase=PASSPHRASE))
    image = (
        stamps.demo_seal_png(owner["agency"].name)
        if "agency" in owner
        else stamps.demo_signature_png(owner["user"].full_name)
    )
    return Credential.objects.create(
        kind=CredentialKind.PKCS12,
        label=name,
        certificate=issued.certificate_der(),
        chain=chain_of(issued),
        config={"file": f"{name}.p12", "passphrase": PASSPHRASE.decode()},
        image=image,
        **owner,
    )


def signers_of(world: World, stores) -> Signers:
    clerk = OfficerFactory(full_name="Phan Thị Thu", title="Văn thư UBND xã")
    grant(clerk, Role.RECORDS_CLERK, world.tree.commune_a)
    pki = demo_pki()
    return Signers(
        leader=world.leader_a,
        clerk=clerk,
        personal=server_held(
            stores=stores, name="lanh-dao", issued=pki.leader, user=world.leader_a
        ),
        seal=server_held(
            stores=stores, name="con-dau", issued=pki.seal, agency=world.tree.commune_a
        ),
    )


def approved_draft(world: World) -> Dossier:
    """A walk-in whose specialist drafted the result from the template and whose leader
    approved it, at the leader's step."""
    with clock.frozen(at(3, 2, 9)):
        dossier = processing(world)
        dossier = act("draft_result", dossier, user=world.specialist_a, title=TITLE, body=BODY)
        dossier = act("forward", dossier, user=world.specialist_a)
    with clock.frozen(at(3, 2, 10)):
        return act("approve", dossier, user=world.leader_a)
