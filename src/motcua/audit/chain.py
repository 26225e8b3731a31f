"""The canonical form of an audit entry and its hash: what an outside auditor re-computes.

Each entry's `hash` is the SHA-256, in lower-case hexadecimal, of the UTF-8 bytes of one JSON
object holding every other stored column of the entry (table `audit_auditentry`)::

    {"acting_for_id": 12, "acting_for_name": "…", "action": "dossier.receive", "actor_id": 7,
     "actor_name": "…", "data": {…}, "object_id": "…", "object_type": "dossiers.dossier",
     "occurred_at": "2025-03-01T02:30:00.000000+00:00", "prev_hash": "…", "seq": 42}

written as Python's `json.dumps(value, sort_keys=True, separators=(",", ":"),
ensure_ascii=False)` writes it:

- keys sorted by Unicode code point at every level, no whitespace between tokens;
- characters outside ASCII written as themselves (not `\\u` escapes); `"`, `\\` and control
  characters escaped as JSON requires (`\\n`, `\\t`, …, others as `\\u00XX`);
- `seq`: the entry's position in the chain, from 1; `actor_id`, `acting_for_id`: integers, or
  `null` when nobody acted (a scheduled job) or nobody was acted for;
- `occurred_at`: the instant in UTC, ISO 8601 with exactly six digits of microseconds and the
  offset `+00:00`;
- `data`: the JSON value as stored. It holds only objects with string keys, arrays, strings,
  integers, booleans and null: floating-point numbers are refused when recording, because their
  text differs between JSON libraries and PostgreSQL's `jsonb` rewrites some of them;
- `prev_hash`: the previous entry's `hash`; for the first entry, 64 zeros (`GENESIS_HASH`).

The chain head (table `audit_chainhead`, one row) records the last `seq` and its `hash`, so that
removing the newest entries is detected as well as changing or removing any other.
"""

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

GENESIS_HASH = "0" * 64

# The columns the hash covers, besides `prev_hash`; the model and the verifier both use this list.
HASHED_FIELDS = (
    "seq",
    "occurred_at",
    "action",
    "actor_id",
    "actor_name",
    "acting_for_id",
    "acting_for_name",
    "object_type",
    "object_id",
    "data",
    "prev_hash",
)


def utc_text(instant: datetime) -> str:
    return instant.astimezone(UTC).isoformat(timespec="microseconds")


def canonical_bytes(columns: dict[str, Any]) -> bytes:
    """The bytes that are hashed; `columns` maps each name in `HASHED_FIELDS` to its value."""
    document = {name: columns[name] for name in HASHED_FIELDS}
    document["occurred_at"] = utc_text(document["occurred_at"])
    text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8")


def entry_hash(columns: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_bytes(columns)).hexdigest()


def plain_json(value: Any, *, path: str = "data") -> Any:
    """`value` as the JSON the chain stores (tuples become lists), or TypeError naming the part
    that cannot be stored: a float, a non-string key, or anything that is not JSON."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, list | tuple):
        return [plain_json(item, path=f"{path}[{index}]") for index, item in enumerate(value)]
    if isinstance(value, dict):
        result = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"audit {path} has a non-string key {key!r}")
            result[key] = plain_json(item, path=f"{path}.{key}")
        return result
    if isinstance(value, float):
        raise TypeError(f"audit {path} is a float ({value!r}); store it as a string or integer")
    raise TypeError(f"audit {path} is a {type(value).__name__}, which is not JSON")
