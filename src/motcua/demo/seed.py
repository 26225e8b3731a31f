"""The demo province: its agency tree, officers for every role and a few citizens and a business.

Everything goes through the service functions a real installation uses (the tree through the JSON
import, accounts through `accounts.services`), and every step first looks for what an earlier run
made, so seeding twice changes nothing.
"""

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path

from django.db import transaction

from motcua import catalog, workflow
from motcua.accounts import two_factor
from motcua.accounts.models import Role, User
from motcua.accounts.services import (
    create_first_system_admin,
    create_officer,
    register_citizen,
    register_organisation,
)
from motcua.agencies.importer import import_tree
from motcua.agencies.models import Agency, AgencyKind
from motcua.agencies.selectors import agency_by_code
from motcua.catalog.importer import import_catalogue
from motcua.catalog.selectors import procedure_by_code
from motcua.catalog.services import set_assignments
from motcua.core import clock
from motcua.core.errors import ValidationFailed
from motcua.workflow.importer import import_process

DATA = Path(__file__).parent / "data"
SAMPLE_CATALOGUE = Path(catalog.__file__).parent / "sample" / "catalogue.json"
SAMPLE_PROCESSES = Path(workflow.__file__).parent / "sample"
DEMO_PROCESSES = Path(__file__).parent / "data" / "processes"
# Shared by every demo account; `seed_demo` refuses to run with DEBUG off.
DEMO_PASSWORD = "demo@AnHoa2026"
# The catalogue and the processes apply from here, so the demo dossiers of the weeks before
# today can be filed under them.
IN_FORCE_FROM = datetime(2026, 1, 5, 8, 0, tzinfo=clock.VN_TZ)


@dataclass(frozen=True)
class DemoLogin:
    login: str
    password: str
    name: str
    role: str
    agency_code: str
    agency: str
    # Officers' authenticator secret (base32), to add to an authenticator app.
    totp: str = ""


def demo_totp(user: User) -> str:
    """Give a demo officer an authenticator with a secret derived from the login (the same on
    every machine, so the printed list stays true); returns it in base32."""
    key = hashlib.sha1(f"motcua-demo:{user.username}".encode()).hexdigest()
    return two_factor.base32_secret(two_factor.install_known_secret(user=user, hex_key=key))


def _read(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def province_document(*, three_levels: bool) -> dict:
    """The demo tree: communes straight under the province (2 levels, since 1/7/2025), or grouped
    under districts (the 3-level model) — the same units either way, only the shape differs."""
    document = _read("province.json")
    if not three_levels:
        return document
    province = document["tree"]
    by_code = {node["code"]: node for node in province["children"]}
    for district in _read("districts.json")["districts"]:
        communes = [by_code.pop(code) for code in district["communes"]]
        units = [{**unit, "level": "district"} for unit in district["units"]]
        by_code[district["code"]] = {
            "code": district["code"],
            "name": district["name"],
            "short_name": district["short_name"],
            "kind": "district",
            "level": "district",
            "address": district["address"],
            "phone": district["phone"],
            "has_one_stop_desk": True,
            "children": units + communes,
        }
    province["children"] = list(by_code.values())
    return document


@transaction.atomic
def seed(*, three_levels: bool = False) -> list[DemoLogin]:
    report = import_tree(province_document(three_levels=three_levels))
    if not report.ok:
        raise ValidationFailed(
            "Cây đơn vị mẫu không hợp lệ: "
            + "; ".join(f"{r.node} {r.field}: {r.message}" for r in report.rejected)
        )
    with clock.frozen(min(IN_FORCE_FROM, clock.now())):
        _load_catalogue()
        _load_processes()
    people = _read("people.json")
    admin = _system_admin(people["system_admin"])
    logins = [
        DemoLogin(
            admin.username,
            DEMO_PASSWORD,
            admin.full_name,
            Role.SYSTEM_ADMIN,
            "",
            "",
            demo_totp(admin),
        )
    ]
    for entry in people["officers"]:
        agency = agency_by_code(entry["agency"])
        officer = User.objects.filter(username=entry["username"]).first() or create_officer(
            actor=admin,
            username=entry["username"],
            full_name=entry["full_name"],
            title=entry["title"],
            role=entry["role"],
            agency=agency,
            include_descendants=entry.get("include_descendants", False),
            password=DEMO_PASSWORD,
        )
        place = f"{agency.name}, {agency.parent.name}" if agency.is_internal_unit else agency.name
        logins.append(
            DemoLogin(
                officer.username,
                DEMO_PASSWORD,
                officer.full_name,
                entry["role"],
                agency.code,
                place,
                demo_totp(officer),
            )
        )
    for entry in people["citizens"]:
        citizen = User.objects.filter(username=entry["id_number"]).first() or register_citizen(
            **{**entry, "date_of_birth": date.fromisoformat(entry["date_of_birth"])},
            password=DEMO_PASSWORD,
        )
        logins.append(
            DemoLogin(citizen.username, DEMO_PASSWORD, citizen.full_name, "citizen", "", "")
        )
    for entry in people["organisations"]:
        business = User.objects.filter(username=entry["tax_code"]).first() or register_organisation(
            **entry, password=DEMO_PASSWORD
        )
        logins.append(
            DemoLogin(business.username, DEMO_PASSWORD, business.full_name, "organisation", "", "")
        )
    return logins


def _load_catalogue() -> None:
    """The sample catalogue, each procedure assigned to the demo agencies that handle it."""
    report = import_catalogue(json.loads(SAMPLE_CATALOGUE.read_text(encoding="utf-8")))
    if not report.ok:
        raise ValidationFailed(
            "Danh mục thủ tục mẫu không hợp lệ: " + "; ".join(map(str, report.rejected))
        )
    communes = list(Agency.objects.filter(kind=AgencyKind.COMMUNE))
    for code, targets in _read("catalogue-assignments.json")["assignments"].items():
        targets = [targets] if isinstance(targets, str) else targets
        agencies = [
            agency
            for target in targets
            for agency in (communes if target == "all_communes" else [agency_by_code(target)])
        ]
        set_assignments(procedure=procedure_by_code(code), agencies=agencies)


def _load_processes() -> None:
    """The province-wide default internal processes that ship as samples, some adapted by the
    demo province (`data/processes/`)."""
    # The demo province's own default replaces the project's sample of the same name.
    adapted = {path.name: path for path in DEMO_PROCESSES.glob("*.json")}
    for sample in sorted(SAMPLE_PROCESSES.glob("*.json")):
        path = adapted.get(sample.name, sample)
        report = import_process(json.loads(path.read_text(encoding="utf-8")))
        if not report.ok:
            raise ValidationFailed(
                f"Quy trình mẫu {path.name} không hợp lệ: " + "; ".join(map(str, report.rejected))
            )


def _system_admin(entry: dict) -> User:
    existing = User.objects.filter(username=entry["username"]).first()
    return existing or create_first_system_admin(**entry, password=DEMO_PASSWORD)


def write_logins(logins: list[DemoLogin], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps([asdict(login) for login in logins], ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8",
    )
