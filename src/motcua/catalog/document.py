"""The catalogue's import/export format (docs/formats/catalogue.md) as one table of keys.

Each `Key` names a key of the format, the attribute it fills (of `VersionContent`, of a part's
content, or of the entry: `code`, `valid_from`, `agency_codes`) and the kind of its value. The
reader (`reading`), the writer (`procedure_document`) and the Excel sheets (`excel`) all follow
this table, so the three cannot drift apart.
"""

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from motcua.catalog.choices import (
    FeeBasis,
    FeeKind,
    FormFieldType,
    OnlineMode,
    PaymentDue,
    ProcessingUnit,
)
from motcua.catalog.content import VersionContent

TEXT = "text"
TEXTS = "texts"  # a list of strings
LEVELS = "levels"
BOOL = "bool"
INTEGER = "integer"
NUMBER = "number"
DATE = "date"
TIME = "time"
CHOICE = "choice"
OBJECT = "object"  # KiemTra: a free object with the checks `declarations` knows


@dataclass(frozen=True)
class Key:
    name: str
    attr: str
    kind: str
    required: bool = False
    choices: tuple[str, ...] = ()
    blank: str = ""  # for a choice: what an empty string means


@dataclass(frozen=True)
class Group:
    """An object of keys: `LinhVuc`, `ThoiHanGiaiQuyet`, `KetQua`."""

    name: str
    keys: tuple[Key, ...]
    required: bool = False


@dataclass(frozen=True)
class Rows:
    """A list of objects, one Excel sheet: `PhiLePhi`, `ThanhPhanHoSo`, `TruongDuLieu`."""

    name: str
    attr: str
    keys: tuple[Key, ...]


CHECK_NAMES = ("min", "max", "max_length", "pattern", "not_after_today")

FEE_KEYS = (
    Key("Loai", "kind", CHOICE, required=True, choices=tuple(FeeKind.values)),
    Key("Ten", "name", TEXT, required=True),
    Key("MucThu", "amount", INTEGER),
    Key("MucThuTrucTuyen", "online_amount", INTEGER),
    Key("TinhTheo", "basis", CHOICE, choices=tuple(FeeBasis.values), blank=FeeBasis.DOSSIER),
    Key("TruongHop", "case", TEXT),
    Key("DoiTuongMienGiam", "exemptions", TEXTS),
    Key("GhiChu", "note", TEXT),
)
COMPONENT_KEYS = (
    Key("Ma", "code", TEXT),
    Key("Ten", "name", TEXT, required=True),
    Key("BanChinh", "originals", INTEGER),
    Key("BanSaoChungThuc", "certified_copies", INTEGER),
    Key("BanSao", "copies", INTEGER),
    Key("BatBuoc", "required", BOOL),
    Key("MauDon", "template", TEXT),
    Key("GhiChu", "note", TEXT),
)
FORM_FIELD_KEYS = (
    Key("Ma", "key", TEXT, required=True),
    Key("Nhan", "label", TEXT, required=True),
    Key("Kieu", "type", CHOICE, required=True, choices=tuple(FormFieldType.values)),
    Key("BatBuoc", "required", BOOL),
    Key("LuaChon", "choices", TEXTS),
    Key("KiemTra", "checks", OBJECT),
    Key("GoiY", "help", TEXT),
)
PROCEDURE_KEYS: tuple[Key | Group | Rows, ...] = (
    Key("MaTTHC", "code", TEXT, required=True),
    Key("TenTTHC", "name", TEXT, required=True),
    Key("TenGoiKhac", "aliases", TEXTS),
    Group(
        "LinhVuc",
        (Key("Ma", "field_code", TEXT), Key("Ten", "field_name", TEXT, required=True)),
        required=True,
    ),
    Key("CapThucHien", "levels", LEVELS, required=True),
    Key("CoQuanThucHien", "implementing_body", TEXT, required=True),
    Key("DonViThucHien", "agency_codes", TEXTS),
    Key("HinhThucDVC", "online_mode", CHOICE, required=True, choices=tuple(OnlineMode.values)),
    Group(
        "ThoiHanGiaiQuyet",
        (
            Key("SoLuong", "processing_amount", NUMBER),
            Key(
                "DonVi",
                "processing_unit",
                CHOICE,
                required=True,
                choices=tuple(ProcessingUnit.values),
            ),
            Key("GioChot", "cutoff", TIME),
            Key("MoTa", "processing_note", TEXT),
        ),
        required=True,
    ),
    Rows("PhiLePhi", "fees", FEE_KEYS),
    Key(
        "ThoiDiemNopPhi",
        "payment_due",
        CHOICE,
        choices=tuple(PaymentDue.values),
        blank=PaymentDue.BEFORE_RETURN,
    ),
    Rows("ThanhPhanHoSo", "components", COMPONENT_KEYS),
    Rows("TruongDuLieu", "form_fields", FORM_FIELD_KEYS),
    Group(
        "KetQua",
        (Key("Ten", "result_name", TEXT, required=True), Key("DienTu", "result_electronic", BOOL)),
        required=True,
    ),
    Key("CanCuPhapLy", "legal_basis", TEXTS),
    Key("QuyetDinhCongBo", "published_by", TEXT),
    Key("NgayCoHieuLuc", "legal_effective_date", DATE),
    Key("ApDungTu", "valid_from", DATE),
    Key("DaXacMinh", "verified", BOOL, required=True),
    Key("NguonTin", "source", TEXT, required=True),
    Key("GhiChu", "notes", TEXT),
)


def key_paths(keys: tuple[Key | Group | Rows, ...], prefix: str = "") -> dict[str, str]:
    """attribute → its key in the format ("processing_amount" → "ThoiHanGiaiQuyet.SoLuong")."""
    paths = {}
    for key in keys:
        if isinstance(key, Group):
            paths.update(key_paths(key.keys, f"{prefix}{key.name}."))
        else:
            paths[key.attr] = f"{prefix}{key.name}"
    return paths


def procedure_document(
    *,
    code: str,
    content: VersionContent,
    valid_from: date | None,
    agency_codes: list[str],
) -> dict[str, Any]:
    """One procedure in the format: every key written, empty values included."""
    values = {
        **asdict(content),
        "code": code,
        "valid_from": valid_from,
        "agency_codes": agency_codes,
    }
    return _write(PROCEDURE_KEYS, values)


def _write(keys: tuple[Key | Group | Rows, ...], values: dict[str, Any]) -> dict[str, Any]:
    document: dict[str, Any] = {}
    for key in keys:
        if isinstance(key, Group):
            document[key.name] = _write(key.keys, values)
        elif isinstance(key, Rows):
            document[key.name] = [_write(key.keys, row) for row in values[key.attr]]
        else:
            document[key.name] = written(key, values[key.attr])
    return document


def written(key: Key, value: Any) -> Any:
    """A value as the format writes it: dates ISO, times "HH:MM", amounts as plain numbers."""
    if value is None:
        return None
    if key.kind == DATE:
        return value.isoformat()
    if key.kind == TIME:
        return value.strftime("%H:%M")
    if key.kind == NUMBER:
        return int(value) if value == value.to_integral_value() else float(value)
    if key.kind in (TEXTS, LEVELS):
        return list(value)
    if key.kind == OBJECT:
        return dict(value)
    return value
