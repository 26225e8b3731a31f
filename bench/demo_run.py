"""What the benchmarks share (imported after `django.setup()`): the demo province seeded in a
throwaway test database that is dropped afterwards, and a walk-in filed and received at a desk."""

import os
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import TypeVar

from django.core.management import call_command
from django.db import connection
from django.test.utils import override_settings

from motcua.accounts.models import User
from motcua.dossiers import services
from motcua.dossiers.models import DeliveryMethod, Dossier

T = TypeVar("T")

FORM = {
    "quan_he_voi_tre": "Cha",
    "ho_ten_tre": "Lê Gia Bảo",
    "ngay_sinh": "2026-11-01",
    "gioi_tinh": "Nam",
    "noi_sinh": "Trung tâm Y tế khu vực An Hòa",
    "so_dinh_danh_nguoi_yeu_cau": "099092011111",
    "so_dien_thoai": "0903111222",
    "so_ban_sao": 1,
}


def on_demo(measure: Callable[[], T]) -> tuple[T, str]:
    """`measure()` on the demo province in a throwaway database; its result and the database's
    name (dropped by then)."""
    old_name = connection.settings_dict["NAME"]
    test_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        with override_settings(
            VAR_DIR=Path(os.environ.get("TMPDIR", "/tmp")) / "motcua-bench",
            ALLOWED_HOSTS=["testserver"],
        ):
            call_command("seed_demo", stdout=StringIO())
            return measure(), test_name
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def walk_in(desk: User, agency, birth) -> Dossier:
    """A birth registration filed at `agency`'s desk and received at once."""
    return services.submit(
        user=desk,
        procedure=birth,
        receiving_agency=agency,
        applicant=services.Applicant(
            name="Lê Văn Tâm", id_type="cccd", id_number="099092011111", phone="0903111222"
        ),
        delivery_method=DeliveryMethod.DESK,
        form_data=FORM,
        receive=True,
    )
