"""`motcua import_agencies`: the report it prints and its exit status."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from motcua.agencies.models import Agency
from tests.factories import DATA, load_tree


def _run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_agencies", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_import_then_import_again():
    out, err = _run(str(DATA / "two_level.json"))
    assert out.splitlines() == ["Tạo mới: 11", "Cập nhật: 0", "Không đổi: 0"]
    assert err == ""
    out, _err = _run(str(DATA / "two_level.json"))
    assert out.splitlines() == ["Tạo mới: 0", "Cập nhật: 0", "Không đổi: 11"]


@pytest.mark.django_db
def test_codes_are_listed_on_request(tmp_path):
    out, _err = _run(str(DATA / "two_level.json"), "--verbosity", "2")
    assert out.splitlines()[0].startswith("Tạo mới: 11 (000.00.00.H33, 000.00.01.H33,")
    document = load_tree("two_level")
    document["tree"]["name"] = "UBND tỉnh (tên mới)"
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(document), encoding="utf-8")
    out, _err = _run(str(changed))
    assert "Cập nhật: 1 (000.00.00.H33)" in out.splitlines()


@pytest.mark.django_db
def test_a_rejected_file_exits_with_an_error(tmp_path):
    document = load_tree("two_level")
    document["tree"]["children"][2]["kind"] = "district"
    document["tree"]["children"][2]["level"] = "commune"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(CommandError, match="1 lỗi") as failed:
        _run(str(bad))
    assert failed.value.returncode == 1
    assert not Agency.objects.exists()


@pytest.mark.django_db
def test_rejections_are_printed(tmp_path):
    document = load_tree("two_level")
    document["tree"]["children"][1]["working_periods"] = [["17:00", "08:00"]]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_agencies", str(bad), stdout=StringIO(), stderr=err)
    assert err.getvalue().startswith("Từ chối 000.00.12.H33 · working_periods: ")


@pytest.mark.django_db
def test_dry_run():
    out, _err = _run(str(DATA / "three_level.json"), "--dry-run")
    assert out.splitlines()[:2] == ["Chạy thử: không ghi gì vào cơ sở dữ liệu.", "Tạo mới: 15"]
    assert not Agency.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"), [("{not json", "không phải JSON"), (None, "Không đọc được")]
)
def test_unreadable_files(tmp_path, content, message):
    path = tmp_path / "tree.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        _run(str(path))
