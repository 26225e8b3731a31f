"""What a published answer must not show: the sender's name, phone numbers, identity numbers and
e-mail addresses, wherever the sender or the officer wrote them in the texts."""

import re

from motcua.accounts.models import User

HIDDEN = "***"
# Nine digits or more, possibly grouped by spaces, dots or dashes: phone and identity numbers.
_NUMBER = re.compile(r"\+?\d(?:[\s.\-]?\d){8,}")
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")


def anonymised(text: str, *, citizen: User) -> str:
    """`text` with the citizen's name and every phone, identity number and e-mail masked."""
    result = _EMAIL.sub(HIDDEN, text)
    result = _NUMBER.sub(HIDDEN, result)
    for name in {citizen.full_name.strip(), citizen.get_full_name().strip()}:
        # A one-word name ("An") would also mask place names ("An Hòa"); full names have more.
        if len(name.split()) >= 2:
            result = re.sub(re.escape(name), HIDDEN, result, flags=re.IGNORECASE)
    return result
