"""The counter's test world: the dossier tests' province plus a certification procedure of the
department (components with counts, one form field, a fee) under the sample process, and short
ways to bring a walk-in to the return desk."""

from dataclasses import dataclass
from datetime import datetime

from django.test import Client

from motcua.catalog.importer import import_catalogue
from motcua.catalog.models import Procedure
from motcua.catalog.selectors import procedure_by_code
from motcua.catalog.services import set_assignments
from motcua.core import clock
from motcua.dossiers.models import Dossier
from motcua.workflow.importer import import_process
from tests.backoffice.officers import verified_login
from tests.dossiers.helpers import act, walk_in
from tests.dossiers.world import SETUP, World, build_world
from tests.workflow.builders import sample

CERTIFICATION = "2.000815"
MORNING = datetime(2026, 1, 6, 9, 0, tzinfo=clock.VN_TZ)  # Tuesday
QR = "099190001234||TRẦN THỊ BÌNH|12031990|Nữ|Số 12 đường Lê Lợi, xã An Phú|15042021"


def add_procedure(code: str, *, components: int, fields: int, assigned_to) -> Procedure:
    """Another commune procedure under the sample process, of the given size."""
    with clock.frozen(SETUP):
        entry = {
            "MaTTHC": code,
            "TenTTHC": f"Thủ tục kiểm thử {code}",
            "LinhVuc": {"Ma": "G15-TP01", "Ten": "Chứng thực"},
            "CapThucHien": ["commune"],
            "CoQuanThucHien": "Ủy ban nhân dân cấp xã",
            "HinhThucDVC": "partial",
            "ThoiHanGiaiQuyet": {"SoLuong": 1, "DonVi": "day"},
            "KetQua": {"Ten": "Kết quả", "DienTu": False},
            "ThanhPhanHoSo": [
                {"Ten": f"Giấy tờ số {n}", "BanChinh": 1, "BatBuoc": n == 1}
                for n in range(1, components + 1)
            ],
            "TruongDuLieu": [
                {"Ma": f"truong_{n}", "Nhan": f"Trường {n}", "Kieu": "text", "BatBuoc": False}
                for n in range(1, fields + 1)
            ],
            "DaXacMinh": False,
            "NguonTin": "Kiểm thử",
        }
        report = import_catalogue({"procedures": [entry]})
        assert report.ok, [str(rejection) for rejection in report.rejected]
        document = sample()
        document["procedure"] = code
        assert import_process(document).ok
        procedure = procedure_by_code(code)
        set_assignments(procedure=procedure, agencies=[assigned_to])
    return procedure


@dataclass
class Desk:
    world: World
    certification: Procedure


def build_desk() -> Desk:
    world = build_world()
    with clock.frozen(SETUP):
        report = import_catalogue(
            {
                "procedures": [
                    {
                        "MaTTHC": CERTIFICATION,
                        "TenTTHC": "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
                        "LinhVuc": {"Ma": "G15-TP01", "Ten": "Chứng thực"},
                        "CapThucHien": ["commune"],
                        "CoQuanThucHien": "Ủy ban nhân dân cấp xã",
                        "HinhThucDVC": "partial",
                        "ThoiHanGiaiQuyet": {"SoLuong": 1, "DonVi": "day"},
                        "KetQua": {"Ten": "Bản sao được chứng thực", "DienTu": False},
                        "ThanhPhanHoSo": [
                            {
                                "Ten": "Bản chính giấy tờ cần chứng thực",
                                "BanChinh": 1,
                                "BanSao": 1,
                                "BatBuoc": True,
                            },
                            {"Ten": "Giấy tờ tùy thân", "BanChinh": 1, "BatBuoc": False},
                        ],
                        "TruongDuLieu": [
                            {
                                "Ma": "so_trang",
                                "Nhan": "Số trang",
                                "Kieu": "number",
                                "BatBuoc": True,
                            }
                        ],
                        "PhiLePhi": [
                            {
                                "Loai": "phi",
                                "Ten": "Phí chứng thực",
                                "MucThu": 10000,
                                "TinhTheo": "",
                            }
                        ],
                        "DaXacMinh": False,
                        "NguonTin": "Kiểm thử",
                    }
                ]
            }
        )
        assert report.ok, [str(rejection) for rejection in report.rejected]
        document = sample()
        document["procedure"] = CERTIFICATION
        assert import_process(document).ok
        certification = procedure_by_code(CERTIFICATION)
        set_assignments(procedure=certification, agencies=[world.tree.commune_a])
        # Birth registration is commune B's in this world: commune A's desk receives it for B.
        set_assignments(procedure=world.birth, agencies=[world.tree.commune_b])
    return Desk(world=world, certification=certification)


def signed_in(user) -> Client:
    return verified_login(Client(), user)


def ready_walk_in(world: World, **changes) -> Dossier:
    """A walk-in at commune A, processed and approved: at the return desk."""
    with clock.frozen(MORNING):
        dossier = act("forward", walk_in(world, **changes), user=world.counter_a)
        act("attach_result", dossier, user=world.specialist_a, note="Bản sao đã chứng thực")
        act("forward", dossier, user=world.specialist_a)
        act("approve", dossier, user=world.leader_a)
        return act("finish", dossier, user=world.leader_a)
