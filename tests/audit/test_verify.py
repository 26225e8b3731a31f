"""`verify_chain` and `motcua audit_verify`: a sound chain, and each way of tampering with it by
SQL — a changed column, a removed entry, removed newest entries, a changed head."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from motcua.audit.chain import entry_hash
from motcua.audit.models import AuditEntry
from motcua.audit.selectors import VerifyResult, verify_chain
from motcua.audit.services import record
from tests.audit.people import Person

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_smoke]


@pytest.fixture
def chain():
    """Five entries by two officers about one dossier."""
    officers = [Person(pk=7, full_name="Trần Thị Bình"), Person(pk=8, full_name="Võ Minh Đức")]
    return [
        record(
            action="dossier.receive" if n == 0 else "dossier.forward",
            actor=officers[n % 2],
            object_type="dossiers.dossier",
            object_id="H33.01-250303-0001",
            data={"step": n},
        )
        for n in range(5)
    ]


def sql(statement: str, *params) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def run_command() -> str:
    out = StringIO()
    call_command("audit_verify", stdout=out)
    return out.getvalue()


def test_a_sound_chain(chain):
    assert verify_chain() == VerifyResult(ok=True, count=5)
    assert run_command() == "OK 5\n"


def test_the_empty_chain():
    assert verify_chain() == VerifyResult(ok=True, count=0)
    assert run_command() == "OK 0\n"


def json_placeholder() -> str:
    # PostgreSQL keeps `data` as jsonb, to which a text parameter must be cast.
    return "CAST(%s AS jsonb)" if connection.vendor == "postgresql" else "%s"


def one_second_later(entry):
    return connection.ops.adapt_datetimefield_value(entry.occurred_at + timedelta(seconds=1))


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("data", lambda entry: '{"step": 20}'),
        ("actor_name", lambda entry: "Người khác"),
        ("actor_id", lambda entry: 99),
        ("occurred_at", one_second_later),
        ("action", lambda entry: "dossier.cancel"),
        ("object_id", lambda entry: "H33.01-250303-0002"),
    ],
    ids=["data", "actor", "actor-id", "time", "action", "object"],
)
def test_a_changed_column_is_found(chain, column, value):
    placeholder = json_placeholder() if column == "data" else "%s"
    sql(f"UPDATE audit_auditentry SET {column} = {placeholder} WHERE seq = 3", value(chain[2]))
    result = verify_chain()
    assert (result.ok, result.broken_seq, result.count) == (False, 3, 2)
    assert result.reason == "nội dung mục không khớp với mã băm đã lưu"


def test_a_changed_entry_given_a_new_hash_breaks_the_next_link(chain):
    forged = AuditEntry.objects.get(seq=3)
    forged.data = {"step": 20}
    sql(
        f"UPDATE audit_auditentry SET data = {json_placeholder()}, hash = %s WHERE seq = 3",
        '{"step": 20}',
        entry_hash(forged.columns()),
    )
    result = verify_chain()
    assert (result.ok, result.broken_seq) == (False, 4)
    assert result.reason == "mã băm của mục trước không khớp"


def test_a_removed_entry_is_found(chain):
    sql("DELETE FROM audit_auditentry WHERE seq = 3")
    result = verify_chain()
    assert (result.ok, result.broken_seq) == (False, 3)
    assert result.reason == "thiếu mục số 3 (mục kế tiếp là số 4)"


def test_removed_newest_entries_are_found_by_the_head(chain):
    sql("DELETE FROM audit_auditentry WHERE seq >= 4")
    result = verify_chain()
    assert (result.ok, result.broken_seq, result.count) == (False, 4, 3)
    assert result.reason == "thiếu các mục cuối, từ số 4 đến số 5 mà đầu chuỗi đã ghi nhận"


def test_a_removed_chain_is_found_by_the_head(chain):
    sql("DELETE FROM audit_auditentry")
    assert verify_chain().broken_seq == 1


@pytest.mark.parametrize(
    ("change", "params", "broken_seq"),
    [
        ("last_hash = %s", ("f" * 64,), 5),
        ("last_seq = %s", (3,), 4),
        ("last_seq = %s", (7,), 6),
    ],
    ids=["hash", "behind", "ahead"],
)
def test_a_changed_head_is_found(chain, change, params, broken_seq):
    sql(f"UPDATE audit_chainhead SET {change}", *params)
    result = verify_chain()
    assert (result.ok, result.broken_seq) == (False, broken_seq)


def test_a_removed_head_is_found(chain):
    sql("DELETE FROM audit_chainhead")
    assert verify_chain() == VerifyResult(
        ok=False, count=4, broken_seq=5, reason="không còn bản ghi đầu chuỗi"
    )


def test_the_command_reports_the_break_and_fails(chain):
    sql("UPDATE audit_auditentry SET action = %s WHERE seq = 2", "dossier.cancel")
    out = StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("audit_verify", stdout=out)
    assert failed.value.returncode == 1
    assert out.getvalue() == "BROKEN at 2: nội dung mục không khớp với mã băm đã lưu\n"
