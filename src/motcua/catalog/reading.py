"""Reading a catalogue document (docs/formats/catalogue.md) and checking every procedure in it.

Nothing is written or looked up here: `read_catalogue` answers each procedure as a
`ProcedureEntry` (its code, its `VersionContent`, `ApDungTu`, `DonViThucHien`) or every rejection
found in one pass: keys and value types by the format's table (`document`), values by the models'
own validators (what the admin refuses too), form fields by `declarations`, codes across the file.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from motcua.catalog import document as fmt
from motcua.catalog.choices import LEVEL_ORDER
from motcua.catalog.content import PART_MODELS, VersionContent
from motcua.catalog.declarations import duplicate_keys
from motcua.catalog.models import Field, Procedure, ProcedureVersion

VERSION_PATHS = fmt.key_paths(fmt.PROCEDURE_KEYS)


@dataclass(frozen=True)
class Rejection:
    procedure: str  # the code, or the position in the file when it has no usable code
    key: str
    message: str

    def __str__(self) -> str:
        where = " · ".join(part for part in (self.procedure, self.key) if part)
        return f"{where}: {self.message}" if where else self.message


@dataclass
class ProcedureEntry:
    code: str
    content: VersionContent
    valid_from: date | None
    agency_codes: list[str] | None  # None: the file leaves the assignments as they are


@dataclass
class CatalogueDocument:
    entries: list[ProcedureEntry] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)


class _Bad(Exception):
    pass


def read_catalogue(data: object) -> CatalogueDocument:
    """The document's procedures, checked; with any rejection none is to be written."""
    result = CatalogueDocument()
    if not isinstance(data, Mapping) or not isinstance(data.get("procedures"), list):
        message = _('Tệp phải là một đối tượng JSON có khóa "procedures" là danh sách thủ tục.')
        result.rejections.append(Rejection("", "", message))
        return result
    for key in _unknown(data, {"procedures"}):
        result.rejections.append(Rejection("", key, _("Khóa không được hỗ trợ ở đầu tệp.")))
    seen: set[str] = set()
    for index, raw in enumerate(data["procedures"]):
        reader = _ProcedureReader(raw, where=f"procedures[{index}]")
        entry = reader.read()
        result.rejections.extend(reader.rejections)
        if entry is None:
            continue
        if entry.code in seen:
            result.rejections.append(
                Rejection(entry.code, "MaTTHC", _("Mã thủ tục xuất hiện hai lần trong tệp."))
            )
        seen.add(entry.code)
        result.entries.append(entry)
    return result


class _ProcedureReader:
    def __init__(self, raw: object, *, where: str) -> None:
        self.raw = raw
        self.where = where
        self.rejections: list[Rejection] = []

    def reject(self, key: str, message: str) -> None:
        self.rejections.append(Rejection(self.where, key, message))

    def read(self) -> ProcedureEntry | None:
        raw = self.raw
        if isinstance(raw, Mapping) and isinstance(raw.get("MaTTHC"), str) and raw["MaTTHC"]:
            self.where = raw["MaTTHC"].strip()
        values = self._object(raw, fmt.PROCEDURE_KEYS, prefix="")
        if self.rejections or values is None:
            return None
        code = values.pop("code")
        valid_from = values.pop("valid_from", None)
        agency_codes = values.pop("agency_codes", None)
        content = VersionContent(**values)
        self._validate(code, content)
        if self.rejections:
            return None
        return ProcedureEntry(code, content, valid_from, agency_codes)

    def _object(
        self, raw: object, keys: tuple[fmt.Key | fmt.Group | fmt.Rows, ...], *, prefix: str
    ) -> dict[str, Any] | None:
        """The attributes the keys of `raw` give; None when `raw` is not an object."""
        if not isinstance(raw, Mapping):
            self.reject(prefix.rstrip("."), _("Ghi dạng đối tượng {…}."))
            return None
        for key in _unknown(raw, {key.name for key in keys}):
            self.reject(f"{prefix}{key}", _("Khóa không được hỗ trợ."))
        values: dict[str, Any] = {}
        for key in keys:
            path = f"{prefix}{key.name}"
            value = raw.get(key.name)
            if value is None:
                if getattr(key, "required", False):
                    self.reject(path, _("Thiếu thông tin bắt buộc."))
                continue
            if isinstance(key, fmt.Group):
                values.update(self._object(value, key.keys, prefix=f"{path}.") or {})
            elif isinstance(key, fmt.Rows):
                values[key.attr] = self._rows(value, key, path=path)
            else:
                try:
                    values[key.attr] = _CONVERTERS[key.kind](key, value)
                except _Bad as exc:
                    self.reject(path, str(exc))
        return values

    def _rows(self, raw: object, key: fmt.Rows, *, path: str) -> list:
        if not isinstance(raw, list):
            self.reject(path, _("Ghi danh sách các đối tượng [{…}, …]."))
            return []
        _model, content_type = PART_MODELS[key.attr]
        rows = []
        for index, item in enumerate(raw):
            before = len(self.rejections)
            values = self._object(item, key.keys, prefix=f"{path}[{index}].")
            if values is not None and len(self.rejections) == before:
                rows.append(content_type(**values))
        return rows

    def _validate(self, code: str, content: VersionContent) -> None:
        """The models' own checks, reported under the format's keys."""
        self._probe(Procedure(code=code), {"code": "MaTTHC"}, exclude=set())
        self._probe(
            Field(code=content.field_code, name=content.field_name),
            {"code": "LinhVuc.Ma", "name": "LinhVuc.Ten"},
            exclude={"folded_name"},
        )
        self._probe(
            ProcedureVersion(**content.version_values()),
            VERSION_PATHS,
            exclude={"procedure", "number", "valid_from", "field"},
        )
        for rows_key in (key for key in fmt.PROCEDURE_KEYS if isinstance(key, fmt.Rows)):
            model, _content_type = PART_MODELS[rows_key.attr]
            paths = fmt.key_paths(rows_key.keys)
            for index, row in enumerate(getattr(content, rows_key.attr)):
                prefix = f"{rows_key.name}[{index}]."
                self._probe(
                    model(**vars(row)),
                    {attr: prefix + path for attr, path in paths.items()},
                    exclude={"version", "position"},
                )
        duplicates = duplicate_keys(row.key for row in content.form_fields)
        if duplicates:
            self.reject(
                "TruongDuLieu",
                _("Mã trường bị trùng: %(keys)s.") % {"keys": ", ".join(sorted(duplicates))},
            )

    def _probe(self, probe: models.Model, paths: dict[str, str], *, exclude: set[str]) -> None:
        for check in (lambda: probe.clean_fields(exclude=exclude), probe.clean):
            try:
                check()
            except ValidationError as exc:
                for name, messages in exc.message_dict.items():
                    self.reject(paths.get(name, ""), " ".join(messages))


