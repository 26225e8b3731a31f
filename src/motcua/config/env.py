"""Reading settings from environment variables, with development defaults kept under `var/`."""

import json
import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def flag(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def words(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [part.strip() for part in raw.split(",") if part.strip()]


def simulator(name: str, *, debug: bool) -> bool:
    """A simulator's switch: on by default with DEBUG, refused without it (a simulator shows
    codes, keys and messages to anyone)."""
    on = flag(name, debug)
    if on and not debug:
        raise ImproperlyConfigured(f"{name} may be on only with DEBUG on")
    return on


def json_object(name: str, default: dict) -> dict:
    """A JSON object from the environment; `default` when it is unset or empty."""
    return json.loads(os.environ.get(name) or "{}") or default


def mapping(name: str) -> dict[str, str]:
    """`key=value,key=value` from the environment (empty when unset)."""
    pairs = words(name, [])
    if any("=" not in pair for pair in pairs):
        raise ImproperlyConfigured(f"{name} must be key=value pairs separated by commas")
    return {key.strip(): value.strip() for key, value in (pair.split("=", 1) for pair in pairs)}


def secret_key(*, var_dir: Path, debug: bool) -> str:
    """`SECRET_KEY` from the environment; in development a key generated once and kept in var/."""
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    if not debug:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    path = var_dir / "secret_key"
    if not path.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        # Two processes may start at once (server and worker): the first writer wins.
        try:
            with path.open("x") as handle:
                handle.write(secrets.token_urlsafe(50))
        except FileExistsError:
            pass
    return path.read_text().strip()
