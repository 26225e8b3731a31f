"""Filling a notification's text: the administrator's template (Django template syntax, the
kind's placeholders only) rendered by an engine without loaders or tag libraries beyond the
built-in ones, from plain strings, without HTML escaping (these are texts, not pages).

`check` is what the admin asks before saving: a template that does not parse, or names a
placeholder its kind does not have, is refused with the reason in Vietnamese.
"""

from django.template import Context, Engine, TemplateSyntaxError
from django.utils.translation import gettext as _

from motcua.notifications.kinds import PLACEHOLDERS

_UNKNOWN = "\x00{%s}\x00"
_engine = Engine(autoescape=False, libraries={})
_checking = Engine(autoescape=False, libraries={}, string_if_invalid=_UNKNOWN % "%s")


def render(text: str, context: dict[str, str]) -> str:
    return _engine.from_string(text).render(Context(context)).strip()


def sample(kind: str) -> dict[str, str]:
    return {name: f"[{label}]" for name, label in PLACEHOLDERS[kind].items()}


def check(kind: str, text: str) -> str | None:
    """Why `text` cannot be a template of `kind`, or None when it renders."""
    try:
        shown = _checking.from_string(text).render(Context(sample(kind)))
    except TemplateSyntaxError as exc:
        return _("Mẫu viết sai cú pháp: %(error)s") % {"error": exc}
    if "\x00{" in shown:
        unknown = sorted(
            {part.split("}\x00", 1)[0] for part in shown.split("\x00{")[1:] if "}\x00" in part}
        )
        return _("Mẫu dùng biến không có: %(names)s. Các biến được dùng: %(known)s.") % {
            "names": ", ".join(unknown),
            "known": ", ".join(f"{{{{ {name} }}}}" for name in PLACEHOLDERS[kind]),
        }
    return None