def _unknown(raw: Mapping[str, Any], allowed: set[str]) -> list[str]:
    """Keys outside `allowed`; keys starting with "_" are comments and pass."""
    return [key for key in raw if key not in allowed and not str(key).startswith("_")]


def _text(key: fmt.Key, value: Any) -> str:
    if not isinstance(value, str):
        raise _Bad(_("Ghi dạng chuỗi."))
    text = value.strip()
    if key.required and not text:
        raise _Bad(_("Thiếu thông tin bắt buộc."))
    return text


def _texts(key: fmt.Key, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise _Bad(_("Ghi danh sách các chuỗi."))
    return [item.strip() for item in value if item.strip()]


def _levels(key: fmt.Key, value: Any) -> list[str]:
    levels = _texts(key, value)
    # Kept from the top down, so that the order in a file never makes a new version.
    return sorted(
        levels,
        key=lambda level: LEVEL_ORDER.index(level) if level in LEVEL_ORDER else len(LEVEL_ORDER),
    )


def _bool(key: fmt.Key, value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Bad(_("Ghi true hoặc false."))
    return value


def _integer(key: fmt.Key, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Bad(_("Ghi một số nguyên (không có dấu chấm, dấu phẩy)."))
    return value


def _number(key: fmt.Key, value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _Bad(_("Ghi một số, ví dụ 5 hoặc 0.5."))
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise _Bad(_("Ghi một số, ví dụ 5 hoặc 0.5.")) from None
    if not number.is_finite():
        raise _Bad(_("Ghi một số, ví dụ 5 hoặc 0.5."))
    return number


def _date(key: fmt.Key, value: Any) -> date:
    try:
        if not isinstance(value, str) or len(value) != 10:
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise _Bad(_("Ghi ngày dạng YYYY-MM-DD, ví dụ 2025-07-01.")) from None


def _time(key: fmt.Key, value: Any) -> time:
    try:
        if not isinstance(value, str) or len(value) != 5:
            raise ValueError
        return time.fromisoformat(value)
    except ValueError:
        raise _Bad(_('Ghi giờ dạng HH:MM, ví dụ "15:00".')) from None


def _choice(key: fmt.Key, value: Any) -> str:
    if value == "" and key.blank:
        return key.blank
    if value not in key.choices:
        raise _Bad(_("Chọn một trong: %(choices)s.") % {"choices": ", ".join(key.choices)})
    return value


def _object_value(key: fmt.Key, value: Any) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise _Bad(_('Ghi dạng đối tượng, ví dụ {"max_length": 100}.'))
    return {name: item for name, item in value.items() if item is not None}


_CONVERTERS = {
    fmt.TEXT: _text,
    fmt.TEXTS: _texts,
    fmt.LEVELS: _levels,
    fmt.BOOL: _bool,
    fmt.INTEGER: _integer,
    fmt.NUMBER: _number,
    fmt.DATE: _date,
    fmt.TIME: _time,
    fmt.CHOICE: _choice,
    fmt.OBJECT: _object_value,
}
